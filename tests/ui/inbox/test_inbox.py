"""Driving the inbox and the case workspace like a user."""

from __future__ import annotations

import pytest
from case_waits import loaded, settle
from PySide6.QtCore import Qt
from table_waits import answered, fetch_all

from returnsdesk.domain.workflow import TRANSITIONS, Status
from returnsdesk.services import cases
from returnsdesk.store.inbox import View, case_ids
from returnsdesk.store.models import Case, CaseEvent, Customer
from returnsdesk.ui.inbox.model import COLUMNS, InboxModel
from returnsdesk.ui.inbox.widget import InboxWidget
from returnsdesk.ui.main_window import MainWindow
from returnsdesk.ui.operations import change_bus


def _new_case() -> Case:
    from returnsdesk.domain.reasons import Reason
    from returnsdesk.domain.workflow import Kind
    from returnsdesk.services.cases import OpenCaseInput
    from returnsdesk.store.models import Order

    order = Order.select().first()
    return cases.open_case(OpenCaseInput(order.id, Kind.RETURN, Reason.DEFECTIVE))


@pytest.fixture
def window(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    return window


def test_inbox_model_passes_the_model_tester(qtbot, qtmodeltester, demo_store):
    model = InboxModel()
    with qtbot.waitSignal(model.answered):
        model.refresh()
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.answered):  # the tester watches the reset the answer makes
        model.sort(COLUMNS.index("customer"), Qt.SortOrder.DescendingOrder)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)


def test_lazy_loading_fetches_pages(qtbot, demo_store, monkeypatch):
    monkeypatch.setattr(InboxModel, "page", 10)
    model = InboxModel()
    with qtbot.waitSignal(model.completed, timeout=5000):
        with qtbot.waitSignal(model.answered, timeout=5000):
            model.set_query(model.query.__class__(View.ALL))
            assert model.rowCount() == 0  # nothing read on the GUI thread
        # The first page is shown first; the rest of the ids come later.
        assert model.rowCount() == 10
        assert model.total() is None and not model.canFetchMore()
    assert model.total() == 60
    assert model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()  # the next page is read off the GUI thread, then inserted
    qtbot.waitUntil(lambda: model.rowCount() == 20)
    everything = [model.case_id(r) for r in range(20)]
    assert everything == case_ids(model.query, model.today)[:20]
    fetch_all(qtbot, model)
    shown = [model.case_id(r) for r in range(model.rowCount())]
    assert shown == case_ids(model.query, model.today)  # every case once, in order
    assert all(model.item_at(r) is not None for r in range(60))


def test_every_page_is_read_off_the_gui_thread(qtbot, demo_store, monkeypatch):
    import threading

    from returnsdesk.ui.inbox import model as inbox_model

    threads: list[bool] = []
    real = inbox_model.fetch_rows

    def fetch_rows(ids, today):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(ids, today)

    monkeypatch.setattr(inbox_model, "fetch_rows", fetch_rows)
    monkeypatch.setattr(InboxModel, "page", 10)
    model = InboxModel()
    with qtbot.waitSignal(model.completed, timeout=5000):
        model.set_query(model.query.__class__(View.ALL))
    fetch_all(qtbot, model)
    assert model.rowCount() == 60
    assert len(threads) == 6 and not any(threads)  # the first page and every later one


def test_areas_are_built_when_first_shown(qtbot, window):
    from returnsdesk.ui.evidence import EvidenceGallery
    from returnsdesk.ui.suppliers.view import SuppliersView

    assert window.suppliers is None and window.evidence is None and window.ledger is None
    assert isinstance(window.area("Suppliers"), SuppliersView)
    assert window.pages.currentWidget() is window.suppliers
    assert isinstance(window.area("Evidence"), EvidenceGallery)
    assert window.area("Suppliers") is window.suppliers  # built once


def test_views_show_their_counts_and_switch(qtbot, window):
    inbox = window.inbox
    qtbot.waitUntil(lambda: bool(inbox.counts), timeout=5000)
    texts = [inbox.tabs.tabText(i) for i in range(inbox.tabs.count())]
    assert texts[-1] == "All (60)"
    closed = (
        Case.select()
        .where(Case.status.in_(["closed", "cancelled", "resolved", "rejected", "won", "lost"]))
        .count()
    )
    window.show_view(View.CLOSED)
    # Its first page, then (when it holds more than a page) the rest of its ids, once
    # the view has stayed the same a moment; all read off the GUI thread.
    qtbot.waitUntil(lambda: inbox.model.total() == closed)
    settle(qtbot)
    assert f"Closed ({closed})" in inbox.tabs.tabText(inbox.tabs.currentIndex())
    assert "Needs action" in window.counts_label.text()


