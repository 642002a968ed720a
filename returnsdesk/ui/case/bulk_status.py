"""Changing the status of many cases at once (the inbox selection): one write on the
writer thread, then what moved and what could not, with the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.workflow import Status
from returnsdesk.services import cases
from returnsdesk.services.cases import BulkMove
from returnsdesk.services.changes import Area, Changes
from returnsdesk.ui import labels
from returnsdesk.ui.case.transition_dialog import TransitionDialog
from returnsdesk.ui.operations import write_op


def change_status_of(parent: QWidget, ids: list[int]) -> None:
    """Ask for the new status and the note, then move every case its workflow allows."""
    names = [labels.status(s) for s in Status]
    choice, ok = QInputDialog.getItem(
        parent,
        t("Change status"),
        tn("New status for the selected case:", "New status for {n} selected cases:", len(ids)),
        names,
        0,
        False,
    )
    if not ok:
        return
    target = list(Status)[names.index(choice)]
    dialog = TransitionDialog(tn("{n} case", "{n} cases", len(ids)), "new", target, "", parent)
    if not dialog.exec():
        return
    note, resolution = dialog.values()
    write_op(
        parent,
        lambda: cases.transition_many(ids, target, note=note, resolution=resolution),
        changes=Changes.of(Area.CASES, cases=ids),
        on_done=lambda moved: _report(parent, moved, choice),
    )


def _report(parent: QWidget, result: BulkMove, status: str) -> None:
    message = tn(
        "{n} case moved to {status}.",
        "{n} cases moved to {status}.",
        result.moved,
        status=status,
    )
    if result.refused:
        message += "\n\n" + t("Not moved:") + "\n" + "\n".join(result.refused[:20])
        if len(result.refused) > 20:
            message += "\n" + t("… and {n} more.", n=len(result.refused) - 20)
    box = QMessageBox(
        QMessageBox.Icon.Information,
        t("Change status"),
        message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
