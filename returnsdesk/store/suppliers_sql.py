"""SQL behind the Suppliers area: each figure from an index or a maintained table, so the
area costs in proportion to the suppliers and the open work, not to the store's history.

- open cases per supplier: the ``supplier_case_count`` table kept by triggers
  (``store/supplier_case_counts.py``), summed over the open statuses;
- messages awaiting a reply: the ``supplier_contact_waiting`` index, whose range of
  waiting messages covers every figure read from them (no row is visited);
- median reply time: the ``supplier_contact_reply`` expression index, walked to the
  middle per supplier;
- money: the ``supplier_money_total`` table kept by triggers (``store/supplier_money.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from returnsdesk.store.connection import database
from returnsdesk.store.medians import median_of
from returnsdesk.store.sql_lists import marks

#: The reply time of an answered message, in hours (the index below is on this expression).
REPLY_HOURS = "((julianday(answered_at) - julianday(at)) * 24)"
_ANSWERED = "direction = 'sent' AND answered_at IS NOT NULL"

INDEXES = f"""
CREATE INDEX IF NOT EXISTS case_status_supplier ON "case"(status, supplier_id);
CREATE INDEX IF NOT EXISTS supplier_contact_waiting
    ON supplier_contact(awaiting_reply, answered_at, supplier_id, at, reply_due_at);
CREATE INDEX IF NOT EXISTS supplier_contact_reply ON supplier_contact(supplier_id, {REPLY_HOURS})
    WHERE {_ANSWERED};
"""


@dataclass(frozen=True, slots=True)
class SupplierNameRow:
    id: int
    name: str
    timezone: str


@dataclass(frozen=True, slots=True)
class WaitingRow:
    count: int
    overdue: int
    oldest_stamp: str | None


@dataclass(frozen=True, slots=True)
class MoneyRow:
    supplier_id: int
    currency: str
    claimed: int
    recovered: int


def supplier_names() -> list[SupplierNameRow]:
    """Every supplier, by name (case-insensitive)."""
    rows = database.execute_sql(
        "SELECT id, name, timezone FROM supplier ORDER BY lower(name), id"
    ).fetchall()
    return [SupplierNameRow(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def open_counts_sql(statuses: list[str]) -> str:
    return (
        "SELECT supplier_id, sum(cases) FROM supplier_case_count "
        f"WHERE status IN ({marks(len(statuses))}) GROUP BY supplier_id HAVING sum(cases) > 0"
    )


WAITING_SQL = (
    "SELECT supplier_id, count(*), coalesce(sum(reply_due_at <= ?), 0), min(at) "
    "FROM supplier_contact WHERE awaiting_reply = 1 AND answered_at IS NULL "
    "GROUP BY supplier_id"
)
#: One supplier's reply times in hours, as ``medians.median_of`` reads them.
REPLY_HOURS_SQL = (
    f"SELECT {REPLY_HOURS} AS value FROM supplier_contact WHERE supplier_id = ? AND {_ANSWERED}"
)


def open_case_counts(open_statuses: Iterable[str]) -> dict[int, int]:
    """Cases per supplier whose status is one of ``open_statuses``."""
    statuses = list(open_statuses)
    if not statuses:
        return {}
    rows = database.execute_sql(open_counts_sql(statuses), statuses).fetchall()
    return {int(r[0]): int(r[1]) for r in rows}


def waiting_replies(now_stamp: str) -> dict[int, WaitingRow]:
    """Per supplier: messages awaiting a reply, how many are past due, the oldest's stamp."""
    rows = database.execute_sql(WAITING_SQL, (now_stamp,)).fetchall()
    return {int(r[0]): WaitingRow(int(r[1]), int(r[2]), r[3]) for r in rows}


def median_reply_hours(supplier_ids: Iterable[int]) -> dict[int, float]:
    """The median reply time of each supplier's answered messages (absent: none answered).

    Per supplier (``medians.median_of``): a count over the index range, then the one or
    two middle values read from the index in order, never every reply of the store at once.
    """
    result: dict[int, float] = {}
    for supplier_id in supplier_ids:
        found = median_of(REPLY_HOURS_SQL, (supplier_id,))
        if found is not None:
            result[supplier_id] = found[1]
    return result


def money_totals() -> list[MoneyRow]:
    """Claimed and recovered per supplier and currency (the maintained table)."""
    rows = database.execute_sql(
        "SELECT supplier_id, currency, claimed, recovered FROM supplier_money_total "
        "ORDER BY supplier_id, currency"
    ).fetchall()
    return [MoneyRow(int(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]