def test_search_as_you_type_uses_the_index(qtbot, window):
    inbox = window.inbox
    window.show_view(View.ALL)
    customer = Customer.select().first()
    inbox.search.setText(customer.name.split()[0])
    qtbot.waitUntil(lambda: (inbox.model.total() or 60) < 60, timeout=3000)
    names = {
        inbox.model.data(inbox.model.index(r, COLUMNS.index("customer")))
        for r in range(inbox.model.rowCount())
    }
    assert all(customer.name.split()[0] in n for n in names)


@pytest.mark.parametrize(
    "hostile", ['"', "AND", "*", "(", "NEAR(a", "a OR", "💥", "‏עברית", "x" * 200]
)
def test_hostile_search_strings_never_raise(qtbot, demo_store, hostile):
    inbox = InboxWidget()
    qtbot.addWidget(inbox)
    inbox.search.setText(hostile)
    with qtbot.waitSignal(inbox.model.answered):  # not emitted had the read failed
        inbox.refresh()
    settle(qtbot)
    assert inbox.model.total() is not None and inbox.model.total() >= 0


def test_sorting_is_done_by_the_query(qtbot, window):
    inbox = window.inbox
    window.show_view(View.ALL)
    column = COLUMNS.index("amount")
    inbox.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    answered(qtbot, inbox.model)
    first = Case.get_by_id(inbox.model.case_id(0))
    # Currencies are never mixed (issue 12): descending order starts with the last
    # currency code, at its largest amount.
    last_currency = max(c.currency for c in Case.select())
    assert first.currency == last_currency
    assert first.amount_minor == max(
        c.amount_minor for c in Case.select().where(Case.currency == last_currency)
    )


def test_selection_survives_a_refresh(qtbot, window):
    inbox = window.inbox
    window.show_view(View.ALL)
    answered(qtbot, inbox.model)
    inbox.table.selectRow(3)
    inbox.table.selectRow(4)
    chosen = inbox.selected_case_ids()
    with qtbot.waitSignal(inbox.model.modelReset):  # the rows are replaced by the answer
        inbox.refresh()
    assert inbox.selected_case_ids() == chosen and len(chosen) == 1
    assert inbox.current_case_id() == chosen[0]


def test_open_case_transition_and_timeline(qtbot, window, refusals):
    inbox = window.inbox
    new_case = _new_case()
    window.show_view(View.ALL)
    inbox.refresh()
    answered(qtbot, inbox.model)
    assert inbox.select_case(new_case.id)
    qtbot.keyClick(inbox.table, Qt.Key.Key_Return)
    workspace = window.workspace_for(new_case.id)
    assert workspace is not None and window.case_tabs.currentWidget() is workspace
    loaded(qtbot, workspace)
    buttons = {b.objectName() for b in workspace._action_buttons}
    assert "move-awaiting_supplier" in buttons and "move-closed" not in buttons
    waiting = list(View).index(View.WAITING_SUPPLIER)
    qtbot.waitUntil(lambda: "(" in inbox.tabs.tabText(waiting), timeout=5000)
    before = inbox.tabs.tabText(waiting)
    workspace.apply_transition(Status.AWAITING_SUPPLIER, note="Claim sent")
    settle(qtbot)
    assert workspace.status_label.text() == "Awaiting supplier"
    assert workspace.timeline.topLevelItem(0).text(2).startswith("New → Awaiting supplier")
    qtbot.waitUntil(lambda: inbox.tabs.tabText(waiting) != before, timeout=5000)  # recounted
    # An illegal move is refused with a message and changes nothing.
    workspace.apply_transition(Status.CLOSED)
    settle(qtbot)
    assert refusals and "cannot become closed" in refusals[-1]
    assert Case.get_by_id(new_case.id).status == "awaiting_supplier"


def test_user_text_is_shown_as_plain_text(qtbot, window):
    case = Case.select().first()
    Customer.update(name="<b>Bob</b>").where(Customer.id == case.order.customer.id).execute()
    workspace = loaded(qtbot, window.open_case(case.id))
    label = workspace.header_labels["customer"]
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().startswith("<b>Bob</b>")


def test_edits_in_two_windows_do_not_overwrite_each_other(qtbot, demo_store, refusals):
    from returnsdesk.ui.case.workspace import CaseWorkspace

    case = _new_case()
    first, second = CaseWorkspace(case.id), CaseWorkspace(case.id)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    loaded(qtbot, first)
    loaded(qtbot, second)
    second.notes.setPlainText("second window")  # typed before the first window saves
    assert second.is_dirty()
    first.return_tracking.setText("FIRST")
    first._mark_dirty()
    assert first.save()
    settle(qtbot)  # the second window hears of it, keeps its edits and their version
    assert second.return_tracking.text() == "" and second.is_dirty()
    second.save()
    settle(qtbot)
    assert "changed elsewhere" in refusals[-1]
    stored = Case.get_by_id(case.id)
    assert stored.return_tracking == "FIRST"
    assert stored.notes != "second window"
    assert second.is_dirty()  # the user's text is still there to copy


