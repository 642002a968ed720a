"""The case workspace on the operations layer (issue 17): it shows at once and reads off
the GUI thread, writes go through the one writer, and it refreshes from the change bus."""

from __future__ import annotations

from case_waits import loaded, settle
from PySide6.QtWidgets import QMessageBox

from returnsdesk.services import cases
from returnsdesk.services.changes import Area, Changes
from returnsdesk.store.db import database
from returnsdesk.store.models import Case
from returnsdesk.ui.case.workspace import CaseWorkspace
from returnsdesk.ui.operations import change_bus, write_op


def _case() -> Case:
    return Case.select().where(Case.kind == "return").order_by(Case.id).first()


def test_opening_a_case_sends_no_sql_on_the_gui_thread(qtbot, demo_store):
    """Seen: ``reload`` walked ``case.order.customer`` one query at a time on the GUI thread."""
    case = _case()
    statements: list[str] = []
    connection = database.connection()  # the GUI thread's own connection
    connection.set_trace_callback(statements.append)
    try:
        workspace = CaseWorkspace(case.id)
        qtbot.addWidget(workspace)
        assert workspace.shown is None and workspace.rma == ""  # shown at once, empty
        loaded(qtbot, workspace)
    finally:
        connection.set_trace_callback(None)
    assert statements == []
    assert workspace.rma == case.rma and workspace.notes.toPlainText() == case.notes


def test_a_write_elsewhere_refreshes_the_open_case_and_only_it(qtbot, demo_store):
    case = _case()
    other = Case.select().where(Case.id != case.id).first()
    workspace = loaded(qtbot, CaseWorkspace(case.id))
    qtbot.addWidget(workspace)
    reads: list[bool] = []
    original = workspace.refresh
    workspace.refresh = lambda adopt_version=True: (reads.append(adopt_version), original())
    with qtbot.waitSignal(change_bus().changed):
        write_op(
            None,
            lambda: cases.add_note(other.id, "about the other case"),
            changes=Changes.of(Area.CASES, cases=[other.id]),
        )
    settle(qtbot)
    assert reads == []  # another case changed: nothing read
    with qtbot.waitSignal(change_bus().changed):
        write_op(
            None,
            lambda: cases.add_note(case.id, "a note from another screen"),
            changes=Changes.of(Area.CASES, cases=[case.id]),
        )
    settle(qtbot)
    assert reads == [False]  # not its own change: unsaved edits would keep their version
    assert workspace.timeline.topLevelItem(0).text(2) == "a note from another screen"


def test_a_note_goes_through_the_writer_and_keeps_unsaved_edits(qtbot, demo_store):
    case = _case()
    workspace = loaded(qtbot, CaseWorkspace(case.id))
    qtbot.addWidget(workspace)
    workspace.return_tracking.setText("HALF-TYPED")
    workspace.return_tracking.textEdited.emit("HALF-TYPED")
    assert workspace.is_dirty()
    workspace.note_input.setText("Customer called")
    workspace.add_note()
    settle(qtbot)
    assert workspace.note_input.text() == ""
    assert workspace.timeline.topLevelItem(0).text(2) == "Customer called"
    assert workspace.is_dirty() and workspace.return_tracking.text() == "HALF-TYPED"
    assert workspace.save()  # the note's new version was adopted: no false conflict
    settle(qtbot)
    assert Case.get_by_id(case.id).return_tracking == "HALF-TYPED"
    assert not workspace.is_dirty()


def test_the_tab_is_named_once_the_case_is_read(qtbot, demo_store):
    from returnsdesk.ui.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    workspace = window.open_case(_case().id)
    index = window.case_tabs.indexOf(workspace)
    loaded(qtbot, workspace)
    assert window.case_tabs.tabText(index) == _case().rma


def test_closing_the_window_waits_for_the_save_it_asked_for(qtbot, demo_store, monkeypatch):
    from returnsdesk.ui.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    case = _case()
    workspace = loaded(qtbot, window.open_case(case.id))
    workspace.notes.setPlainText("saved on the way out")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    assert window.agree_to_close()
    assert Case.get_by_id(case.id).notes == "saved on the way out"


def test_a_refused_save_keeps_the_window_open(qtbot, demo_store, monkeypatch, refusals):
    from returnsdesk.ui.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    case = _case()
    workspace = loaded(qtbot, window.open_case(case.id))
    workspace.notes.setPlainText("mine")
    cases.add_note(case.id, "someone else wrote first")  # the version moves on
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    assert not window.agree_to_close()
    assert refusals and "changed elsewhere" in refusals[-1]
    assert Case.get_by_id(case.id).notes != "mine" and workspace.is_dirty()


def test_the_selected_cases_are_exported_off_the_gui_thread(
    qtbot, demo_store, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QFileDialog

    from returnsdesk.services.inbox import View
    from returnsdesk.ui.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show_view(View.ALL)
    qtbot.waitUntil(lambda: window.inbox.model.rowCount() > 2, timeout=5000)
    window.inbox.table.selectRow(0)
    ids = window.inbox.selected_case_ids()
    target = tmp_path / "cases.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_selection()
    settle(qtbot)
    rma = Case.get_by_id(ids[0]).rma
    assert rma in target.read_text(encoding="utf-8-sig")
    assert "Exported 1 case to" in window.statusBar().currentMessage()
