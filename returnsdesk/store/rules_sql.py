"""Queries the rules engine's facts need that are not plain peewee."""

from __future__ import annotations

from datetime import date

from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.store.connection import database
from returnsdesk.store.ledger_sql import net_sql


def refund_completed_on(case_id: int, amount_minor: int) -> date | None:
    """The day the case's customer refunds (net of reversals) first reached ``amount_minor``
    and stayed there, or None when the refund is not complete today."""
    if amount_minor <= 0:
        return None
    rows = database.execute_sql(
        f"SELECT entry_date, SUM({net_sql('ledger_entry')}) "
        "FROM ledger_entry WHERE case_id = ? AND kind = ? GROUP BY entry_date ORDER BY entry_date",
        (case_id, LedgerKind.CUSTOMER_REFUND.value),
    ).fetchall()
    total, reached = 0, None
    for day, amount in rows:
        total += int(amount)
        reached = (reached or date.fromisoformat(day)) if total >= amount_minor else None
    return reached
