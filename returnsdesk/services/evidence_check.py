"""Checking the evidence store: re-hash every file, list missing, altered, unreferenced and
partial ones (``returnsdesk check`` and the health report read it)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from returnsdesk.services.evidence_files import CHUNK, stored_path
from returnsdesk.services.leftovers import is_leftover
from returnsdesk.store.models import Evidence, EvidenceFile, ReturnLabel
from returnsdesk.store.row_ids import fk_id


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
        fk_id(row, Evidence.file)
        for row in Evidence.select(Evidence.file).where(Evidence.removed_at.is_null())
    } | {fk_id(row, ReturnLabel.file) for row in ReturnLabel.select(ReturnLabel.file)}
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
