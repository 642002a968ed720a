"""The Ledger page and the money panel refresh themselves from the change bus (a write
anywhere in the window), and the Ledger's first opening reads nothing on the GUI thread:
one page from a worker, then the rest of the ids (issue #17)."""

from __future__ import annotations

import threading

from factories import make_case
from table_waits import answered

from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.services import ledger
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.ledger import EntryInput
from returnsdesk.store import ledger_sql
from returnsdesk.store.models import LedgerEntry
from returnsdesk.ui.ledger import CaseMoneyPanel, LedgerView
from returnsdesk.ui.operations import write_op


def test_first_open_reads_one_page_off_the_gui_thread(qtbot, demo_store, monkeypatch):
    calls: list[tuple[bool, int | None]] = []
    original = ledger_sql.filtered_ids

    def spy(flt, sort="date", descending=True, limit=None):
        calls.append((threading.current_thread() is threading.main_thread(), limit))
        return original(flt, sort, descending, limit)

    monkeypatch.setattr(ledger_sql, "filtered_ids", spy)
    view = LedgerView(locale="en")
    qtbot.addWidget(view)
    answered(qtbot, view.model)
    assert calls == [(False, view.model.page + 1)]
    assert view.model.rowCount() == view.model.page  # the demo holds more than a page
    qtbot.waitUntil(lambda: view.model.total() == LedgerEntry.select().count())
    assert (False, None) in calls  # the whole id list came from a worker


def test_a_write_elsewhere_refreshes_the_page_and_the_panel(qtbot, store, now):
    case = make_case(now)
    view = LedgerView(locale="en")
    panel = CaseMoneyPanel(case.id, locale="en")
    qtbot.addWidget(view)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: view.totals.text() == "No entries match.")
    write_op(
        None,
        lambda: ledger.post_entry(EntryInput(case.id, K.RETURN_LABEL_COST, 450, "EUR"), now=now),
        changes=Changes.of(Area.LEDGER, cases=[case.id]),
    )
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    qtbot.waitUntil(lambda: "paid out €4.50" in view.totals.text())
    qtbot.waitUntil(lambda: "Paid out €4.50" in panel.figures.text())
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
