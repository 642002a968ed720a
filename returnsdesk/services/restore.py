"""Restore: bring a verified backup back into a data folder, setting the current store aside.

1. The backup is checked first (manifest, database hash and integrity, schema,
   every evidence file's hash); a bad backup changes nothing.
2. The current store, if any, is copied (online backup API, then verified) into
   ``set-aside/before-restore-<time>.sqlite3`` in the data folder.
3. The backup's evidence files are copied into ``evidence/`` (by hash; files
   already there are kept — evidence is never deleted).
4. The backup's database replaces the current one: in place through SQLite's
   backup API when a store exists (other connections see the old store or the new
   one, never a mix), or written under a temporary name and renamed when not.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from returnsdesk import paths
from returnsdesk.domain.i18n import t
from returnsdesk.services.backup import (
    DATABASE,
    STAMP_FORMAT,
    Backup,
    BackupError,
    verify_backup,
)
from returnsdesk.services.backup_files import copy_object, object_path
from returnsdesk.services.clock import resolve
from returnsdesk.store import backup_sql

SET_ASIDE = "set-aside"


@dataclass(frozen=True)
class RestoreResult:
    backup: Backup
    data_dir: Path
    set_aside: Path | None
    evidence_copied: int

    def summary(self) -> str:
        m = self.backup.manifest
        text = (
            f"Restored the store in {self.data_dir} from the backup taken "
            f"{m.created_at:%Y-%m-%d %H:%M} UTC ({m.cases:,} cases, {m.ledger_entries:,} "
            f"ledger entries, {m.evidence_files:,} evidence files)."
        )
        if self.set_aside is not None:
            text += f" The store it replaced was set aside as {self.set_aside}."
        return text


def set_aside_path(data_dir: Path, now: datetime) -> Path:
    folder = data_dir / SET_ASIDE
    name = f"before-restore-{now.strftime(STAMP_FORMAT)}.sqlite3"
    path, n = folder / name, 1
    while path.exists():
        n += 1
        path = folder / name.replace(".sqlite3", f"-{n}.sqlite3")
    return path


def restore_backup(
    backup_path: Path,
    data_dir: Path,
    now: datetime | None = None,
    check: Callable[[], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RestoreResult:
    """Restore the backup at ``backup_path`` into ``data_dir`` (see the module rules).

    The caller makes sure no other program has the store open for writing (the
    window holds a lock) and reopens the store afterwards.
    """
    moment = resolve(now)
    backup = verify_backup(Path(backup_path), deep=True, check=check)
    data_dir.mkdir(parents=True, exist_ok=True)
    database_path = paths.database_path(data_dir)
    set_aside: Path | None = None
    if database_path.is_file() and database_path.stat().st_size > 0:
        set_aside = set_aside_path(data_dir, moment)
        set_aside.parent.mkdir(parents=True, exist_ok=True)
        try:
            backup_sql.copy_database(database_path, set_aside, check)
            if backup_sql.integrity_problems(set_aside):
                raise BackupError(
                    t("The current store could not be set aside intact; nothing was restored.")
                )
        except BaseException:
            set_aside.unlink(missing_ok=True)
            raise
    evidence_dir = paths.evidence_dir(data_dir)
    copied = 0
    items = backup.manifest.evidence
    for index, (sha, _size) in enumerate(items):
        target = evidence_dir / sha[:2] / sha
        if not target.is_file():
            if copy_object(object_path(backup.folder, sha), target, sha, check) is None:
                raise BackupError(
                    t("Evidence file {sha}… of the backup was altered.", sha=sha[:12])
                )
            copied += 1
        if progress is not None:
            progress(index + 1, len(items) + 1)
    source = backup.path / DATABASE
    if set_aside is not None:
        backup_sql.restore_database(source, database_path)
    else:
        fd, tmp_name = tempfile.mkstemp(dir=data_dir, prefix=f".restore-{os.getpid()}-")
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            backup_sql.restore_database(source, tmp)
            os.replace(tmp, database_path)
        finally:
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}-wal").unlink(missing_ok=True)
            Path(f"{tmp}-shm").unlink(missing_ok=True)
    if progress is not None:
        progress(len(items) + 1, len(items) + 1)
    return RestoreResult(backup, data_dir, set_aside, copied)
