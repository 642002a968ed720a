"""Attaching from the Evidence page: the typed RMA is looked up off the GUI thread; an
unknown one is said in the dialog, which stays open."""

from __future__ import annotations

from pathlib import Path

from factories import make_case

from returnsdesk.ui.evidence.dialogs import AttachDialog


def test_the_typed_rma_chooses_the_case(qtbot, store, now):
    case = make_case(now)
    dialog = AttachDialog([Path("photo.jpg")], None)
    qtbot.addWidget(dialog)
    dialog.rma.setText("RMA-1999-99999")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.case_id is None
    dialog.rma.setText(case.rma.lower())
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted)
    assert dialog.choice().case_id == case.id
