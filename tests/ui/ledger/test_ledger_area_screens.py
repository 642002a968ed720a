"""The Ledger page, the money panel and the inbox, each shown at 1280×720 once their reads
off the GUI thread have arrived: in French nothing is left in English and nothing is cut
off (the tables show the user's own data and are not checked). Pictures go to
``/tmp/shots/ledger17`` unless ``RETURNSDESK_SHOTS`` says where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from screen_text import cut_off, english_left, window_language
from table_waits import answered

from returnsdesk.domain.i18n import t
from returnsdesk.store.models import LedgerEntry
from returnsdesk.ui.inbox.widget import InboxWidget
from returnsdesk.ui.ledger import CaseMoneyPanel, LedgerView

SHOTS = Path(os.environ.get("RETURNSDESK_SHOTS", "/tmp/shots/ledger17"))


def _show(qtbot, widget, name: str, lang: str) -> None:
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)


def _look(widget, name: str, lang: str, ignore) -> None:
    QApplication.sendPostedEvents()  # the layout follows texts that arrived just now
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}_{lang}.png"))
    if lang == "fr":
        assert english_left(widget, ignore=ignore) == []
        assert [text for text in cut_off(widget) if text not in cut_off(ignore[0])] == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ledger_page_with_its_totals(qtbot, demo_store, lang):
    with window_language(lang):
        view = LedgerView()
        _show(qtbot, view, "ledger", lang)
        qtbot.waitUntil(lambda: view.totals.text() not in ("", t("Adding up…")))
        qtbot.waitUntil(lambda: view.currency.count() > 1)  # the choices arrived
        answered(qtbot, view.model)  # and the entries, read on another worker
        assert view.model.rowCount() > 0
        _look(view, "ledger", lang, (view.table,))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_money_panel(qtbot, demo_store, lang):
    with window_language(lang):
        panel = CaseMoneyPanel(LedgerEntry.select().first().case_id)
        _show(qtbot, panel, "money_panel", lang)
        qtbot.waitUntil(lambda: panel.view is not None)  # read off the GUI thread
        answered(qtbot, panel.model)  # and its entries too
        assert panel.model.rowCount() > 0
        _look(panel, "money_panel", lang, (panel.table,))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_inbox(qtbot, demo_store, lang):
    with window_language(lang):
        inbox = InboxWidget()
        _show(qtbot, inbox, "inbox", lang)
        qtbot.waitUntil(lambda: "(" in inbox.tabs.tabText(0))  # the counts arrived
        qtbot.waitUntil(lambda: inbox.currency_filter.count() > 1)  # and the filter choices
        assert inbox.supplier_filter.count() > 1
        _look(inbox, "inbox", lang, (inbox.table,))
