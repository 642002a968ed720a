"""The one way to open the ReturnsDesk database.

``database`` is a peewee proxy that every model binds to; ``open_store``
checks the file, sets the pragmas, runs pending migrations and initialises
the proxy. Every transaction is ``BEGIN IMMEDIATE`` so a writer takes the
write lock up front instead of failing half way with SQLITE_BUSY.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

from returnsdesk.domain.text import fold_for_search
from returnsdesk.store import migrations

database = DatabaseProxy()

#: Written into ``PRAGMA application_id`` so we recognise our own files ("RDSK").
APPLICATION_ID = 0x5244534B
SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a committed case survives a power cut
    "busy_timeout": 10_000,
    "cache_size": -32_000,
    "temp_store": "memory",
}


class StoreError(Exception):
    """The database file cannot be used; the message says why, the file is untouched."""


def _inspect_existing(path: Path) -> None:
    """Refuse, before writing anything, a file that is not ours or is from the future."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a ReturnsDesk database (it is not an SQLite file).")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be read as a database ({exc}).") from None
    if tables and app_id != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite file, but not a ReturnsDesk database.")
    if version > migrations.CURRENT_VERSION:
        raise StoreError(
            f"{path} was written by a newer ReturnsDesk (schema {version}; this version "
            f"understands up to {migrations.CURRENT_VERSION}). Update the app to open it."
        )


def make_database(path: Path | str) -> SqliteDatabase:
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    db.register_function(fold_for_search, "rd_fold", 1, deterministic=True)
    return db


def open_store(path: Path | str) -> SqliteDatabase:
    """Open (creating if needed) the store at ``path`` and bind the models to it."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        _inspect_existing(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = make_database(path)
    db.connect(reuse_if_open=True)
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db)
    database.initialize(db)
    return db


def close_store() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def write():
    """A write transaction (``BEGIN IMMEDIATE``); nests as a savepoint."""
    return database.atomic()
