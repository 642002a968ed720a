"""Evidence use cases: attach files to a case, caption them, remove them, list them, verify them.

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
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path

from peewee import JOIN

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import number_text
from returnsdesk.domain.policy import SupplierPolicy, supplier_evidence_due
from returnsdesk.domain.text import clean_text
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.evidence_files import sniff_mime, stored_path
from returnsdesk.services.leftovers import is_leftover
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import (
    Case,
    Evidence,
    EvidenceFile,
    Order,
    ReturnLabel,
    Supplier,
    SupplierContact,
)

MAX_FILE_BYTES = 500 * 1024 * 1024
CHUNK = 1024 * 1024
#: Largest JPEG we decode for a preview (decoded at 1/8 scale with ``draft``).
MAX_JPEG_PIXELS = 120_000_000
#: Largest other image (PNG, WebP, HEIC, ...) we decode; these decode at full size.
MAX_OTHER_PIXELS = 25_000_000


class SuppliedBy(StrEnum):
    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    MERCHANT = "merchant"
    CARRIER = "carrier"


class MediaType(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    PDF = "pdf"
    OTHER = "other"


def media_type(mime: str) -> MediaType:
    if mime.startswith("image/"):
        return MediaType.IMAGE
    if mime.startswith("video/"):
        return MediaType.VIDEO
    if mime == "application/pdf":
        return MediaType.PDF
    return MediaType.OTHER


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


def pil():
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


def decodable(image) -> bool:
    """Whether an opened (not yet decoded) image is small enough to decode safely."""
    width, height = image.size
    if width <= 0 or height <= 0:
        return False
    limit = MAX_JPEG_PIXELS if image.format == "JPEG" else MAX_OTHER_PIXELS
    return width * height <= limit


def _exif_time(image) -> datetime | None:
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
            if contact is None or contact.case_id not in (None, case.id):
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
    check: Callable[[], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Evidence]:
    """Attach files to a case: copy them in by hash, then link them and log it.

    Input is validated before anything is copied, and the database rows and the
    timeline event are written in one transaction. If linking fails after the
    copy, the copied bytes remain as unreferenced files (see the module rules).
    """
    _supplied_by(supplied_by)
    clean_text(caption, "Caption")
    if Case.get_or_none(Case.id == case_id) is None:
        raise EvidenceError(t("The case no longer exists."))
    prepared = prepare_files(evidence_dir, sources, check, progress)
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


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceFilter:
    case_id: int | None = None
    rma: str = ""
    supplier_id: int | None = None
    supplied_by: str = ""
    media: str = ""
    added_from: date | None = None
    added_to: date | None = None
    include_removed: bool = False


@dataclass(frozen=True)
class EvidenceItem:
    """One row of the gallery: a link of a stored file to a case, with what the UI shows."""

    id: int
    case_id: int
    rma: str
    supplier_id: int | None
    sha256: str
    size: int
    mime: str
    width: int | None
    height: int | None
    captured_at: datetime | None
    supplied_by: str
    original_name: str
    caption: str
    added_at: datetime
    removed_at: datetime | None
    #: The case's supplier evidence deadline, if it has one (needs a delivery date).
    evidence_due: date | None

    @property
    def media(self) -> MediaType:
        return media_type(self.mime)

    @property
    def previewable(self) -> bool:
        """An image we checked at attach time: safe to decode for a thumbnail."""
        return self.media == MediaType.IMAGE and self.width is not None

    @property
    def late(self) -> bool:
        """Added after the supplier's evidence deadline (the supplier may refuse it)."""
        return self.evidence_due is not None and self.added_at.date() > self.evidence_due


def evidence_deadline(case: Case, now: datetime | None = None) -> date | None:
    """The case's supplier evidence deadline (from ``cases.assess``), or None."""
    from returnsdesk.services.cases import assess

    for deadline in assess(case, now).deadlines:
        if deadline.code == "supplier_evidence":
            return deadline.due
    return None


def _evidence_query(flt: EvidenceFilter):
    query = (
        Evidence.select(Evidence, EvidenceFile, Case, Order.delivered_on, Supplier.evidence_days)
        .join(EvidenceFile)
        .switch(Evidence)
        .join(Case)
        .join(Order)
        .switch(Case)
        .join(Supplier, JOIN.LEFT_OUTER)
    )
    if flt.case_id is not None:
        query = query.where(Evidence.case == flt.case_id)
    if flt.rma.strip():
        query = query.where(Case.rma.contains(flt.rma.strip().upper()))
    if flt.supplier_id is not None:
        query = query.where(Case.supplier == flt.supplier_id)
    if flt.supplied_by:
        query = query.where(Evidence.supplied_by == flt.supplied_by)
    if flt.media == MediaType.IMAGE:
        query = query.where(EvidenceFile.mime.startswith("image/"))
    elif flt.media == MediaType.VIDEO:
        query = query.where(EvidenceFile.mime.startswith("video/"))
    elif flt.media == MediaType.PDF:
        query = query.where(EvidenceFile.mime == "application/pdf")
    elif flt.media == MediaType.OTHER:
        query = query.where(
            ~EvidenceFile.mime.startswith("image/")
            & ~EvidenceFile.mime.startswith("video/")
            & (EvidenceFile.mime != "application/pdf")
        )
    if flt.added_from is not None:
        query = query.where(Evidence.added_at >= f"{flt.added_from.isoformat()} 00:00:00")
    if flt.added_to is not None:
        query = query.where(Evidence.added_at <= f"{flt.added_to.isoformat()} 23:59:59")
    if not flt.include_removed:
        query = query.where(Evidence.removed_at.is_null())
    return query


