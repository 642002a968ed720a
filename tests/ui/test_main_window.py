"""The main window opens on a demo store."""

from __future__ import annotations

from returnsdesk.ui.main_window import MainWindow


def test_main_window_opens_on_demo_store(qtbot, demo_store):
    window = MainWindow(demo_store, demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "ReturnsDesk" in window.windowTitle()
