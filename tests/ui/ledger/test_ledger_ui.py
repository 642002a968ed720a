"""Ledger widgets: the entries model, the Ledger page and the case money panel."""

from __future__ import annotations

from datetime import date

import pytest
from case_waits import settle
from factories import make_case, make_order, make_supplier
from table_waits import answered, fetch_all

from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.services import ledger
from returnsdesk.services.ledger import EntryInput
from returnsdesk.services.timeline import EventKind, events_of
from returnsdesk.store.ledger_sql import LedgerFilter
from returnsdesk.store.models import Case, LedgerEntry
from returnsdesk.ui.ledger import CaseMoneyPanel, LedgerTableModel, LedgerView, dialogs
from returnsdesk.ui.ledger.model import COL
from returnsdesk.ui.operations import change_bus


@pytest.fixture
def answer_reverse(monkeypatch):
    """Make the reversal dialog answer with a given reason without showing it."""
    answers = []

    def ask(cls, row, locale, parent):
        return answers.pop(0) if answers else None

    monkeypatch.setattr(dialogs.ReverseDialog, "ask", classmethod(ask))
    return answers


def test_model_passes_qtmodeltester_and_fetches_lazily(demo_store, qtmodeltester, qtbot):
    model = LedgerTableModel(locale="en")
    model.page = 25
    with qtbot.waitSignal(model.completed):  # the ids after the first page, off the GUI thread
        with qtbot.waitSignal(model.answered):  # the first page, off the GUI thread too
            model.refresh()
        assert model.rowCount() == 25 and model.total() is None
    total = LedgerEntry.select().count()
    assert total > 50
    assert model.total() == total
    assert model.rowCount() == 25 and model.canFetchMore()
    qtmodeltester.check(model)
    fetch_all(qtbot, model)
    assert model.rowCount() == total
    assert len({model.id_at(r) for r in range(total)}) == total
    qtmodeltester.check(model)


def test_model_sorts_in_sql(demo_store, qtbot):
    model = LedgerTableModel(locale="en")
    model.page = 10_000
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(model.answered):
        model.refresh()
    with qtbot.waitSignal(model.answered):
        model.sort(COL["rma"], Qt.SortOrder.AscendingOrder)
    rmas = [model.item_at(r).rma for r in range(model.rowCount())]
    assert len(rmas) == LedgerEntry.select().count() and rmas == sorted(rmas)
    with qtbot.waitSignal(model.answered):
        model.sort(COL["amount"], Qt.SortOrder.DescendingOrder)
    amounts = [model.item_at(r).signed_minor for r in range(model.rowCount())]
    assert amounts == sorted(amounts, reverse=True)


def test_view_filters_and_totals(demo_store, qtbot):
    view = LedgerView(locale="en")
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.total() is not None)
    all_rows = view.model.total()
    assert all_rows == LedgerEntry.select().count()
    view.kind.setCurrentIndex(view.kind.findData(K.CUSTOMER_REFUND.value))
    qtbot.waitUntil(lambda: view.model.total() is not None)
    assert 0 < view.model.total() < all_rows
    for row in range(view.model.rowCount()):
        assert view.model.item_at(row).kind == K.CUSTOMER_REFUND
    qtbot.waitUntil(lambda: view.currency.findData("EUR") > 0)  # choices read off the GUI thread
    view.currency.setCurrentIndex(view.currency.findData("EUR"))
    qtbot.waitUntil(lambda: view.totals.text().startswith("EUR: paid out €"))
    assert "\n" not in view.totals.text()
    case = Case.get_by_id(view.model.item_at(0).case_id)
    view.rma.setText(case.rma)
    qtbot.waitUntil(lambda: view.model.filter.rma == case.rma)
    answered(qtbot, view.model)
    assert {view.model.item_at(r).rma for r in range(view.model.rowCount())} == {case.rma}
    view.period.setCurrentIndex(view.period.findData("custom"))
    view.date_from.setDate(view.date_to.date().addDays(1))
    answered(qtbot, view.model)
    assert view.model.total() == 0
    assert "after it ends" in view.totals.text()


def test_view_reversal_links_both_entries(demo_store, qtbot, answer_reverse):
    view = LedgerView(locale="en")
    qtbot.addWidget(view)
    answered(qtbot, view.model)
    view.table.selectRow(0)
    entry = view.selected_entry()
    assert view.reverse_button.isEnabled()
    answer_reverse.append("Typed the wrong amount")
    with qtbot.waitSignal(change_bus().changed):  # the write broadcasts; the view refreshes
        assert view.reverse_selected()
    reversal = LedgerEntry.get(LedgerEntry.reverses == entry.id)
    qtbot.waitUntil(lambda: view.model.row_of(reversal.id) is not None)
    assert reversal.memo == "Typed the wrong amount"
    row = view.model.row_of(entry.id)
    assert view.model.index(row, COL["reversal"]).data() == f"reversed by #{reversal.id}"
    row = view.model.row_of(reversal.id)
    assert view.model.index(row, COL["reversal"]).data() == f"reverses #{entry.id}"
    view.select_entry(reversal.id)
    assert not view.reverse_button.isEnabled()


def test_export_runs_off_the_gui_thread(demo_store, qtbot, tmp_path):
    view = LedgerView(locale="en")
    qtbot.addWidget(view)
    results = []
    target = tmp_path / "month.xlsx"
    job = dialogs.start_export(
        target, date(2000, 1, 1), date(2030, 1, 1), view, lambda r, e: results.append((r, e))
    )
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert results[0][1] is None and results[0][0].entries == LedgerEntry.select().count()
    assert target.exists()