def test_unsaved_edits_ask_before_closing(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    case = _new_case()
    workspace = loaded(qtbot, window.open_case(case.id))
    workspace.notes.setPlainText("half-written thought")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    index = window.case_tabs.indexOf(workspace)
    assert not window.close_tab(index)
    settle(qtbot)
    assert window.case_tabs.indexOf(workspace) == index
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    window.close_tab(index)  # closes once the save went through
    qtbot.waitUntil(lambda: window.case_tabs.count() == index)
    assert Case.get_by_id(case.id).notes == "half-written thought"


def test_saved_note_survives_a_crash(qtbot, demo_store, tmp_path):
    """A saved note is committed at once: a second connection (another process) sees it."""
    import sqlite3

    case = Case.select().first()
    cases.add_note(case.id, "committed before the crash")
    conn = sqlite3.connect(demo_store.database_path)
    texts = [
        r[0] for r in conn.execute("SELECT text FROM case_event WHERE case_id = ?", (case.id,))
    ]
    conn.close()
    assert "committed before the crash" in texts


def test_bulk_status_change_moves_allowed_cases_only(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from returnsdesk.ui import labels
    from returnsdesk.ui.case import transition_dialog

    inbox = window.inbox
    window.show_view(View.ALL)
    settle(qtbot)
    inbox.table.selectAll()
    ids = inbox.selected_case_ids()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (labels.status("cancelled"), True))
    monkeypatch.setattr(transition_dialog.TransitionDialog, "exec", lambda self: 1)
    monkeypatch.setattr(
        transition_dialog.TransitionDialog, "values", lambda self: ("Duplicate", "")
    )
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    open_before = {c.id for c in Case.select() if Status.CANCELLED in TRANSITIONS[Status(c.status)]}
    events = CaseEvent.select().count()
    window.bulk_change_status(ids)
    settle(qtbot)
    cancelled = {c.id for c in Case.select().where(Case.status == "cancelled")}
    assert open_before <= cancelled
    assert CaseEvent.select().count() == events + len(open_before)


def test_new_case_from_an_existing_order(qtbot, demo_store, refusals):
    from returnsdesk.store.models import Order
    from returnsdesk.ui.case.new_case_dialog import NewCaseDialog

    order = Order.select().first()
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    dialog.order_search.setText(order.number)
    qtbot.waitUntil(lambda: dialog.order_results.count() == 1, timeout=3000)
    qtbot.waitUntil(lambda: dialog._order is not None, timeout=3000)
    assert dialog._order.id == order.id
    dialog.reason.setCurrentIndex(dialog.reason.findData("defective"))
    settle(qtbot)
    assert "Eligible" in dialog.preview.text() or "Not eligible" in dialog.preview.text()
    before = Case.select().count()
    dialog.accept()
    settle(qtbot)
    assert dialog.created_case_id is not None
    assert Case.select().count() == before + 1


def test_new_case_with_a_typed_order_refuses_bad_input(qtbot, demo_store, refusals):
    from returnsdesk.ui.case.new_case_dialog import NewCaseDialog

    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    dialog.source.setCurrentIndex(1)
    dialog.m_number.setText("#MANUAL-1")
    dialog.m_customer.setText("Zoë Łódź")
    dialog.m_title.setText("Lamp")
    dialog.reason.setCurrentIndex(dialog.reason.findData("defective"))
    dialog.m_price.setText("12.345")
    before = Case.select().count()
    dialog.accept()
    settle(qtbot)
    assert "decimal place" in refusals[-1]
    assert Case.select().count() == before
    dialog.m_price.setText("12.50")
    dialog.accept()
    settle(qtbot)
    assert Case.select().count() == before + 1
    assert Case.get_by_id(dialog.created_case_id).order.number == "#MANUAL-1"


def test_money_posted_in_the_workspace_reaches_timeline_ledger_and_inbox(qtbot, window):
    from returnsdesk.domain.ledger import LedgerKind

    case = _new_case()
    workspace = loaded(qtbot, window.open_case(case.id))
    panel = workspace.money
    panel.kind.setCurrentIndex(panel.kind.findData(LedgerKind.RETURN_LABEL_COST.value))
    panel.amount.setText("4.50")
    ledger = window.area("Ledger")
    window.show_view(View.ALL)
    qtbot.waitUntil(lambda: ledger.model.total() is not None)
    entries_before = ledger.model.total()
    with qtbot.waitSignal(change_bus().changed):
        assert panel.post()
    settle(qtbot)
    assert "4.50" in workspace.timeline.topLevelItem(0).text(2)
    assert workspace.timeline.topLevelItem(0).text(1) == "Money"
    # The Ledger area, hidden meanwhile, refreshes itself from the change bus when shown.
    assert window.area("Ledger") is ledger
    qtbot.waitUntil(lambda: ledger.model.total() == entries_before + 1)
