"""Backups: a consistent, verified copy of the store and its evidence, written atomically.

A backup folder (by default ``backups/`` in the data folder; a USB key or a synced
folder works too) looks like this::

    objects/ab/ab12…            evidence files by SHA-256, shared by every backup here,
                                so each backup after the first costs only what changed
    2026-11-23T19-30-00Z/       one backup: returnsdesk.sqlite3 + manifest.json
    .partial-…/                 a backup being written (never counted, cleaned up later)

The database is copied with SQLite's online backup API while the app may be
writing; evidence files are copied (hashed while copied) under a temporary name
and renamed. The copy is verified — ``PRAGMA integrity_check``, its hash, every
evidence file present with the right size — before its folder is renamed from
``.partial-…`` to its final name, so a crash or a kill leaves a complete verified
backup or none.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from returnsdesk import paths
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.retention import Retention, to_keep
from returnsdesk.services import settings
from returnsdesk.services.backup_files import (
    OBJECTS,
    copy_object,
    fsync_dir,
    hash_file,
    object_path,
    remove,
)
from returnsdesk.services.clock import resolve
from returnsdesk.services.leftovers import is_leftover
from returnsdesk.store import backup_sql, migrations
from returnsdesk.store.db import APPLICATION_ID

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "returnsdesk.sqlite3"
PARTIAL_PREFIX = ".partial-"
STAMP_FORMAT = "%Y-%m-%dT%H-%M-%SZ"
#: No backup for this long: the window warns.
WARN_AFTER = timedelta(days=7)
#: Automatic backups while the window is open: at most one per this interval.
AUTO_INTERVAL = timedelta(days=1)

SETTING_FOLDER = "backup.folder"
SETTING_AUTOMATIC = "backup.automatic"
SETTING_RETENTION = "backup.retention"
SETTING_LAST = "backup.last"


class BackupError(InputError):
    """A backup that cannot be made, read or trusted; the message says why."""


@dataclass(frozen=True)
class Manifest:
    created_at: datetime
    schema_version: int
    cases: int
    ledger_entries: int
    evidence_files: int
    database_sha256: str
    database_size: int
    evidence: list[tuple[str, int]]
    #: Evidence the store lists but whose file was missing or altered when backed up.
    evidence_not_copied: list[str] = field(default_factory=list)
    source: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "application": "ReturnsDesk",
                "created_at": self.created_at.isoformat(),
                "schema_version": self.schema_version,
                "counts": {
                    "cases": self.cases,
                    "ledger_entries": self.ledger_entries,
                    "evidence_files": self.evidence_files,
                },
                "database": {
                    "file": DATABASE,
                    "sha256": self.database_sha256,
                    "size": self.database_size,
                },
                "evidence": [{"sha256": sha, "size": size} for sha, size in self.evidence],
                "evidence_not_copied": self.evidence_not_copied,
                "source": self.source,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.get("application") != "ReturnsDesk" or data.get("format") != FORMAT:
            raise ValueError("not a ReturnsDesk backup manifest")  # caught: the caller says it
        counts = data["counts"]
        return cls(
            created_at=datetime.fromisoformat(data["created_at"]),
            schema_version=int(data["schema_version"]),
            cases=int(counts["cases"]),
            ledger_entries=int(counts["ledger_entries"]),
            evidence_files=int(counts["evidence_files"]),
            database_sha256=str(data["database"]["sha256"]),
            database_size=int(data["database"]["size"]),
            evidence=[(str(e["sha256"]), int(e["size"])) for e in data["evidence"]],
            evidence_not_copied=[str(s) for s in data.get("evidence_not_copied", [])],
            source=str(data.get("source", "")),
        )


@dataclass(frozen=True)
class Backup:
    """A complete backup in a backup folder."""

    path: Path
    manifest: Manifest

    @property
    def created_at(self) -> datetime:
        return self.manifest.created_at

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class BackupResult:
    backup: Backup
    copied_files: int
    copied_bytes: int
    removed: list[Path]


# --- settings ------------------------------------------------------------------------------


def backups_default(data_dir: Path) -> Path:
    return paths.backups_dir(data_dir)


def backup_folder(data_dir: Path) -> Path:
    """Where backups go: the folder chosen in Preferences, else the data folder's backups/."""
    chosen = settings.get_value(SETTING_FOLDER, "") or ""
    return Path(chosen).expanduser() if chosen else backups_default(data_dir)


def automatic_enabled() -> bool:
    return bool(settings.get_value(SETTING_AUTOMATIC, True))


def retention() -> Retention:
    stored = settings.get_value(SETTING_RETENTION, {}) or {}
    try:
        return Retention(**{k: int(v) for k, v in stored.items() if k in Retention.__annotations__})
    except (TypeError, ValueError):
        return Retention()


def save_backup_settings(folder: str, automatic: bool, rule: Retention) -> None:
    folder = folder.strip()
    if folder and not Path(folder).expanduser().is_absolute():
        raise BackupError(t("Choose the backup folder with its full path."))
    settings.set_value(SETTING_FOLDER, folder)
    settings.set_value(SETTING_AUTOMATIC, bool(automatic))
    settings.set_value(
        SETTING_RETENTION, {"daily": rule.daily, "weekly": rule.weekly, "monthly": rule.monthly}
    )


