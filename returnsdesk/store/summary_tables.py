"""Every summary table of the store, suspended and resumed together around a bulk load.

The demo calls ``suspend_all`` before writing its rows and ``resume_all`` after them, in
the same transaction, so the summaries are computed once instead of row by row.
"""

from __future__ import annotations

from returnsdesk.store import (
    claims,
    evidence_counts,
    ledger_days,
    sales,
    supplier_case_counts,
    supplier_money,
)
from returnsdesk.store.connection import Database
from returnsdesk.store.summary_table import SummaryTable

ALL: tuple[SummaryTable, ...] = (
    sales.SUMMARY,
    claims.SUMMARY,
    supplier_money.SUMMARY,
    ledger_days.SUMMARY,
    supplier_case_counts.SUMMARY,
    evidence_counts.SUMMARY,
)


def suspend_all(db: Database) -> None:
    """Drop every summary table's triggers before a bulk load."""
    for table in ALL:
        table.suspend(db)


def resume_all(db: Database) -> None:
    """Recompute every summary table and put its triggers back after a bulk load."""
    for table in ALL:
        table.resume(db)
