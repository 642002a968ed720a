"""Record a customer's survey answer: two marks from 1 to 5 and a comment, typed in or
read from a pasted reply (what cannot be read is left for the user to set)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.services import satisfaction
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.clock import utc_now
from returnsdesk.ui.case.qt_dates import date_edit, day_of, qdate
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op

NOT_SET = "—"


class SurveyAnswerDialog(QDialog):
    def __init__(self, case_id: int, rma: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.setWindowTitle(t("Satisfaction survey answer — {rma}", rma=rma))
        self.paste = QPlainTextEdit(self)
        self.paste.setPlaceholderText(
            t("Paste the customer's reply here (e.g. “Ease: 4  Outcome: 5  Comment: …”)")
        )
        self.paste.setMaximumHeight(110)
        self.read_button = QPushButton(t("Read marks from the reply"), self)
        self.read_button.clicked.connect(self.read_reply)
        self.read_result = QLabel(self)
        self.read_result.setTextFormat(Qt.TextFormat.PlainText)
        self.ease = QSpinBox(self)
        self.outcome = QSpinBox(self)
        for spin in (self.ease, self.outcome):
            spin.setRange(0, 5)
            spin.setSpecialValueText(NOT_SET)
        self.comment = QPlainTextEdit(self)
        self.answered_on = date_edit(self)
        today = utc_now().date()
        self.answered_on.setDate(QDate(today.year, today.month, today.day))
        form = QFormLayout()
        form.addRow(t("Ease of the return (1–5):"), self.ease)
        form.addRow(t("Satisfaction with the outcome (1–5):"), self.outcome)
        form.addRow(t("Comment:"), self.comment)
        form.addRow(t("Answered on:"), self.answered_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.paste)
        layout.addWidget(self.read_button)
        layout.addWidget(self.read_result)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 520)
        read_op(self, lambda: satisfaction.answer_of(case_id), self._show_answer)

    def _show_answer(self, existing: satisfaction.Answer | None) -> None:
        """An answer already recorded is shown to be corrected."""
        if existing is None:
            return
        self.ease.setValue(existing.ease)
        self.outcome.setValue(existing.outcome)
        self.comment.setPlainText(existing.comment)
        self.answered_on.setDate(qdate(existing.answered_on))

    def read_reply(self) -> None:
        parsed = satisfaction.parse_reply(self.paste.toPlainText())
        if parsed.ease is not None:
            self.ease.setValue(parsed.ease)
        if parsed.outcome is not None:
            self.outcome.setValue(parsed.outcome)
        if parsed.comment:
            self.comment.setPlainText(parsed.comment)
        missing = [
            name
            for name, value in (
                (t("ease"), parsed.ease),
                (t("outcome"), parsed.outcome),
            )
            if value is None
        ]
        self.read_result.setText(
            t("Could not read: {marks}. Please set it by hand.", marks=", ".join(missing))
            if missing
            else t("Marks read from the reply; check them before saving.")
        )

    def accept(self) -> None:
        """Record on the writer; the dialog closes once the answer is stored."""
        if self.ease.value() == 0 or self.outcome.value() == 0:
            show_error(self, t("Not saved"), InputError(t("Give both marks, 1 to 5.")))
            return
        case_id, ease, outcome = self.case_id, self.ease.value(), self.outcome.value()
        comment, answered = self.comment.toPlainText(), day_of(self.answered_on)
        write_op(
            self,
            lambda: satisfaction.record_answer(
                case_id, ease, outcome, comment, answered_on=answered
            ),
            changes=Changes.of(Area.CASES, cases=[case_id]),
            on_done=lambda _answer: super(SurveyAnswerDialog, self).accept(),
            on_error=lambda exc: show_error(self, t("Not saved"), exc),
        )
