"""Evidence use cases: attach files to a case, caption them, remove them.

Listing is in ``evidence_list`` and checking the store in ``evidence_check``; their names
are importable from here too, as they always were.

Rules for the files themselves (what the README says to users):

* A file must hold at least one byte and at most ``MAX_FILE_BYTES`` (500 MB);
  anything else is refused with a message and nothing is stored.
* Files are copied into ``evidence/`` named by their SHA-256, streaming (hashed
  while copied in 1 MB chunks to a temporary file, then renamed into place), so
  a 2 GB video never sits in memory and a crash never leaves half a file under
  a real name. The same bytes added twice are stored once and linked twice.
* The type comes from the content, never the extension. A file whose content
  is not a readable, reasonably sized image — a ``.jpg`` that is really text, a
  truncated JPEG, a PNG claiming 20000×20000 pixels (a decompression bomb) — is
  still stored and linked, as a plain file without a preview: its width and
  height stay NULL and no thumbnail is ever decoded from it.
* Stored files are never altered or moved. Removing evidence from a case only
  sets ``removed_at`` (and says so on the timeline); the bytes stay, because the
  design promises never to lose an attached photo and another case may link the
  same file. A file that no case links any more is *unreferenced*: the app keeps
  it and ``verify_store`` reports it, so a future, explicit purge (after a
  backup) can delete it; nothing deletes it silently.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import number_text
from returnsdesk.domain.text import clean_text
from returnsdesk.services.clock import resolve
from returnsdesk.services.evidence_check import (
    VerifyReport,
    hash_file,
    incoming_files,
    known_hashes,
    verify_store,
)
from returnsdesk.services.evidence_files import (
    CHUNK,
    MediaType,
    media_type,
    sniff_mime,
    stored_path,
)
from returnsdesk.services.evidence_list import (
    CaseEvidenceSummary,
    EvidenceFilter,
    EvidenceItem,
    count_evidence,
    evidence_deadline,
    list_evidence,
    summarize,
)
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import (
    Case,
    Evidence,
    EvidenceFile,
    SupplierContact,
)
from returnsdesk.store.row_ids import fk_id

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

__all__ = [
    "CHUNK",
    "CaseEvidenceSummary",
    "EvidenceFilter",
    "EvidenceItem",
    "MediaType",
    "VerifyReport",
    "count_evidence",
    "evidence_deadline",
    "hash_file",
    "incoming_files",
    "known_hashes",
    "list_evidence",
    "media_type",
    "summarize",
    "verify_store",
]

MAX_FILE_BYTES = 500 * 1024 * 1024
#: Largest JPEG we decode for a preview (decoded at 1/8 scale with ``draft``).
MAX_JPEG_PIXELS = 120_000_000
#: Largest other image (PNG, WebP, HEIC, ...) we decode; these decode at full size.
MAX_OTHER_PIXELS = 25_000_000


class SuppliedBy(StrEnum):
    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    MERCHANT = "merchant"
    CARRIER = "carrier"


class EvidenceError(InputError):
    """A file the app refuses to attach (empty, too big, unreadable)."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    mime: str
    path: Path


@dataclass(frozen=True)
class ImageInfo:
    width: int | None = None
    height: int | None = None
    captured_at: datetime | None = None


# --- Pillow, loaded on first use ---------------------------------------------------------


def pil() -> ModuleType:
    """Pillow's Image module with our decompression-bomb ceiling (and HEIC if installed)."""
    from PIL import Image

    if Image.MAX_IMAGE_PIXELS != MAX_JPEG_PIXELS:
        # Pillow warns above this and raises above twice this, in Image.open; we also
        # check sizes ourselves before decoding anything (see ``decodable``).
        Image.MAX_IMAGE_PIXELS = MAX_JPEG_PIXELS
        try:  # optional: HEIC/HEIF photos from iPhones, only if pillow-heif is installed
            from pillow_heif import register_heif_opener  # type: ignore[import-not-found]

            register_heif_opener()
        except ImportError:
            pass
    return Image


def decodable(image: PILImage) -> bool:
    """Whether an opened (not yet decoded) image is small enough to decode safely."""
    width, height = image.size
    if width <= 0 or height <= 0:
        return False
    limit = MAX_JPEG_PIXELS if image.format == "JPEG" else MAX_OTHER_PIXELS
    return bool(width * height <= limit)


