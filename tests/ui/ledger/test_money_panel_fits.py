"""The money panel's posting form is visible without scrolling in a case opened in a
1280×720 window (issue #13, seen when tried), in English and in French."""

from __future__ import annotations

import pytest
from case_waits import loaded
from PySide6.QtWidgets import QScrollArea
from screen_text import cut_off, english_left, window_language

from returnsdesk.store.models import LedgerEntry
from returnsdesk.ui.main_window import MainWindow


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_posting_form_shows_whole_at_1280x720(qtbot, demo_store, lang):
    with window_language(lang):
        window = MainWindow(demo_store)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        workspace = loaded(qtbot, window.open_case(LedgerEntry.select().first().case_id))
        panel = workspace.money
        area = panel.parentWidget().parentWidget()  # the tab scrolls the panel if it must
        assert isinstance(area, QScrollArea)
        workspace.lower_tabs.setCurrentWidget(area)
        qtbot.waitUntil(lambda: panel.isVisible())
        assert area.verticalScrollBar().maximum() == 0
        viewport = area.viewport().rect()
        for widget in (panel.kind, panel.amount, panel.date, panel.memo, panel.post_button):
            corner = widget.mapTo(area.viewport(), widget.rect().bottomRight())
            assert viewport.contains(corner), widget
        if lang == "fr":
            assert english_left(panel, ignore=(panel.table,)) == []
            assert cut_off(panel) == []
