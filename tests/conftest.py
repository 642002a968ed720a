"""Shared fixtures: a fresh store in a temporary folder, a fixed clock, Qt offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOW = datetime(2026, 5, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def now() -> datetime:
    return NOW


class Clock:
    """The time every ``utc_now()`` call answers during a test (window, services, workers)."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.set(start)

    def set(self, moment: datetime) -> None:
        from returnsdesk.services.clock import set_clock

        set_clock(moment)
        self.now = moment

    def advance(self, **delta: float) -> datetime:
        """Move on by ``timedelta(**delta)`` (``clock.advance(hours=50)``); the new time."""
        self.set(self.now + timedelta(**delta))
        return self.now


@pytest.fixture
def clock(now: datetime) -> Iterator[Clock]:
    """The one injectable clock: fixed at ``now`` until the test moves it or ends."""
    from returnsdesk.services.clock import set_clock

    yield Clock(now)
    set_clock(None)


@pytest.fixture
def store(tmp_path: Path):
    """An empty, migrated store bound to the models; closed afterwards."""
    from returnsdesk.session import close_session, open_session

    session = open_session(tmp_path / "data")
    yield session
    close_session()


@pytest.fixture
def demo_store(tmp_path: Path):
    """A small demo store (60 cases), opened."""
    from returnsdesk.demo import build_demo_store
    from returnsdesk.session import close_session, open_session

    folder = tmp_path / "demo"
    build_demo_store(folder, cases=60, seed=3, now=NOW)
    session = open_session(folder)
    yield session
    close_session()


@pytest.fixture(autouse=True)
def _isolated_qt_settings(tmp_path, monkeypatch):
    """Keep QSettings (window layout) out of the real user profile during tests."""
    try:
        from PySide6.QtCore import QSettings, QStandardPaths
    except ImportError:  # pragma: no cover - Qt is a dependency
        return
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )


@pytest.fixture
def refusals(monkeypatch):
    """Collect messages the UI would show in a modal box instead of blocking the test."""
    shown: list[str] = []

    def record(parent, title, error):
        shown.append(str(error))

    for module in (
        "returnsdesk.ui.case.workspace",
        "returnsdesk.ui.case.new_case_dialog",
        "returnsdesk.ui.main_window",
    ):
        monkeypatch.setattr(f"{module}.show_error", record)
    return shown


@pytest.fixture(autouse=True)
def _window_in_english():
    """Tests read the window in English unless they switch (screen_text.window_language)."""
    from returnsdesk.domain import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    """Before a window test's fixtures close the store, let its queued writes and its
    reads finish and their answers be delivered, so none reaches the next test."""
    qtbot = getattr(item, "funcargs", {}).get("qtbot")
    if qtbot is not None:
        from case_waits import settle

        settle(qtbot)
    yield