def _exif_time(image: PILImage) -> datetime | None:
    """DateTimeOriginal (else DateTimeDigitized) as an aware UTC time.

    EXIF times carry no zone unless OffsetTimeOriginal is present; without one
    the camera's clock is taken as UTC (stated, rather than guessing a zone).
    """
    try:
        exif = image.getexif()
        sub = exif.get_ifd(0x8769)
    except Exception:  # malformed EXIF is common; it only costs the capture time
        return None
    for tag, offset_tag in ((0x9003, 0x9011), (0x9004, 0x9012)):
        raw = sub.get(tag)
        if not isinstance(raw, str):
            continue
        try:
            moment = datetime.strptime(raw.strip("\x00 ").strip(), "%Y:%m:%d %H:%M:%S")
        except ValueError:
            continue
        if moment.year < 1990:
            continue
        zone = UTC
        offset = sub.get(offset_tag)
        if isinstance(offset, str) and len(offset.strip()) == 6:
            text = offset.strip()
            try:
                sign = -1 if text[0] == "-" else 1
                zone = timezone(sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6])))
            except ValueError:
                zone = UTC
        return moment.replace(tzinfo=zone).astimezone(UTC)
    return None


def probe_image(path: Path, mime: str) -> ImageInfo:
    """Size and capture time of an image file, or an empty ImageInfo if it is not a safe one.

    Never raises: corrupt, truncated, lying and bomb files give ``ImageInfo()``.
    Memory stays small: JPEGs are test-decoded at 1/8 scale, other images
    only when under ``MAX_OTHER_PIXELS``.
    """
    if not mime.startswith("image/"):
        return ImageInfo()
    Image = pil()
    try:
        with Image.open(path) as image:
            if not decodable(image):
                return ImageInfo()
            width, height = image.size
            captured = _exif_time(image)
            if image.format == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()  # a truncated or corrupt file fails here, not in the gallery
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ImageInfo()
    except Exception:  # Pillow raises many types for bad files; all mean "no preview"
        return ImageInfo()
    return ImageInfo(width, height, captured)


# --- copying files in ----------------------------------------------------------------------


def _check_source(path: Path) -> int:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise EvidenceError(t("{name}: no such file.", name=path.name)) from None
    except OSError as exc:
        raise EvidenceError(
            t("{name}: cannot be read ({strerror}).", name=path.name, strerror=exc.strerror)
        ) from None
    if not path.is_file():
        raise EvidenceError(t("{name}: not a file.", name=path.name))
    if info.st_size == 0:
        raise EvidenceError(
            t("{name}: the file is empty (0 bytes); nothing to attach.", name=path.name)
        )
    if info.st_size > MAX_FILE_BYTES:
        raise EvidenceError(
            t(
                "{name}: the file is too big ({size} MB; at most {limit} MB). Trim or compress "
                "the video first.",
                name=path.name,
                size=number_text(round(info.st_size / 1e6)),
                limit=MAX_FILE_BYTES // (1024 * 1024),
            )
        )
    return info.st_size


def ingest_file(
    evidence_dir: Path, source: Path, check: Callable[[], None] | None = None
) -> StoredFile:
    """Copy ``source`` into the store by hash, streaming; returns what was stored.

    ``check`` is called between chunks (e.g. ``job.check`` to allow cancelling).
    """
    source = Path(source)
    _check_source(source)
    incoming = evidence_dir / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    head = b""
    fd, tmp_name = tempfile.mkstemp(dir=incoming, prefix=f"in-{os.getpid()}-")
    tmp = Path(tmp_name)
    try:
        with open(source, "rb") as reader, os.fdopen(fd, "wb") as writer:
            while chunk := reader.read(CHUNK):
                if check is not None:
                    check()
                if len(head) < 64:
                    head += chunk[: 64 - len(head)]
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise EvidenceError(
                        t("{name}: the file grew past the size limit.", name=source.name)
                    )
            writer.flush()
            os.fsync(writer.fileno())
        if size == 0:
            raise EvidenceError(
                t("{name}: the file is empty (0 bytes); nothing to attach.", name=source.name)
            )
        sha = digest.hexdigest()
        target = stored_path(evidence_dir, sha)
        if target.exists():
            tmp.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return StoredFile(sha, size, sniff_mime(head), target)


@dataclass(frozen=True)
class PreparedFile:
    """A file already copied into the store and probed, ready to be linked (no DB yet)."""

    original_name: str
    stored: StoredFile
    info: ImageInfo


