"""The case workspace on a small laptop, and a status change with unsaved edits (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from case_waits import loaded, settle
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QMessageBox, QWidget
from screen_text import window_language

from returnsdesk.domain.workflow import Status
from returnsdesk.store.models import Case
from returnsdesk.ui.case import transition_dialog
from returnsdesk.ui.case.workspace import CaseWorkspace

#: What a 1280×720 main window leaves a case tab: the navigation, menus, toolbar, tab bar
#: and status bar take the rest.
CASE_TAB = (1190, 620)
SHOTS = Path("/tmp/shots/wincase")


def _case() -> Case:
    return Case.select().where(Case.kind == "return").order_by(Case.id).first()


@pytest.fixture
def workspace(qtbot, demo_store):
    workspace = CaseWorkspace(_case().id)
    qtbot.addWidget(workspace)
    workspace.resize(*CASE_TAB)
    workspace.show()
    qtbot.waitExposed(workspace)
    return loaded(qtbot, workspace)


def _shown(widget: QWidget, root: QWidget) -> QRect:
    """The part of ``widget`` a person sees inside ``root`` (clipped by scroll areas)."""
    region = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(root, region.topLeft()), region.size())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_header_verdict_deadlines_and_tabs_show_at_once(qtbot, demo_store, lang):
    """Seen: at 1280×720 the deadlines table was pushed below the view (French labels are
    longer: the same must hold)."""
    with window_language(lang):
        workspace = CaseWorkspace(_case().id)
        qtbot.addWidget(workspace)
        workspace.resize(*CASE_TAB)
        workspace.show()
        qtbot.waitExposed(workspace)
        loaded(qtbot, workspace)
        SHOTS.mkdir(parents=True, exist_ok=True)
        workspace.grab().save(str(SHOTS / f"workspace_case_tab_{lang}.png"))
        _all_parts_show(workspace)


def _all_parts_show(workspace) -> None:
    page = workspace.rect()
    assert workspace.minimumSizeHint().width() <= CASE_TAB[0]
    for part in (workspace.rma_label, workspace.header_labels["money"], workspace.status_label):
        assert page.contains(_shown(part, workspace)) and not _shown(part, workspace).isEmpty()
    verdict = _shown(workspace.verdict_label, workspace)
    assert page.contains(verdict) and verdict.height() == workspace.verdict_label.height()
    rules = _shown(workspace.rules_label, workspace)
    assert rules.height() >= workspace.rules_label.fontMetrics().height() * 2
    rows = workspace.deadlines.topLevelItemCount()
    assert rows >= 3
    first_rows = workspace.deadlines.visualItemRect(workspace.deadlines.topLevelItem(0))
    viewport = _shown(workspace.deadlines.viewport(), workspace)
    assert page.contains(viewport)
    assert viewport.height() >= first_rows.height() * min(rows, 5)
    tabs = _shown(workspace.lower_tabs.tabBar(), workspace)
    assert page.contains(tabs) and tabs.width() >= workspace.lower_tabs.tabBar().sizeHint().width()
    timeline = _shown(workspace.timeline.viewport(), workspace)
    assert timeline.height() >= first_rows.height() * 3
    assert page.contains(QRect(QPoint(0, 0), workspace.size()))


@pytest.fixture
def asked(monkeypatch):
    """Answer the unsaved-changes question with what the test puts in ``answer``."""
    record = {"answer": QMessageBox.StandardButton.Cancel, "questions": []}

    def question(parent, title, text, *args, **kwargs):
        record["questions"].append(text)
        return record["answer"]

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(transition_dialog.TransitionDialog, "exec", lambda self: 1)
    monkeypatch.setattr(transition_dialog.TransitionDialog, "values", lambda self: ("why", ""))
    return record


def _button(workspace, status: Status):
    return next(b for b in workspace._action_buttons if b.objectName() == f"move-{status.value}")


def test_move_to_with_unsaved_edits_asks_and_cancel_keeps_everything(qtbot, workspace, asked):
    """Seen: a "Move to …" button saved half-typed edits without asking."""
    status = Case.get_by_id(workspace.case_id).status
    workspace.notes.setPlainText("half-typed thought")
    target = next(s for s in (Status.CANCELLED, Status.APPROVED) if _has(workspace, s))
    _button(workspace, target).click()
    settle(qtbot)
    assert len(asked["questions"]) == 1 and workspace.rma in asked["questions"][0]
    stored = Case.get_by_id(workspace.case_id)
    assert stored.status == status and stored.notes != "half-typed thought"
    assert workspace.is_dirty() and workspace.notes.toPlainText() == "half-typed thought"


def test_move_to_discard_drops_the_edits_then_moves(qtbot, workspace, asked):
    asked["answer"] = QMessageBox.StandardButton.Discard
    before = Case.get_by_id(workspace.case_id).notes
    workspace.notes.setPlainText("not wanted")
    _button(workspace, Status.CANCELLED).click()
    settle(qtbot)
    stored = Case.get_by_id(workspace.case_id)
    assert stored.status == Status.CANCELLED and stored.notes == before
    assert not workspace.is_dirty()


def test_move_to_save_keeps_the_edits_then_moves(qtbot, workspace, asked):
    asked["answer"] = QMessageBox.StandardButton.Save
    workspace.notes.setPlainText("kept")
    _button(workspace, Status.CANCELLED).click()
    settle(qtbot)
    stored = Case.get_by_id(workspace.case_id)
    assert stored.status == Status.CANCELLED and stored.notes == "kept"


def test_move_to_without_edits_asks_nothing(qtbot, workspace, asked):
    _button(workspace, Status.CANCELLED).click()
    settle(qtbot)
    assert asked["questions"] == []
    assert Case.get_by_id(workspace.case_id).status == Status.CANCELLED


def _has(workspace, status: Status) -> bool:
    return any(b.objectName() == f"move-{status.value}" for b in workspace._action_buttons)
