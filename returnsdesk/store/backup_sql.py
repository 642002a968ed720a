"""SQLite-only work on whole database files: online copies, integrity checks, facts.

These talk to SQLite directly (``store.db.raw_connection``), not through the models:
a backup reads the live store through its own read-only connection, so the app
(or another process) keeps writing while the copy is taken, and the copy is one
consistent snapshot — the state at the moment the copy began.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from returnsdesk.store.db import APPLICATION_ID, raw_connection

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
    with raw_connection(source, "read_live") as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        with raw_connection(target, "create") as writer:

            def step(_status: int, remaining: int, total: int) -> None:
                if check is not None:
                    check()
                if progress is not None:
                    progress(total - remaining, total)

            reader.backup(writer, pages=PAGES_PER_STEP, progress=step)
            writer.execute("PRAGMA journal_mode = DELETE")
        reader.execute("COMMIT")


def restore_database(source: Path, target: Path) -> None:
    """Overwrite the database ``target`` with the (verified) copy ``source``, in place.

    SQLite's backup API writes into the live file under its write lock, so any
    other connection sees either the old store or the restored one, never a mix.
    """
    with raw_connection(source) as reader, raw_connection(target, "overwrite") as writer:
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode = WAL")


def integrity_problems(path: Path, limit: int = 20) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong in a database file (empty when sound)."""
    with raw_connection(path) as conn:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    found = [row[0] for row in rows]
    return [] if found == ["ok"] else found


def database_facts(path: Path) -> DatabaseFacts:
    """The identity and size of a (copied) store, read without writing anything."""
    with raw_connection(path) as conn:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}

        def count(table: str) -> int:
            if table not in tables:
                return 0
            return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

        return DatabaseFacts(
            app_id, version, count("case"), count("ledger_entry"), count("evidence_file")
        )


def evidence_hashes(path: Path) -> list[tuple[str, int]]:
    """(sha256, size) of every evidence file a (copied) store knows."""
    with raw_connection(path) as conn:
        return [
            (row[0], row[1])
            for row in conn.execute("SELECT sha256, size FROM evidence_file ORDER BY id")
        ]
