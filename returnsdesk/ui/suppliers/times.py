"""Showing a moment in the user's and the supplier's local time side by side."""

from __future__ import annotations

from datetime import datetime

from returnsdesk.domain.deadlines import to_local
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text, decimal_text, moment_text


def _clock(moment: datetime) -> str:
    """'20:00 Fri' / '20:00 ven.': an hour and the (translated) day of the week."""
    return f"{moment.strftime('%H:%M')} {date_text(moment.date(), length='EEE')}"


def both_times(moment: datetime, supplier_timezone: str) -> str:
    """'23 Nov 2026, 14:05 · theirs 21:05 Mon' (the supplier's zone name is in tooltips)."""
    mine = moment_text(moment)
    try:
        theirs = to_local(moment, supplier_timezone)
    except ValueError:
        return mine
    return t("{mine} · theirs {time}", mine=mine, time=_clock(theirs))


def supplier_clock(supplier_timezone: str, now: datetime) -> str:
    try:
        theirs = to_local(now, supplier_timezone)
    except ValueError:
        return "—"
    return f"{_clock(theirs)} ({supplier_timezone})"


def waited(hours: float) -> str:
    if hours < 48:
        return t("{hours} h", hours=f"{hours:.0f}")
    return t("{days} days", days=decimal_text(hours / 24))