def count_evidence(flt: EvidenceFilter = EvidenceFilter()) -> int:
    return _evidence_query(flt).count()


def list_evidence(
    flt: EvidenceFilter = EvidenceFilter(), limit: int | None = None
) -> list[EvidenceItem]:
    """Evidence matching ``flt``, newest first (at most ``limit``); filtered in SQL.

    The late flag uses the supplier evidence deadline rule alone
    (``policy.supplier_evidence_due``), so listing thousands of items stays fast.
    """
    query = _evidence_query(flt).order_by(Evidence.added_at.desc(), Evidence.id.desc())
    if limit is not None:
        query = query.limit(limit)
    store = settings.store_policy()
    items = []
    for row in query:
        case = row.case
        supplier = case.supplier if case.supplier_id else None
        due = supplier_evidence_due(
            case.order.delivered_on,
            store,
            SupplierPolicy(evidence_days=supplier.evidence_days) if supplier else None,
        )
        file = row.file
        items.append(
            EvidenceItem(
                id=row.id,
                case_id=case.id,
                rma=case.rma,
                supplier_id=case.supplier_id,
                sha256=file.sha256,
                size=file.size,
                mime=file.mime,
                width=file.width,
                height=file.height,
                captured_at=file.captured_at,
                supplied_by=row.supplied_by,
                original_name=row.original_name,
                caption=row.caption,
                added_at=row.added_at,
                removed_at=row.removed_at,
                evidence_due=due,
            )
        )
    return items


@dataclass(frozen=True)
class CaseEvidenceSummary:
    rma: str
    due: date | None
    on_time: int
    late: int

    @property
    def total(self) -> int:
        return self.on_time + self.late


def summarize(case_id: int, items: list[EvidenceItem] | None = None) -> CaseEvidenceSummary:
    case = Case.get_by_id(case_id)
    if items is None:
        items = list_evidence(EvidenceFilter(case_id=case_id))
    due = evidence_deadline(case)
    late = sum(1 for i in items if i.late)
    return CaseEvidenceSummary(case.rma, due, len(items) - late, late)


# --- checking the store ------------------------------------------------------------------


def hash_file(path: Path, check: Callable[[], None] | None = None) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            if check is not None:
                check()
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    missing: list[str]
    mismatched: list[str]
    #: Stored files no case links any more (kept on purpose; listed for a future purge).
    unreferenced: list[str]
    #: Partial copies an interrupted import left in ``.incoming`` (``check --repair`` removes them).
    partial: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.mismatched


def verify_store(
    evidence_dir: Path,
    check: Callable[[], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> VerifyReport:
    """Re-hash every stored file the database knows; report missing and altered ones."""
    files = list(
        EvidenceFile.select(EvidenceFile.id, EvidenceFile.sha256).order_by(EvidenceFile.id)
    )
    linked = {
        row.file_id for row in Evidence.select(Evidence.file).where(Evidence.removed_at.is_null())
    } | {row.file_id for row in ReturnLabel.select(ReturnLabel.file)}
    missing, mismatched, unreferenced = [], [], []
    for index, file in enumerate(files):
        path = stored_path(evidence_dir, file.sha256)
        if not path.is_file():
            missing.append(file.sha256)
        elif hash_file(path, check) != file.sha256:
            mismatched.append(file.sha256)
        if file.id not in linked:
            unreferenced.append(file.sha256)
        if progress is not None:
            progress(index + 1, len(files))
    known = {file.sha256 for file in files}
    strays = [
        path.name
        for path in evidence_dir.glob("??/*")
        if len(path.name) == 64 and path.name not in known
    ]
    partial = [p for p in incoming_files(evidence_dir) if is_leftover(p)]
    return VerifyReport(len(files), missing, mismatched, unreferenced + sorted(strays), partial)


def known_hashes() -> set[str]:
    """The SHA-256 of every evidence file the store knows (linked or not)."""
    return {row.sha256 for row in EvidenceFile.select(EvidenceFile.sha256)}


def incoming_files(evidence_dir: Path) -> list[Path]:
    """Files in ``evidence/.incoming`` (copies in progress, or left by an interrupted one)."""
    folder = evidence_dir / ".incoming"
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
