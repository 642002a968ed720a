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

_lock = threading.Lock()
#: Thread id → (the database object it belongs to, the idle connection).
_parked: dict[int, tuple[Database, sqlite3.Connection]] = {}
#: Bumped by ``close_parked``: a job that started before keeps no connection.
_epoch = 0


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
        owner, conn = parked
        if owner is db and db._state.closed:
            db._state.set_connection(conn)  # peewee's own per-thread slot
        elif owner is not db or db._state.conn is not conn:
            conn.close()  # a previous store's, or replaced: let its file go
    if db is not None:
        db.connect_params["check_same_thread"] = False
    return Work(epoch, db)


def end_work(work: Work) -> None:
    """Park this thread's connection for its next job, or close it (store closed meanwhile)."""
    db = work.db
    if db is None or db._state.closed:
        return
    conn = db._state.conn
    with _lock:
        keep = work.epoch == _epoch and db is database.obj and not db.in_transaction()
        if keep:
            _parked[threading.get_ident()] = (db, conn)
    if not keep:
        conn.close()  # never left half way through a transaction either
    db._state.reset()  # the connection now lives in ``_parked`` (or nowhere)


def close_parked() -> int:
    """Close every idle worker connection (the store is closing); returns how many."""
    global _epoch
    with _lock:
        _epoch += 1
        parked = list(_parked.values())
        _parked.clear()
    for _owner, conn in parked:
        try:
            conn.close()
        except sqlite3.Error as error:  # pragma: no cover - closing is best effort
            log.warning("Closing a worker's connection failed: %s", error)
    return len(parked)


def parked_count() -> int:
    """How many idle worker connections are kept (for tests and the benchmark)."""
    with _lock:
        return len(_parked)
