"""Waiting for the window's reads and writes in tests (they run off the GUI thread)."""

from __future__ import annotations

from returnsdesk.ui import operations, tasks


def settle(qtbot, timeout: int = 10_000) -> None:
    """Wait until every queued write is done and every read or write started from the
    window has answered on the GUI thread (the refreshes they caused included)."""
    operations.wait_for_writes()
    qtbot.waitUntil(lambda: not tasks._running, timeout=timeout)


def loaded(qtbot, workspace, timeout: int = 10_000):
    """The workspace once it shows the stored case (and everything it started is done)."""
    qtbot.waitUntil(lambda: workspace.shown is not None, timeout=timeout)
    settle(qtbot, timeout)
    return workspace
