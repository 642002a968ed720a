"""Showing a moment in the user's and the supplier's local time side by side."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from returnsdesk.domain.deadlines import require_aware, zone
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text, decimal_text, moment_text


def _clock(moment: datetime) -> str:
    """'20:00 Fri' / '20:00 ven.': an hour and the (translated) day of the week."""
    return f"{moment.strftime('%H:%M')} {date_text(moment.date(), length='EEE')}"


def _zone(name: str) -> ZoneInfo | None:
    """The supplier's zone, or None for a name that is not one (being typed, or stored by an
    older version): the only refusal meant here. A naive moment is a programming error and
    is not caught."""
    try:
        return zone(name)
    except ValueError:  # domain.deadlines.zone: unknown or malformed name
        return None


def both_times(moment: datetime, supplier_timezone: str) -> str:
    """'23 Nov 2026, 14:05 · theirs 21:05 Mon' (the supplier's zone name is in tooltips)."""
    mine = moment_text(moment)
    theirs = _zone(supplier_timezone)
    if theirs is None:
        return mine
    require_aware(moment, "moment")
    return t("{mine} · theirs {time}", mine=mine, time=_clock(moment.astimezone(theirs)))


def supplier_clock(supplier_timezone: str, now: datetime) -> str:
    theirs = _zone(supplier_timezone)
    if theirs is None:
        return "—"
    require_aware(now, "now")
    return f"{_clock(now.astimezone(theirs))} ({supplier_timezone})"


def waited(hours: float) -> str:
    if hours < 48:
        return t("{hours} h", hours=f"{hours:.0f}")
    return t("{days} days", days=decimal_text(hours / 24))
