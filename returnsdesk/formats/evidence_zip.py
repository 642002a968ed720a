"""Evidence pack for a supplier claim: a zip of a case's files plus an index.

The zip holds every (not removed) file of the case under a numbered, safe
name, and ``index.csv`` / ``index.txt`` listing file name, original name,
caption, who supplied it, capture and add times, size, type and SHA-256.
Each file's hash is checked while it is copied, so a damaged store is
reported instead of exported. The zip is written to a temporary file next to
the target and renamed into place.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.fileio import atomic_path
from returnsdesk.services.evidence_files import CHUNK, stored_path
from returnsdesk.services.evidence_list import EvidenceItem, EvidencePack, evidence_pack

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = [
    "file",
    "original_name",
    "caption",
    "supplied_by",
    "captured_at",
    "added_at",
    "after_evidence_deadline",
    "size_bytes",
    "type",
    "sha256",
]


class ExportError(InputError):
    """The pack cannot be made (no evidence, damaged store file)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    files: int
    bytes: int


def _safe_name(index: int, original: str) -> str:
    stem = _UNSAFE.sub("_", original).strip("._") or "file"
    return f"{index:02d}_{stem[:80]}"


def _cell(value: str) -> str:
    """Spreadsheet-safe text: a cell that looks like a formula is written as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _stamp(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def _rows(items: list[tuple[str, EvidenceItem]]) -> list[list[str]]:
    return [
        [
            name,
            item.original_name,
            item.caption,
            item.supplied_by,
            _stamp(item.captured_at),
            _stamp(item.added_at),
            "yes" if item.late else "no",
            str(item.size),
            item.mime,
            item.sha256,
        ]
        for name, item in items
    ]


def _index_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 right


def _index_txt(pack: EvidencePack, rows: list[list[str]]) -> bytes:
    due = pack.due
    lines = [
        f"Evidence for {pack.rma} (order {pack.order_number})",
        f"Supplier evidence deadline: {due.isoformat() if due else 'none'}",
        f"{len(rows)} file(s). SHA-256 hashes let the recipient check nothing was altered.",
        "",
    ]
    for row in rows:
        record = dict(zip(COLUMNS, row, strict=True))
        lines.append(record["file"])
        lines.append(f"  original name: {record['original_name']}")
        if record["caption"]:
            lines.append(f"  caption:       {record['caption']}")
        lines.append(f"  supplied by:   {record['supplied_by']}")
        lines.append(f"  captured:      {record['captured_at'] or 'unknown'}")
        late = (
            " (after the evidence deadline)" if record["after_evidence_deadline"] == "yes" else ""
        )
        lines.append(f"  added:         {record['added_at']}{late}")
        lines.append(f"  type, size:    {record['type']}, {int(record['size_bytes']):,} bytes")
        lines.append(f"  sha256:        {record['sha256']}")
        lines.append("")
    return "\r\n".join(lines).encode("utf-8")


def export_case_evidence(
    evidence_dir: Path,
    case_id: int,
    out: Path,
    check: Callable[[], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    pack = evidence_pack(case_id)
    if pack is None:
        raise ExportError(t("The case no longer exists."))
    items = list(pack.items)  # oldest first
    if not items:
        raise ExportError(t("{rma} has no evidence to export.", rma=pack.rma))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    named = [(_safe_name(i + 1, item.original_name), item) for i, item in enumerate(items)]
    total = 0
    with (
        atomic_path(out, suffix=".zip") as tmp,
        tmp.open("wb") as raw,
        zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for index, (name, item) in enumerate(named):
            source = stored_path(evidence_dir, item.sha256)
            if not source.is_file():
                raise ExportError(
                    t(
                        "{name}: the stored file is missing.",
                        name=item.original_name,
                    )
                )
            compress = (
                zipfile.ZIP_STORED
                if item.mime.startswith(("image/jpeg", "video/"))
                else zipfile.ZIP_DEFLATED
            )
            info = zipfile.ZipInfo(name, item.added_at.timetuple()[:6])
            info.compress_type = compress
            digest = hashlib.sha256()
            with (
                open(source, "rb") as reader,
                archive.open(info, "w", force_zip64=True) as writer,
            ):
                while chunk := reader.read(CHUNK):
                    if check is not None:
                        check()
                    digest.update(chunk)
                    writer.write(chunk)
            if digest.hexdigest() != item.sha256:
                raise ExportError(
                    t(
                        "{name}: the stored file no longer matches its hash (damaged). "
                        "Restore the evidence folder from a backup.",
                        name=item.original_name,
                    )
                )
            total += item.size
            if progress is not None:
                progress(index + 1, len(named))
        rows = _rows(named)
        archive.writestr("index.csv", _index_csv(rows))
        archive.writestr("index.txt", _index_txt(pack, rows))
    return ExportResult(out, len(named), total)
