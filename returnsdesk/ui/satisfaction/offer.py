"""Offering the satisfaction survey when a case is resolved, and the case's survey menu."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from returnsdesk.domain.messages import TemplateKey
from returnsdesk.ui.satisfaction.dialog import SurveyAnswerDialog


def compose_survey(parent: QWidget, case_id: int) -> None:
    from returnsdesk.ui.templates.compose_dialog import ComposeDialog

    ComposeDialog(case_id, TemplateKey.SATISFACTION_SURVEY, parent).exec()


def offer_survey(parent: QWidget, case_id: int, rma: str) -> None:
    """After a case is resolved: ask whether to send the customer the survey."""
    answer = QMessageBox.question(
        parent,
        parent.tr("Satisfaction survey"),
        parent.tr("{rma} is resolved. Send the customer the satisfaction survey?").format(rma=rma),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        compose_survey(parent, case_id)


class SurveyMenu:
    """Send the survey or record the answer (the case's "Satisfaction survey…" button)."""

    def __init__(self, parent: QWidget, case_id: int, rma: str) -> None:
        self.parent, self.case_id, self.rma = parent, case_id, rma

    def run(self) -> bool:
        """True when an answer was recorded."""
        box = QMessageBox(self.parent)
        box.setWindowTitle(self.parent.tr("Satisfaction survey"))
        box.setText(self.parent.tr("Send the survey to the customer, or record their answer?"))
        send = box.addButton(self.parent.tr("Send survey…"), QMessageBox.ButtonRole.ActionRole)
        record = box.addButton(self.parent.tr("Record answer…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is send:
            compose_survey(self.parent, self.case_id)
        elif box.clickedButton() is record:
            return SurveyAnswerDialog(self.case_id, self.rma, self.parent).exec() == 1
        return False
