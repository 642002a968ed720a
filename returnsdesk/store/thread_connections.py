"""Each worker thread keeps its own connection to the store from one job to the next.

The window reads on Qt's thread pool and writes on its one writer thread. peewee gives
every thread its own connection, but keeps it in a ``threading.local`` that does not
outlive a pool job (PySide gives each job a fresh Python thread state), so every read
would open a new connection and start with a cold page cache. Instead a worker's
connection is parked between jobs, keyed by its thread, and handed back to peewee when
that thread's next job starts:

- ``begin_work()`` at the start of a job adopts this thread's parked connection (when
  it belongs to the store now open) and returns what ``end_work`` needs;
- ``end_work(work)`` at its end parks the connection again, or closes it when the store
  was closed or replaced meanwhile;
- ``close_parked()`` (closing or switching the store) closes every parked connection.
  None of them is in use: a busy thread's connection is not parked, and that thread's
  own ``end_work`` closes it.

A connection is only ever used by the thread that opened it — the writer's by the
writer, each reader's by its reader — so the writer and the readers never share one.
Worker connections are opened with ``check_same_thread=False`` only so that
``close_parked`` may close them, idle, from the thread closing the store.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass

from returnsdesk.store.connection import Database, database

log = logging.getLogger(__name__)

#: The page cache an idle worker's connection keeps (KiB): the pages every read starts
#: from (the schema, the tops of the indexes) stay warm, the rest is given back, so the
#: window's memory does not grow by a full cache per worker. A job gets its full size back.
IDLE_CACHE_KIB = 1024

_lock = threading.Lock()
#: Thread id → the idle connection, the database object it belongs to and its cache size.
_parked: dict[int, _Parked] = {}
#: Bumped by ``close_parked``: a job that started before keeps no connection.
_epoch = 0


@dataclass(frozen=True, slots=True)
class _Parked:
    db: Database
    conn: sqlite3.Connection
    cache_size: int  # the connection's own ``PRAGMA cache_size``, restored when adopted


@dataclass(frozen=True, slots=True)
class Work:
    """What ``end_work`` needs to know about the job's start."""

    epoch: int
    db: Database | None  # the database object open when the job started


def begin_work() -> Work:
    """Give this thread back its parked connection to the open store (call on a worker)."""
    db = database.obj
    with _lock:
        parked = _parked.pop(threading.get_ident(), None)
        epoch = _epoch
    if parked is not None:
        if parked.db is db and db._state.closed:
            parked.conn.execute(f"PRAGMA cache_size = {parked.cache_size}")
            db._state.set_connection(parked.conn)  # peewee's own per-thread slot
        elif parked.db is not db or db._state.conn is not parked.conn:
            parked.conn.close()  # a previous store's, or replaced: let its file go
    if db is not None:
        db.connect_params["check_same_thread"] = False
    return Work(epoch, db)


def end_work(work: Work) -> None:
    """Park this thread's connection for its next job, or close it (store closed meanwhile)."""
    db = work.db
    if db is None or db._state.closed:
        return
    conn: sqlite3.Connection = db._state.conn
    parked = None
    if not db.in_transaction():  # never kept half way through a transaction
        cache_size = int(conn.execute("PRAGMA cache_size").fetchone()[0])
        conn.execute(f"PRAGMA cache_size = -{IDLE_CACHE_KIB}")  # gives the rest back now
        parked = _Parked(db, conn, cache_size)
    with _lock:
        keep = parked is not None and work.epoch == _epoch and db is database.obj
        if keep and parked is not None:
            _parked[threading.get_ident()] = parked
    if not keep:
        conn.close()
    db._state.reset()  # the connection now lives in ``_parked`` (or nowhere)


def close_parked() -> int:
    """Close every idle worker connection (the store is closing); returns how many."""
    global _epoch
    with _lock:
        _epoch += 1
        parked = list(_parked.values())
        _parked.clear()
    for idle in parked:
        try:
            idle.conn.close()
        except sqlite3.Error as error:  # pragma: no cover - closing is best effort
            log.warning("Closing a worker's connection failed: %s", error)
    return len(parked)


def parked_count() -> int:
    """How many idle worker connections are kept (for tests and the benchmark)."""
    with _lock:
        return len(_parked)
