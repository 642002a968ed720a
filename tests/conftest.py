"""Shared fixtures: a fresh store in a temporary folder, a fixed clock, Qt offscreen."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOW = datetime(2026, 5, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def now() -> datetime:
    return NOW


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
