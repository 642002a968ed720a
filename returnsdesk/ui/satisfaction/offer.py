"""Offering the satisfaction survey when a case is resolved, and the case's survey menu."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from returnsdesk.domain.i18n import t
from returnsdesk.domain.messages import TemplateKey
from returnsdesk.ui.satisfaction.dialog import SurveyAnswerDialog


def compose_survey(parent: QWidget, case_id: int) -> None:
    from returnsdesk.ui.templates.compose_dialog import ComposeDialog

    ComposeDialog(case_id, TemplateKey.SATISFACTION_SURVEY, parent).exec()


class SurveyOffer(QWidget):
    """A bar shown on a resolved case until the customer's answer is recorded: the
    survey is offered, never sent without the user."""

    send = Signal()
    record = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("survey-offer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#survey-offer { background: #e8f5e9; }")
        text = QLabel(t("Case resolved: ask the customer how the return went?"), self)
        send = QPushButton(t("Send satisfaction survey…"), self)
        record = QPushButton(t("Record their answer…"), self)
        send.clicked.connect(self.send)
        record.clicked.connect(self.record)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(text, 1)
        layout.addWidget(send)
        layout.addWidget(record)
        self.hide()


class SurveyMenu:
    """Send the survey or record the answer (the case's "Satisfaction survey…" button)."""

    def __init__(self, parent: QWidget, case_id: int, rma: str) -> None:
        self.parent, self.case_id, self.rma = parent, case_id, rma

    def run(self) -> bool:
        """True when an answer was recorded."""
        box = QMessageBox(self.parent)
        box.setWindowTitle(t("Satisfaction survey"))
        box.setText(t("Send the survey to the customer, or record their answer?"))
        send = box.addButton(t("Send survey…"), QMessageBox.ButtonRole.ActionRole)
        record = box.addButton(t("Record answer…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is send:
            compose_survey(self.parent, self.case_id)
        elif box.clickedButton() is record:
            return SurveyAnswerDialog(self.case_id, self.rma, self.parent).exec() == 1
        return False
