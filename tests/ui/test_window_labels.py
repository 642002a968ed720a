"""Countdowns and ages in the window say their plural properly in both languages
(issue #13: no hand-made "1 days"/"{n} case(s)")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from screen_text import window_language

from returnsdesk.domain.i18n.formatting import moment_text
from returnsdesk.ui import labels
from returnsdesk.ui.backup.status import age_text

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("days", "english", "french"),
    [
        (0, "today", "aujourd’hui"),
        (1, "tomorrow", "demain"),
        (3, "in 3 days", "dans 3 jours"),
        (-1, "1 day overdue", "1 jour de retard"),
        (-4, "4 days overdue", "4 jours de retard"),
    ],
)
def test_countdown(days, english, french):
    due = TODAY + timedelta(days=days)
    assert labels.countdown(due, TODAY) == english
    with window_language("fr"):
        assert labels.countdown(due, TODAY) == french


@pytest.mark.parametrize(
    ("minutes", "english", "french"),
    [
        (1, "just now", "à l’instant"),
        (90, "90 minutes ago", "il y a 90 minutes"),
        (60 * 30, "30 hours ago", "il y a 30 heures"),
        (60 * 24 * 3, "3 days ago", "il y a 3 jours"),
    ],
)
def test_backup_age(minutes, english, french):
    age = timedelta(minutes=minutes)
    assert age_text(age) == english
    with window_language("fr"):
        assert age_text(age) == french


def test_moment_in_french():
    with window_language("fr"):
        assert moment_text(datetime(2026, 11, 23, 9, 5, tzinfo=UTC)).startswith("23 nov. 2026")
