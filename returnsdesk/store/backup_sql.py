"""SQLite-only work on whole database files: online copies, integrity checks, facts.

These talk to SQLite directly (the ``sqlite3`` module), not through the models:
a backup reads the live store through its own read-only connection, so the app
(or another process) keeps writing while the copy is taken, and the copy is one
consistent snapshot — the state at the moment the copy began.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from returnsdesk.store.db import APPLICATION_ID, read_only_uri, writable

#: Pages copied per step of the online backup (4 MB with 4 KB pages).
PAGES_PER_STEP = 1024


@dataclass(frozen=True)
class DatabaseFacts:
    application_id: int
    schema_version: int
    cases: int
    ledger_entries: int
    evidence_files: int

    @property
    def ours(self) -> bool:
        return self.application_id == APPLICATION_ID


def copy_database(
    source: Path,
    target: Path,
    check: Callable[[], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Copy the live database ``source`` into a new file ``target`` (online backup API).

    The read transaction is opened before the first page is copied and held to
    the end, so writers in this or any other process carry on (WAL) and the copy
    holds exactly what was committed when it began. The copy is switched to
    rollback-journal mode so it is one self-contained file.
    """
    # A live store is read through the WAL (mode=ro); one in a read-only folder, which
    # nobody can be writing, is read as an immutable file so nothing is created beside it.
    uri = f"file:{quote(str(source))}?mode=ro" if writable(source) else read_only_uri(source)
    reader = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        writer = sqlite3.connect(target, isolation_level=None)
        try:

            def step(_status: int, remaining: int, total: int) -> None:
                if check is not None:
                    check()
                if progress is not None:
                    progress(total - remaining, total)

            reader.backup(writer, pages=PAGES_PER_STEP, progress=step)
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
        reader.execute("COMMIT")
    finally:
        reader.close()


def restore_database(source: Path, target: Path) -> None:
    """Overwrite the database ``target`` with the (verified) copy ``source``, in place.

    SQLite's backup API writes into the live file under its write lock, so any
    other connection sees either the old store or the restored one, never a mix.
    """
    reader = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        writer = sqlite3.connect(target, isolation_level=None, timeout=10)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = WAL")
        finally:
            writer.close()
    finally:
        reader.close()


def integrity_problems(path: Path, limit: int = 20) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong in a database file (empty when sound)."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    finally:
        conn.close()
    found = [row[0] for row in rows]
    return [] if found == ["ok"] else found


def database_facts(path: Path) -> DatabaseFacts:
    """The identity and size of a (copied) store, read without writing anything."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}

        def count(table: str) -> int:
            if table not in tables:
                return 0
            found: int = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            return found

        return DatabaseFacts(
            app_id, version, count("case"), count("ledger_entry"), count("evidence_file")
        )
    finally:
        conn.close()


def evidence_hashes(path: Path) -> list[tuple[str, int]]:
    """(sha256, size) of every evidence file a (copied) store knows."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return [
            (row[0], row[1])
            for row in conn.execute("SELECT sha256, size FROM evidence_file ORDER BY id")
        ]
    finally:
        conn.close()
