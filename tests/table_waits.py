"""Scrolling a lazy table in tests: the pages after the first are read off the GUI thread."""

from __future__ import annotations

from typing import Any


def fetch_all(qtbot: Any, model: Any, timeout: int = 10_000) -> None:
    """Ask for more rows until there are none left, waiting for each page to arrive."""
    while model.canFetchMore():
        before = model.rowCount()
        model.fetchMore()  # inserts the page read ahead, or asks for it to be
        _wait_for_more(qtbot, model, before, timeout)


def _wait_for_more(qtbot: Any, model: Any, before: int, timeout: int) -> None:
    qtbot.waitUntil(lambda: model.rowCount() > before, timeout=timeout)


def answered(qtbot: Any, model: Any, timeout: int = 10_000) -> None:
    """Wait until the table shows the answer to the query asked last (read off the GUI
    thread: until then it shows the rows it had)."""
    qtbot.waitUntil(lambda: not model.is_answering(), timeout=timeout)
