"""The one way to open the ReturnsDesk database.

``open_store`` checks the file, sets the pragmas, runs pending migrations and
initialises the ``database`` proxy every model binds to (``bind=False`` opens a
second store without rebinding the models: the sample-data generator). Every
transaction is ``BEGIN IMMEDIATE`` so a writer takes the write lock up front
instead of failing half way with SQLITE_BUSY. Work on a whole database file —
online backup, restore, integrity check — gets a plain connection from
``raw_connection``, the one other door, which never creates or changes a file it
only reads.

The proxy, the write transaction and closing live in ``store.connection``, which
imports nothing else from store/, so no store module imports this one back.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from peewee import SqliteDatabase

from returnsdesk.domain.i18n import t
from returnsdesk.domain.text import fold_for_search
from returnsdesk.store import migrations

# The proxy, the write transaction and closing live in ``connection`` (which imports
# nothing from store/); they are re-exported here for the layers above.
from returnsdesk.store.connection import Database
from returnsdesk.store.connection import close_store as close_store
from returnsdesk.store.connection import database as database
from returnsdesk.store.connection import is_read_only as is_read_only
from returnsdesk.store.connection import write as write

#: Written into ``PRAGMA application_id`` so we recognise our own files ("RDSK").
APPLICATION_ID = 0x5244534B
SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a committed case survives a power cut
    "busy_timeout": 10_000,
    # 16 MB per connection (the GUI thread, each reader, the writer): at a million cases
    # 32 MB each kept peak memory over 250 MB with no measurable gain in speed.
    "cache_size": -16_000,
    # A sort larger than the cache spills to a temporary file (deleted as it is opened),
    # not into the process: at a million cases, a click on each inbox column header
    # with "memory" took peak memory from 220 MB to 249, and was no faster.
    "temp_store": "file",
}


class StoreError(Exception):
    """The database file cannot be used; the message says why, the file is untouched."""


def read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` without creating anything beside it.

    Without a ``-wal`` file the main file holds every committed page, so it is
    opened ``immutable`` (no locks, no ``-shm``); with one, ``mode=ro`` reads the
    WAL too (SQLite then uses the ``-wal``/``-shm`` pair that is already there).
    """
    mode = "mode=ro" if Path(f"{path}-wal").exists() else "immutable=1"
    return f"file:{quote(str(path.resolve()))}?{mode}"


def _header_fields(path: Path) -> tuple[int, int, int]:
    """(page size, page count, size) read from the 100-byte header: nothing is opened."""
    with path.open("rb") as handle:
        header = handle.read(100)
    size = path.stat().st_size
    if len(header) < 100:
        return 0, 0, size
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", header[28:32])[0]
    return page_size, pages, size


def _inspect_existing(path: Path) -> None:
    """Refuse, before writing anything, a file that is not ours, damaged or from the future.

    The file is only read: plain reads of its header, then a read-only (or
    immutable) connection, so a refused file stays byte-identical and gains no
    ``-wal``/``-shm`` files.
    """
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(
            t("{path} is not a ReturnsDesk database (it is not an SQLite file).", path=path)
        )
    page_size, pages, size = _header_fields(path)
    if not page_size or size % page_size or (pages and size < pages * page_size):
        raise StoreError(
            t(
                "{path} is damaged (the file is cut short). Restore it from a backup "
                "(returnsdesk restore).",
                path=path,
            )
        )
    try:
        with raw_connection(path) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            t("{path} cannot be read as a database ({error}).", path=path, error=exc)
        ) from None
    if tables and app_id != APPLICATION_ID:
        raise StoreError(t("{path} is an SQLite file, but not a ReturnsDesk database.", path=path))
    if version > migrations.CURRENT_VERSION:
        raise StoreError(
            t(
                "{path} was written by a newer ReturnsDesk (schema {version}; this version "
                "understands up to {current}). Update the app to open it.",
                path=path,
                version=version,
                current=migrations.CURRENT_VERSION,
            )
        )
    if version < migrations.CURRENT_VERSION and not writable(path):
        raise StoreError(
            t(
                "{path} needs updating to this version of ReturnsDesk, but its folder is "
                "read-only. Copy the data folder somewhere writable and open it there.",
                path=path,
            )
        )


def check_store_file(path: Path) -> None:
    """Refuse (StoreError) a database file the app must not open; reads it only."""
    if path.exists() and path.stat().st_size > 0:
        _inspect_existing(path)


def writable(path: Path) -> bool:
    """Whether the database and its folder can be written (SQLite needs both for WAL)."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def make_database(path: Path | str) -> SqliteDatabase:
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    db.register_function(fold_for_search, "rd_fold", 1, deterministic=True)
    return db


def make_read_only_database(path: Path | str) -> SqliteDatabase:
    """A connection that reads the store and never writes or creates a file."""
    pragmas = {k: v for k, v in PRAGMAS.items() if k not in ("journal_mode", "synchronous")}
    pragmas["query_only"] = 1
    db = SqliteDatabase(read_only_uri(Path(path)), uri=True, pragmas=pragmas)
    db.register_function(fold_for_search, "rd_fold", 1, deterministic=True)
    db.read_only = True  # type: ignore[attr-defined]
    return db


def open_store(path: Path | str, *, bind: bool = True) -> SqliteDatabase:
    """Open (creating if needed) the store at ``path`` and bind the models to it.

    A healthy store in a read-only folder opens read-only: everything that only
    reads works, and a write fails with "the folder is read-only". With
    ``bind=False`` the models stay bound to the store already open (the sample-data
    generator fills a second store through the returned connection).
    """
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _inspect_existing(path)
    if exists and not writable(path):
        db = make_read_only_database(path)
        db.connect(reuse_if_open=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = make_database(path)
        db.connect(reuse_if_open=True)
        writable_db: Database = db
        writable_db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.migrate(db)
    if bind:
        database.initialize(db)
    return db


RawMode = Literal["read", "read_live", "create", "overwrite"]


@contextmanager
def raw_connection(path: Path, mode: RawMode = "read") -> Iterator[sqlite3.Connection]:
    """A plain ``sqlite3`` connection to a whole database file, closed afterwards.

    For the work that is about the file rather than its rows (online backup, restore,
    integrity check, identity): ``read`` never writes or creates anything beside the
    file; ``read_live`` reads a store another connection may be writing (through its
    WAL); ``create`` writes a new file; ``overwrite`` writes into an existing store,
    waiting up to 10 s for its write lock. Transactions are explicit (autocommit).
    """
    if mode == "read_live":
        target = f"file:{quote(str(path))}?mode=ro" if writable(path) else read_only_uri(path)
        conn = sqlite3.connect(target, uri=True, isolation_level=None)
    elif mode == "read":
        conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    else:
        timeout = 10.0 if mode == "overwrite" else 5.0
        conn = sqlite3.connect(path, isolation_level=None, timeout=timeout)
    try:
        yield conn
    finally:
        conn.close()
