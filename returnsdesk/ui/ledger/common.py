"""Small helpers shared by the ledger widgets: locale, labels, amounts."""

from __future__ import annotations

from returnsdesk.domain.ledger import DIRECTION, Direction, LedgerKind, ledger_label
from returnsdesk.domain.money import format_money


def kind_label(kind: str) -> str:
    try:
        return ledger_label(kind)
    except ValueError:
        return kind


def direction_of(kind: str) -> Direction:
    try:
        return DIRECTION[LedgerKind(kind)]
    except ValueError:
        return Direction.NEUTRAL


def money(minor: int, currency: str, locale: str) -> str:
    return format_money(minor, currency, locale)


def reversible(entry) -> bool:
    """An entry can be reversed once, and a reversal itself cannot be."""
    return entry is not None and entry.reverses_id is None and entry.reversed_by_id is None