def last_backup_at() -> datetime | None:
    """When the last backup of this store was made (recorded in the store itself)."""
    stored = settings.get_value(SETTING_LAST, None)
    if not isinstance(stored, dict) or "at" not in stored:
        return None
    try:
        return datetime.fromisoformat(stored["at"])
    except (TypeError, ValueError):
        return None


def backup_overdue(now: datetime | None = None) -> bool:
    """True when the store has had no backup for a week (or never had one)."""
    last = last_backup_at()
    return last is None or resolve(now) - last >= WARN_AFTER


def automatic_backup_due(now: datetime | None = None) -> bool:
    last = last_backup_at()
    return automatic_enabled() and (last is None or resolve(now) - last >= AUTO_INTERVAL)


def _record_last(backup: Backup) -> None:
    try:
        settings.set_value(
            SETTING_LAST, {"at": backup.created_at.isoformat(), "path": str(backup.path)}
        )
    except Exception as error:  # a read-only store can be backed up; it just cannot remember it
        log.warning("Could not record the last backup time: %s", error)


# --- making a backup -------------------------------------------------------------------------


def _unique_name(folder: Path, moment: datetime) -> str:
    base = moment.strftime(STAMP_FORMAT)
    name, n = base, 1
    while (folder / name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def create_backup(
    data_dir: Path,
    folder: Path | None = None,
    now: datetime | None = None,
    check: Callable[[], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    rotate: bool = True,
) -> BackupResult:
    """Back up the store in ``data_dir`` into ``folder`` (default: the chosen backup folder).

    Raises BackupError (or an OSError/SQLite error a caller turns into a sentence)
    and leaves no partial backup behind when anything fails.
    """
    moment = resolve(now)
    database_path = paths.database_path(data_dir)
    if not database_path.is_file():
        raise BackupError(t("There is no store to back up in {data_dir}.", data_dir=data_dir))
    folder = _backup_folder_ready(data_dir, folder)

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)

    partial = Path(tempfile.mkdtemp(dir=folder, prefix=f"{PARTIAL_PREFIX}{os.getpid()}-"))
    try:
        copy = partial / DATABASE
        backup_sql.copy_database(
            database_path, copy, check, lambda d, t: report(d * 300 // max(t, 1), 1000)
        )
        facts = backup_sql.database_facts(copy)
        pool = _EvidenceCopy(data_dir, folder, check, report)
        pool.copy(backup_sql.evidence_hashes(copy))
        manifest = Manifest(
            created_at=moment,
            schema_version=facts.schema_version,
            cases=facts.cases,
            ledger_entries=facts.ledger_entries,
            evidence_files=facts.evidence_files,
            database_sha256=hash_file(copy, check),
            database_size=copy.stat().st_size,
            evidence=pool.stored,
            evidence_not_copied=pool.not_copied,
            source=str(data_dir),
        )
        final = _seal(partial, folder, manifest, moment, check)
    except BaseException:
        remove(partial)
        raise
    report(1000, 1000)
    backup = Backup(final, manifest)
    _record_last(backup)
    removed = rotate_backups(folder, retention()) if rotate else []
    return BackupResult(backup, pool.copied_files, pool.copied_bytes, removed)


def _backup_folder_ready(data_dir: Path, folder: Path | None) -> Path:
    """The backup folder, created if needed, with earlier crashes' leftovers cleaned."""
    folder = Path(folder) if folder is not None else backup_folder(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            t("The backup folder {folder} cannot be created ({error}).", folder=folder, error=error)
        ) from error
    if folder.resolve() == data_dir.resolve():
        raise BackupError(t("Choose a backup folder other than the data folder itself."))
    clean_leftovers(folder)
    return folder


class _EvidenceCopy:
    """Copies the evidence files a backup needs into the folder's object pool."""

    def __init__(
        self,
        data_dir: Path,
        folder: Path,
        check: Callable[[], None] | None,
        report: Callable[[int, int], None],
    ) -> None:
        self.evidence_dir = paths.evidence_dir(data_dir)
        self.folder, self.check, self.report = folder, check, report
        self.stored: list[tuple[str, int]] = []
        self.not_copied: list[str] = []
        self.copied_files = self.copied_bytes = 0

    def copy(self, evidence: list[tuple[str, int]]) -> None:
        for index, (sha, size) in enumerate(evidence):
            if self.check is not None:
                self.check()
            self._one(sha, size)
            self.report(300 + (index + 1) * 600 // max(len(evidence), 1), 1000)

    def _one(self, sha: str, size: int) -> None:
        target = object_path(self.folder, sha)
        if target.is_file() and target.stat().st_size == size:
            self.stored.append((sha, size))
            return
        source = self.evidence_dir / sha[:2] / sha
        written = copy_object(source, target, sha, self.check) if source.is_file() else None
        if written is None:
            self.not_copied.append(sha)
            log.warning("Evidence %s missing or altered in %s", sha, self.evidence_dir)
        else:
            self.stored.append((sha, written))
            self.copied_files += 1
            self.copied_bytes += written


def _seal(
    partial: Path,
    folder: Path,
    manifest: Manifest,
    moment: datetime,
    check: Callable[[], None] | None,
) -> Path:
    """Write the manifest, verify the copy, and rename it to its final name."""
    with open(partial / MANIFEST, "w", encoding="utf-8") as handle:
        handle.write(manifest.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    _verify(partial, manifest, deep=False, check=check)
    fsync_dir(partial)
    final = folder / _unique_name(folder, moment)
    os.replace(partial, final)
    fsync_dir(folder)
    return final


# --- reading and verifying -------------------------------------------------------------------


def _verify(
    path: Path, manifest: Manifest, deep: bool, check: Callable[[], None] | None = None
) -> None:
    database = path / DATABASE
    if not database.is_file():
        raise BackupError(t("{path} holds no database file.", path=path))
    if database.stat().st_size != manifest.database_size or (
        hash_file(database, check) != manifest.database_sha256
    ):
        raise BackupError(
            t("The database in {path} does not match its manifest (altered?).", path=path)
        )
    problems = backup_sql.integrity_problems(database)
    if problems:
        raise BackupError(
            t("The database in {path} is damaged: {problems}", path=path, problems=problems[0])
        )
    facts = backup_sql.database_facts(database)
    if facts.application_id != APPLICATION_ID:
        raise BackupError(t("{path} is not a ReturnsDesk backup.", path=path))
    if facts.schema_version > migrations.CURRENT_VERSION:
        raise BackupError(
            t(
                "{path} was made by a newer ReturnsDesk (schema {schema_version}); update the app "
                "to restore it.",
                path=path,
                schema_version=facts.schema_version,
            )
        )
    folder = path.parent
    for sha, size in manifest.evidence:
        if check is not None:
            check()
        target = object_path(folder, sha)
        if not target.is_file() or target.stat().st_size != size:
            raise BackupError(
                t("Evidence file {sha}… of {name} is missing.", sha=sha[:12], name=path.name)
            )
        if deep and hash_file(target, check) != sha:
            raise BackupError(
                t("Evidence file {sha}… of {name} was altered.", sha=sha[:12], name=path.name)
            )


def read_backup(path: Path) -> Backup:
    """The backup at ``path`` (its folder, or its manifest or database file), unverified."""
    path = Path(path).expanduser()
    if path.is_file() and path.name in (MANIFEST, DATABASE):
        path = path.parent
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(
            t(
                "{path} is not a ReturnsDesk backup (no {manifest} in it).",
                path=path,
                manifest=MANIFEST,
            )
        )
    try:
        manifest = Manifest.from_json(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(
            t("The manifest of {path} cannot be read ({error}).", path=path, error=error)
        ) from None
    return Backup(path.resolve(), manifest)


def verify_backup(path: Path, deep: bool = True, check: Callable[[], None] | None = None) -> Backup:
    """Read and check a backup: database hash and integrity, schema, evidence files."""
    backup = read_backup(path)
    _verify(backup.path, backup.manifest, deep, check)
    return backup


def list_backups(folder: Path) -> list[Backup]:
    """The complete backups in ``folder``, newest first (partial ones are never listed)."""
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for child in folder.iterdir():
        if child.name.startswith(".") or child.name == OBJECTS or not child.is_dir():
            continue
        try:
            found.append(read_backup(child))
        except BackupError:
            continue
    return sorted(found, key=lambda b: b.created_at, reverse=True)


# --- tidying ---------------------------------------------------------------------------------


def clean_leftovers(folder: Path, now: datetime | None = None) -> list[Path]:
    """Remove partial backups and partial object copies left by a crash or a kill."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    candidates = [p for p in folder.glob(f"{PARTIAL_PREFIX}*")]
    candidates += [p for p in (folder / OBJECTS).glob("??/.*.part")]
    for path in candidates:
        if is_leftover(path, now):
            remove(path)
            removed.append(path)
    return removed


def rotate_backups(folder: Path, rule: Retention) -> list[Path]:
    """Delete the backups ``rule`` does not keep, then the evidence no backup needs."""
    backups = list_backups(folder)
    keep = to_keep([b.created_at for b in backups], rule)
    removed = []
    for backup in backups:
        if backup.created_at not in keep:
            # Renamed first (atomic), so a kill mid-delete never leaves half a backup listed.
            doomed = folder / f"{PARTIAL_PREFIX}{os.getpid()}-old-{backup.path.name}"
            os.replace(backup.path, doomed)
            remove(doomed)
            removed.append(backup.path)
    if removed and not any(folder.glob(f"{PARTIAL_PREFIX}*")):
        needed = {sha for b in list_backups(folder) for sha, _ in b.manifest.evidence}
        for path in (folder / OBJECTS).glob("??/*"):
            if len(path.name) == 64 and path.name not in needed:
                path.unlink(missing_ok=True)
    return removed