@pytest.fixture
def panel(store, now, qtbot):
    case = make_case(now)  # order total €91.00
    widget = CaseMoneyPanel(case.id, locale="en")
    widget.confirm = lambda text: True  # the confirmation has its own tests
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.view is not None)  # its money is read off the GUI thread
    return widget


def fill(panel, kind, amount, **fields):
    panel.kind.setCurrentIndex(panel.kind.findData(kind.value))
    panel.amount.setText(amount)
    for name, value in fields.items():
        getattr(panel, name).setText(value)


def test_panel_posts_a_refund(panel, qtbot):
    assert panel.model.rowCount() == 0
    fill(panel, K.CUSTOMER_REFUND, "49.50", method="Card", memo="Partial refund")
    with qtbot.waitSignal(change_bus().changed):
        assert panel.post()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert "Paid out €49.50" in panel.figures.text()
    assert "Net cost €49.50" in panel.figures.text()
    assert "€41.50 left to give back" in panel.context.text()
    assert "Posted" in panel.message.text()
    assert panel.amount.text() == ""
    assert events_of(panel.case_id)[0].kind == EventKind.MONEY


def test_panel_refuses_over_refund_without_override(panel, qtbot):
    fill(panel, K.CUSTOMER_REFUND, "95")
    with qtbot.assertNotEmitted(change_bus().changed):
        assert panel.post()  # handed to the writer, which refuses it
        qtbot.waitUntil(lambda: "€91.00 is left to give back" in panel.message.text())
    assert LedgerEntry.select().count() == 0
    panel.override.setChecked(True)
    assert not panel.post()  # no reason yet
    assert "reason" in panel.message.text()
    panel.override_reason.setText("Customer also paid the return postage")
    with qtbot.waitSignal(change_bus().changed):
        assert panel.post()
    assert LedgerEntry.get().override_note == "Customer also paid the return postage"


def test_panel_refuses_bad_amounts_and_other_without_memo(panel, qtbot):
    for text in ("", "abc", "12.345", "-5"):
        fill(panel, K.RETURN_LABEL_COST, text)
        assert not panel.post()
        assert panel.message.text()
    fill(panel, K.OTHER_COST, "3")
    panel.post()
    qtbot.waitUntil(lambda: "memo" in panel.message.text())
    fill(panel, K.STORE_CREDIT_REDEEMED, "3")
    panel.post()
    qtbot.waitUntil(lambda: "store credit" in panel.message.text())
    assert LedgerEntry.select().count() == 0


def test_panel_parses_in_the_users_locale(store, now, qtbot):
    case = make_case(now)
    widget = CaseMoneyPanel(case.id, locale="fr_FR")
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.view is not None)
    fill(widget, K.SUPPLIER_REIMBURSEMENT, "12,50")
    with qtbot.waitSignal(change_bus().changed):
        assert widget.post()
    assert LedgerEntry.get().amount_minor == 1250
    qtbot.waitUntil(lambda: "12,50" in widget.figures.text())


def test_panel_reverses_selected_entry(panel, qtbot, answer_reverse, now):
    ledger.post_entry(EntryInput(panel.case_id, K.RETURN_LABEL_COST, 750, "EUR"), now=now)
    panel.reload()  # off the GUI thread
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.table.selectRow(0)
    assert panel.reverse_button.isEnabled()
    answer_reverse.append("Label never used")
    with qtbot.waitSignal(change_bus().changed):
        assert panel.reverse_selected()
    qtbot.waitUntil(lambda: "Paid out €0.00" in panel.figures.text())
    assert panel.model.rowCount() == 2
    assert ledger.case_money(panel.case_id).paid_out == 0
    assert LedgerFilter(case_id=panel.case_id).case_id == panel.case_id


def test_panel_reads_off_the_gui_thread_and_never_shows_an_older_cases_money(
    store, now, qtbot, monkeypatch
):
    import threading

    from returnsdesk.ui.ledger import money_panel

    first = make_case(now)
    second = make_case(now, order=make_order("#2001", make_supplier("Second supplier")))
    ledger.post_entry(EntryInput(first.id, K.RETURN_LABEL_COST, 1111, "EUR"), now=now)
    ledger.post_entry(EntryInput(second.id, K.RETURN_LABEL_COST, 2222, "EUR"), now=now)
    real = money_panel.case_money_view
    on_gui: list[bool] = []
    first_waiting, let_first_answer = threading.Event(), threading.Event()

    def case_money_view(case_id):
        on_gui.append(threading.current_thread() is threading.main_thread())
        if case_id == first.id:  # the first case's read is slow (a cold disk)
            first_waiting.set()
            let_first_answer.wait(10)
        return real(case_id)

    monkeypatch.setattr(money_panel, "case_money_view", case_money_view)
    panel = CaseMoneyPanel(first.id, locale="en")
    qtbot.addWidget(panel)
    assert panel.view is None and not panel.post_button.isEnabled()  # nothing read yet
    qtbot.waitUntil(first_waiting.is_set)
    panel.set_case(second.id)  # the user moves on before the first case's money arrives
    qtbot.waitUntil(lambda: "Paid out €22.22" in panel.figures.text())
    let_first_answer.set()
    settle(qtbot)  # the first case's late answer has reached the GUI thread ...
    assert "Paid out €22.22" in panel.figures.text()  # ... and was dropped
    assert panel.view is not None and panel.view.case_id == second.id
    assert panel.post_button.isEnabled()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.item_at(0).case_id == second.id
    assert on_gui == [False, False]  # both reads ran on a worker
