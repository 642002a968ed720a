"""SQL behind the store health check: integrity, foreign keys, ledger rules, search index.

Each function returns plain findings (short English sentences naming the rows);
``services/health.py`` decides what is an error and what can be repaired.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

from returnsdesk.store.connection import database
from returnsdesk.store.ledger_sql import net_sql
from returnsdesk.store.search import INDEX_SOURCE


def integrity_problems(
    limit: int = 20, check: Callable[[], None] | None = None, every: int = 50_000
) -> list[str]:
    """``PRAGMA integrity_check``; ``check`` (which may raise to cancel) is called as it runs,
    so a long check of a big file can be cancelled."""
    conn = database.connection()
    stopped: list[BaseException] = []

    def poll() -> int:
        try:
            if check is not None:
                check()
        except BaseException as error:  # handed back below: SQLite only sees "stop"
            stopped.append(error)
            return 1
        return 0

    conn.set_progress_handler(poll, every)
    try:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    except sqlite3.OperationalError:
        if stopped:
            raise stopped[0] from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    found = [row[0] for row in rows]
    return [] if found == ["ok"] else found


def foreign_key_problems(limit: int = 20) -> list[str]:
    rows = database.execute_sql("PRAGMA foreign_key_check").fetchmany(limit)
    return [
        f"{table} row {rowid} points at a missing {parent} row" for table, rowid, parent, _ in rows
    ]


def _ids(sql: str) -> list[int]:
    return [row[0] for row in database.execute_sql(sql).fetchall()]


def reversals_of_missing_entries() -> list[int]:
    return _ids(
        "SELECT e.id FROM ledger_entry e LEFT JOIN ledger_entry o ON o.id = e.reverses_id "
        "WHERE e.reverses_id IS NOT NULL AND o.id IS NULL ORDER BY e.id"
    )


def reversals_that_differ() -> list[int]:
    """Reversals whose case, kind, amount or currency differ from the entry they cancel,
    or that cancel a reversal."""
    return _ids(
        "SELECT e.id FROM ledger_entry e JOIN ledger_entry o ON o.id = e.reverses_id "
        "WHERE o.case_id != e.case_id OR o.kind != e.kind OR o.amount_minor != e.amount_minor "
        "OR o.currency != e.currency OR o.reverses_id IS NOT NULL ORDER BY e.id"
    )


def entries_reversed_twice() -> list[int]:
    return _ids(
        "SELECT reverses_id FROM ledger_entry WHERE reverses_id IS NOT NULL "
        "GROUP BY reverses_id HAVING count(*) > 1 ORDER BY reverses_id"
    )


def orders_over_refunded() -> list[str]:
    """Order numbers whose net customer refunds exceed the order total with no override."""
    rows = database.execute_sql(
        'SELECT o.number FROM ledger_entry e JOIN "case" c ON c.id = e.case_id '
        "JOIN \"order\" o ON o.id = c.order_id WHERE e.kind = 'customer_refund' "
        "AND e.currency = o.currency GROUP BY o.id "
        f"HAVING SUM({net_sql('e')}) > o.total_minor "
        "AND SUM(CASE WHEN e.override_note != '' THEN 1 ELSE 0 END) = 0 ORDER BY o.id"
    ).fetchall()
    return [row[0] for row in rows]


def ledger_rows() -> Iterator[tuple[str, str, str, int, bool]]:
    """(month, kind, currency, amount, is_reversal) of every entry, for a plain re-count."""
    cursor = database.execute_sql(
        "SELECT substr(entry_date, 1, 7), kind, currency, amount_minor, "
        "reverses_id IS NOT NULL FROM ledger_entry"
    )
    for row in cursor:
        yield row[0], row[1], row[2], int(row[3]), bool(row[4])


def search_index_differences() -> tuple[int, int]:
    """(index rows missing or out of date, index rows for no case) of the FTS index."""
    stale = database.execute_sql(
        f"SELECT count(*) FROM ({INDEX_SOURCE} EXCEPT "
        "SELECT rowid, rma, order_number, customer, products, tracking, notes FROM case_search)"
    ).fetchone()[0]
    orphans = database.execute_sql(
        'SELECT count(*) FROM case_search WHERE rowid NOT IN (SELECT id FROM "case")'
    ).fetchone()[0]
    return int(stale), int(orphans)


def case_count() -> int:
    return int(database.execute_sql('SELECT count(*) FROM "case"').fetchone()[0])
