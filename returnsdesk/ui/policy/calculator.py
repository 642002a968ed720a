"""Case → "Can they return it?": the rules engine on facts typed in, without opening a case."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind
from returnsdesk.services.cases import Assessment
from returnsdesk.services.clock import utc_now
from returnsdesk.services.return_calculator import TypedLine, calculate
from returnsdesk.ui import labels
from returnsdesk.ui.case.qt_dates import day_of, qdate
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op
from returnsdesk.ui.policy.facts_panel import OptionalDate
from returnsdesk.ui.policy.verdict_text import assessment_text, rules_language, verdict_colour

MAX_LINES = 6


def _day(value: date) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


class _LineRow(QWidget):
    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(t("Item {n}", n=number))
        self.delivered = OptionalDate(t("delivered"), self)
        self.personalised = QCheckBox(t("personalised"), self)
        self.hygiene = QCheckBox(t("hygiene, unsealed"), self)
        self.perishable = QCheckBox(t("perishable"), self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.delivered, self.personalised, self.hygiene,
                       self.perishable):  # fmt: skip
            row.addWidget(widget)

    def value(self) -> TypedLine:
        return TypedLine(
            self.title.text(),
            self.delivered.value(),
            self.personalised.isChecked(),
            self.hygiene.isChecked(),
            self.perishable.isChecked(),
        )


class ReturnCalculator(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Can they return it?"))
        self._asked = 0
        today = utc_now().date()
        self.country = QLineEdit("FR", self)
        self.country.setPlaceholderText(t("where the customer lives, e.g. FR"))
        self.kind = QComboBox(self)
        for kind in Kind:
            self.kind.addItem(labels.kind(kind), kind.value)
        self.reason = QComboBox(self)
        for reason in Reason:
            self.reason.addItem(labels.reason(reason), reason.value)
        self.reason.setCurrentIndex(self.reason.findData(Reason.NO_LONGER_WANTED.value))
        self.placed = _day(today.replace(day=1) if today.day > 1 else today)
        self.request = _day(today)
        self.notice = OptionalDate(t("Withdrawal notice on"), self)
        self.rows: list[_LineRow] = []
        self.lines_box = QVBoxLayout()
        self.add_button = QPushButton(t("Add a line"), self)
        self.add_button.clicked.connect(self.add_line)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("calculator-verdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.verdict)

        form = QFormLayout()
        form.addRow(t("Customer lives in:"), self.country)
        form.addRow(t("Kind:"), self.kind)
        form.addRow(t("Reason:"), self.reason)
        form.addRow(t("Order placed on:"), self.placed)
        form.addRow(t("Request on:"), self.request)
        form.addRow(self.notice)
        lines_group = QGroupBox(t("Lines"), self)
        lines_layout = QVBoxLayout(lines_group)
        lines_layout.addLayout(self.lines_box)
        lines_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(lines_group)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        for signal in (
            self.country.textChanged,
            self.kind.currentIndexChanged,
            self.reason.currentIndexChanged,
            self.placed.dateChanged,
            self.request.dateChanged,
            self.notice.known.toggled,
            self.notice.edit.dateChanged,
        ):
            signal.connect(self.update_verdict)
        self.add_line()
        self.resize(860, 640)

    def add_line(self) -> None:
        row = _LineRow(len(self.rows) + 1, self)
        row.delivered.set_value(day_of(self.placed))
        for signal in (
            row.title.textChanged,
            row.delivered.known.toggled,
            row.delivered.edit.dateChanged,
            row.personalised.toggled,
            row.hygiene.toggled,
            row.perishable.toggled,
        ):
            signal.connect(self.update_verdict)
        self.rows.append(row)
        self.lines_box.addWidget(row)
        self.add_button.setEnabled(len(self.rows) < MAX_LINES)
        self.update_verdict()

    def update_verdict(self, *_args: object) -> None:
        """Judge the typed facts off the GUI thread (the store policy is read); an older
        answer never covers a newer one."""
        self._asked += 1
        asked = self._asked
        country, kind, reason = (
            self.country.text(),
            self.kind.currentData(),
            self.reason.currentData(),
        )
        placed, request = day_of(self.placed), day_of(self.request)
        lines, notice = [row.value() for row in self.rows], self.notice.value()

        def show(assessment: Assessment) -> None:
            if asked == self._asked:
                self.verdict.setStyleSheet(f"color: {verdict_colour(assessment.verdict)};")
                self.verdict.setText(assessment_text(assessment, rules_language()))

        def refused(error: Exception) -> None:
            if asked != self._asked:
                return
            if not isinstance(error, InputError):
                show_error(self, t("Could not complete this"), error)
                return
            self.verdict.setStyleSheet("color: #c62828;")
            self.verdict.setText(str(error))

        read_op(
            self,
            lambda: calculate(country, kind, reason, placed, request, lines, notice),
            show,
            on_error=refused,
        )
