"""Showing a moment in the user's and the supplier's local time side by side."""

from __future__ import annotations

from datetime import datetime

from returnsdesk.domain.deadlines import to_local


def both_times(moment: datetime, supplier_timezone: str) -> str:
    """'23 Nov 2026 14:05 · theirs 21:05 Mon' (the supplier's zone name is in tooltips)."""
    mine = moment.astimezone()
    try:
        theirs = to_local(moment, supplier_timezone)
    except ValueError:
        return mine.strftime("%d %b %Y %H:%M")
    return f"{mine.strftime('%d %b %Y %H:%M')} · theirs {theirs.strftime('%H:%M %a')}"


def supplier_clock(supplier_timezone: str, now: datetime) -> str:
    try:
        theirs = to_local(now, supplier_timezone)
    except ValueError:
        return "—"
    return f"{theirs.strftime('%a %H:%M')} ({supplier_timezone})"


def waited(hours: float) -> str:
    if hours < 48:
        return f"{hours:.0f} h"
    return f"{hours / 24:.1f} days"
