"""The database every model and store query binds to, and the write transaction.

``database`` is a peewee proxy; ``store.db.open_store`` initialises it. This module
imports nothing else from ``store/``, so every store module can depend on it
without a cycle (``db`` → ``migrations`` → ``search`` → here).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias

from peewee import DatabaseProxy, _transaction

log = logging.getLogger(__name__)

database = DatabaseProxy()
#: A peewee database or the proxy (peewee carries no type information).
Database: TypeAlias = Any


def is_read_only() -> bool:
    """Whether the open store was opened read-only (its folder cannot be written)."""
    return bool(getattr(database.obj, "read_only", False))


def close_store() -> None:
    """Close this thread's connection to the open store (the last close checkpoints)."""
    if database.obj is not None and not database.is_closed():
        database.close()


@contextmanager
def write() -> Iterator[object]:
    """A write transaction (``BEGIN IMMEDIATE``); nests as a savepoint.

    When a statement or the commit fails because the disk is full or the file is
    read-only, SQLite may already have rolled the transaction back; peewee's own
    ROLLBACK then fails with "no transaction is active". That second error is
    logged and the first one — the one that says what happened — is raised.
    """
    block = database.atomic()
    helper = block.__enter__()
    try:
        yield helper
    except BaseException as error:
        try:
            block.__exit__(type(error), error, error.__traceback__)
        except Exception as rollback_error:
            log.info("Rollback after %r also failed: %s", error, rollback_error)
        raise
    else:
        if isinstance(helper, _transaction) and database.transaction_depth() == 1:
            _commit_outermost()
        else:
            block.__exit__(None, None, None)


def _commit_outermost() -> None:
    """COMMIT on the raw connection, so the error that made it fail is the one raised.

    (peewee's own commit-then-rollback re-raises the failed ROLLBACK's "no transaction
    is active" without the COMMIT's "database or disk is full" behind it.)
    """
    database.pop_transaction()
    conn = database.connection()
    try:
        conn.execute("COMMIT")
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    run_callbacks = getattr(database.obj, "_run_commit_callbacks", None)
    if run_callbacks is not None:
        run_callbacks()
