"""The ledger of a period, read for the accounting export (``formats.ledger_export``).

Rows stream from the store in batches, so an export of any size holds one batch at a
time. An entry row is a tuple in ``LedgerRow`` field order; a case row is (rma, order
number, customer, supplier, case kind, fault, status, currency, entry count, paid
out, recovered). The signed amount follows ``domain.ledger.signed_amount``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from returnsdesk.store import ledger_sql

__all__ = [
    "count_in_period",
    "entry_count",
    "iter_case_rows",
    "iter_period_rows",
    "max_text_lengths",
]


def count_in_period(date_from: date | None, date_to: date | None) -> int:
    """How many entries are dated within the period (both ends included)."""
    return ledger_sql.count_in_period(date_from, date_to)


def entry_count() -> int:
    """How many entries the ledger holds (the widest entry id column)."""
    return ledger_sql.count_in_period(None, None)


def iter_period_rows(date_from: date | None, date_to: date | None) -> Iterator[tuple[Any, ...]]:
    """The period's entries by date then id, streamed."""
    return ledger_sql.iter_period_rows(date_from, date_to)


def iter_case_rows(date_from: date | None, date_to: date | None) -> Iterator[tuple[Any, ...]]:
    """One row per case with entries in the period: its money within that period."""
    return ledger_sql.iter_case_rows(date_from, date_to)


def max_text_lengths(date_from: date | None, date_to: date | None) -> dict[str, int]:
    """Longest text per exported column in the period (for column widths)."""
    return ledger_sql.max_text_lengths(date_from, date_to)
