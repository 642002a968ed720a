"""Small helpers shared by the ledger widgets: labels, directions, reversibility."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from returnsdesk.domain.i18n.formatting import date_text
from returnsdesk.domain.ledger import DIRECTION, Direction, LedgerKind, ledger_label
from returnsdesk.services.ledger_view import LedgerRow


def kind_label(kind: str) -> str:
    """The kind's label; a kind this version does not know is shown as stored."""
    try:
        return ledger_label(kind)
    except ValueError:
        return kind


def direction_of(kind: str) -> Direction:
    try:
        return DIRECTION[LedgerKind(kind)]
    except ValueError:
        return Direction.NEUTRAL


def entry_day(iso: str) -> str:
    """An entry's date (stored as ISO text) as the window's language writes it."""
    try:
        return date_text(date.fromisoformat(iso))
    except ValueError:
        return iso


def reversible(entry: LedgerRow | None) -> bool:
    """An entry can be reversed once, and a reversal itself cannot be."""
    return entry is not None and entry.reverses_id is None and entry.reversed_by_id is None


def qdate_day(value: QDate) -> date:
    """A date edit's day as a ``date`` (``QDate.toPython`` is typed as returning object)."""
    return date(value.year(), value.month(), value.day())
