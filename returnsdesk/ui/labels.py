"""Display labels for domain values, translated in one place."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QLocale

from returnsdesk.domain import deadlines
from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.money import format_money
from returnsdesk.domain.reasons import reason_label, resolution_label
from returnsdesk.domain.workflow import kind_label, status_label


def status(value: str) -> str:
    return status_label(value)


def kind(value: str) -> str:
    return kind_label(value)


def reason(value: str) -> str:
    return reason_label(value)


def resolution(value: str) -> str:
    return resolution_label(value) if value else "—"


WAITING = {
    "me": N_("Me"),
    "customer": N_("Customer"),
    "supplier": N_("Supplier"),
    "carrier": N_("Carrier"),
    "bank": N_("Bank"),
    "nobody": "—",
}


def waiting_on(value: str) -> str:
    return t(WAITING.get(value, value))


@lru_cache(maxsize=8)
def _babel_locale(qt_name: str) -> str:
    try:
        Locale.parse(qt_name)
    except (UnknownLocaleError, ValueError):
        return "en"
    return qt_name


def locale_name() -> str:
    """Babel locale name of the UI locale, e.g. 'fr_FR' ('en' when Qt's is 'C')."""
    return _babel_locale(QLocale().name())


def money(minor: int, currency: str) -> str:
    return format_money(minor, currency, locale_name())


def day(value: date | None) -> str:
    if value is None:
        return "—"
    return QLocale().toString(value, QLocale.FormatType.ShortFormat)


def moment(value: datetime | None) -> str:
    if value is None:
        return "—"
    return QLocale().toString(value.astimezone(), QLocale.FormatType.ShortFormat)


def countdown(due: date, today: date) -> str:
    left = deadlines.days_left(due, today)
    if left == 0:
        return t("today")
    if left == 1:
        return t("tomorrow")
    if left > 1:
        return t("in {n} days").format(n=left)
    if left == -1:
        return t("1 day overdue")
    return t("{n} days overdue").format(n=-left)
