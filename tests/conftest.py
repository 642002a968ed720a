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
