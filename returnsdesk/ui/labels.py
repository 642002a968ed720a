"""Display labels for domain values, translated in one place."""

from __future__ import annotations

from datetime import date, datetime

from returnsdesk.domain import deadlines
from returnsdesk.domain.i18n import N_, t, tn
from returnsdesk.domain.i18n.formatting import babel_locale, date_text, moment_text, money_text
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


def locale_name() -> str:
    """Babel locale of the window's language (for parsing typed amounts)."""
    return babel_locale()


def money(minor: int, currency: str) -> str:
    return money_text(minor, currency)


def day(value: date | None) -> str:
    return date_text(value)


def moment(value: datetime | None) -> str:
    return moment_text(value)


def countdown(due: date, today: date) -> str:
    left = deadlines.days_left(due, today)
    if left == 0:
        return t("today")
    if left == 1:
        return t("tomorrow")
    if left > 1:
        return tn("in {n} day", "in {n} days", left)
    return tn("{n} day overdue", "{n} days overdue", -left)
