"""Display labels for domain values, translated in one place."""

from __future__ import annotations

from datetime import date

from returnsdesk.domain import deadlines
from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.reasons import reason_label, resolution_label
from returnsdesk.domain.workflow import kind_label, status_label, waiting_label


def status(value: str) -> str:
    return status_label(value)


def kind(value: str) -> str:
    return kind_label(value)


def reason(value: str) -> str:
    return reason_label(value)


def resolution(value: str) -> str:
    return resolution_label(value) if value else "—"


def waiting_on(value: str) -> str:
    try:
        return waiting_label(value)
    except ValueError:
        return value


def countdown(due: date, today: date) -> str:
    left = deadlines.days_left(due, today)
    if left == 0:
        return t("today")
    if left == 1:
        return t("tomorrow")
    if left > 1:
        return tn("in {n} day", "in {n} days", left)
    return tn("{n} day overdue", "{n} days overdue", -left)
