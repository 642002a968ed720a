"""Days and times between Qt's date widgets and Python, typed (``toPython()`` is not)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDateEdit, QTimeEdit, QWidget


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def time_of(edit: QTimeEdit) -> time:
    value: QTime = edit.time()
    return time(value.hour(), value.minute())


def date_edit(parent: QWidget, day: date | None = None) -> QDateEdit:
    """A date field with a calendar, showing the month in words ("9 Nov 2026": never
    "09/11/2026", where day and month could be swapped)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    if day is not None:
        edit.setDate(qdate(day))
    return edit