def prepare_files(
    evidence_dir: Path,
    sources: Iterable[Path | str],
    check: Callable[[], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[PreparedFile]:
    """Check every file first (so one bad file refuses all), then copy and probe each.

    The slow part of attaching, with no database lock held; safe on a worker thread.
    """
    paths = [Path(s) for s in sources]
    if not paths:
        raise EvidenceError(t("Choose at least one file to attach."))
    for path in paths:
        _check_source(path)
        clean_text(path.name, "File name")
    prepared = []
    for index, path in enumerate(paths):
        stored = ingest_file(evidence_dir, path, check)
        prepared.append(PreparedFile(path.name, stored, probe_image(stored.path, stored.mime)))
        if progress is not None:
            progress(index + 1, len(paths))
    return prepared


def _supplied_by(value: str) -> SuppliedBy:
    try:
        return SuppliedBy(value)
    except ValueError:
        choices = ", ".join(s.value for s in SuppliedBy)
        raise EvidenceError(
            t(
                "Unknown supplier of evidence {value!r} (use {choices}).",
                value=value,
                choices=choices,
            )
        ) from None


def record_file(item: PreparedFile) -> EvidenceFile:
    """The stored file's row (created once per hash); call inside a write transaction."""
    stored, info = item.stored, item.info
    EvidenceFile.insert(
        sha256=stored.sha256,
        size=stored.size,
        mime=stored.mime,
        width=info.width,
        height=info.height,
        captured_at=info.captured_at,
    ).on_conflict_ignore().execute()
    return EvidenceFile.get(EvidenceFile.sha256 == stored.sha256)


def link_files(
    case_id: int,
    prepared: list[PreparedFile],
    supplied_by: str = SuppliedBy.CUSTOMER,
    caption: str = "",
    contact_id: int | None = None,
    now: datetime | None = None,
) -> list[Evidence]:
    """Link already-stored files to a case, with one timeline event, in one transaction."""
    now = resolve(now)
    who = _supplied_by(supplied_by)
    caption = clean_text(caption, "Caption")
    with write():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise EvidenceError(t("The case no longer exists."))
        if contact_id is not None:
            contact = SupplierContact.get_or_none(SupplierContact.id == contact_id)
            if contact is None or fk_id(contact, SupplierContact.case) not in (None, case.id):
                raise EvidenceError(t("That supplier message does not belong to this case."))
        rows = []
        for item in prepared:
            file = record_file(item)
            rows.append(
                Evidence.create(
                    case=case,
                    file=file,
                    contact=contact_id,
                    supplied_by=who,
                    original_name=item.original_name,
                    caption=caption,
                    added_at=now,
                )
            )
        record_event(
            case,
            EventKind.EVIDENCE,
            "",
            now,
            code="evidence_added",
            params={"who": who.value, "names": [item.original_name for item in prepared]},
        )
    return rows


def attach_files(
    evidence_dir: Path,
    case_id: int,
    sources: Iterable[Path | str],
    supplied_by: str = SuppliedBy.CUSTOMER,
    caption: str = "",
    contact_id: int | None = None,
    now: datetime | None = None,
) -> list[Evidence]:
    """Attach files to a case: copy them in by hash, then link them and log it.

    In one go; work that shows progress or can be cancelled calls ``prepare_files``
    (on a worker) and then ``link_files`` itself.

    Input is validated before anything is copied, and the database rows and the
    timeline event are written in one transaction. If linking fails after the
    copy, the copied bytes remain as unreferenced files (see the module rules).
    """
    _supplied_by(supplied_by)
    clean_text(caption, "Caption")
    if Case.get_or_none(Case.id == case_id) is None:
        raise EvidenceError(t("The case no longer exists."))
    prepared = prepare_files(evidence_dir, sources)
    return link_files(case_id, prepared, supplied_by, caption, contact_id, now)


def set_caption(evidence_id: int, caption: str, now: datetime | None = None) -> Evidence:
    now = resolve(now)
    caption = clean_text(caption, "Caption")
    with write():
        item = Evidence.get_or_none(Evidence.id == evidence_id)
        if item is None:
            raise EvidenceError(t("That evidence no longer exists."))
        if item.caption == caption:
            return item
        item.caption = caption
        item.save(only=[Evidence.caption])
        record_event(
            item.case,
            EventKind.EVIDENCE,
            "",
            now,
            code="caption",
            params={"name": item.original_name, "caption": caption},
        )
    return item


def remove_evidence(evidence_id: int, now: datetime | None = None) -> Evidence:
    """Unlink evidence from its case (the file itself is kept; see the module rules)."""
    now = resolve(now)
    with write():
        item = Evidence.get_or_none(Evidence.id == evidence_id)
        if item is None:
            raise EvidenceError(t("That evidence no longer exists."))
        if item.removed_at is not None:
            return item
        item.removed_at = now
        item.save(only=[Evidence.removed_at])
        record_event(
            item.case,
            EventKind.EVIDENCE,
            "",
            now,
            code="evidence_removed",
            params={"name": item.original_name},
        )
    return item


def file_in_use(file_id: int) -> bool:
    """Whether any case still links this file (removed links do not count)."""
    return (
        Evidence.select().where((Evidence.file == file_id) & Evidence.removed_at.is_null()).exists()
    )
