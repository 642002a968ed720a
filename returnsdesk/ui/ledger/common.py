"""Small helpers shared by the ledger widgets: locale, labels, amounts."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QCoreApplication, QLocale

from returnsdesk.domain.ledger import DIRECTION, LABELS, Direction, LedgerKind
from returnsdesk.domain.money import format_money


def ui_locale() -> str:
    """The user's locale as babel understands it (``fr_FR``), ``en`` if Qt's is unusable."""
    name = QLocale().name()
    try:
        Locale.parse(name)
    except (ValueError, UnknownLocaleError, TypeError):
        return "en"
    return name if name not in {"C", "c"} else "en"


def kind_label(kind: str) -> str:
    try:
        text = LABELS[LedgerKind(kind)]
    except ValueError:
        return kind
    return QCoreApplication.translate("LedgerKind", text)


def direction_of(kind: str) -> Direction:
    try:
        return DIRECTION[LedgerKind(kind)]
    except ValueError:
        return Direction.NEUTRAL


def money(minor: int, currency: str, locale: str) -> str:
    return format_money(minor, currency, locale)
