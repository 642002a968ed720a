"""Parts of the case workspace: the header, the verdict, the deadlines and the details form.
Each is filled from the workspace's one read (``services.case_view``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text, money_text
from returnsdesk.domain.policy import Deadline, Verdict
from returnsdesk.domain.reasons import Fault, Reason, Resolution, fault_label
from returnsdesk.services.case_view import CaseView
from returnsdesk.services.cases import CaseDetails
from returnsdesk.ui import labels
from returnsdesk.ui.policy.verdict_text import (
    STATE_COLOURS,
    deadline_state,
    line_verdicts,
    rules_language,
    verdict_colour,
)


def plain_label(parent: QWidget, text: str = "", bold: bool = False) -> QLabel:
    """A selectable, wrapping label that shows user text as text, never as markup."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class CaseHeader(QWidget):
    """RMA, status, customer, order, supplier, kind, reason and the money at stake."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rma_label = plain_label(self, bold=True)
        font = self.rma_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.rma_label.setFont(font)
        self.status_label = plain_label(self, bold=True)
        self.values = {
            key: plain_label(self)
            for key in ("customer", "order", "supplier", "kind", "reason", "money")
        }
        titles = {
            "customer": t("Customer"),
            "order": t("Order"),
            "supplier": t("Supplier"),
            "kind": t("Kind"),
            "reason": t("Reason"),
            "money": t("Money at stake"),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.rma_label, 0, 0, 1, 2)
        grid.addWidget(self.status_label, 0, 2, 1, 4)
        for i, (key, label) in enumerate(self.values.items()):
            caption = QLabel(titles[key], self)
            caption.setStyleSheet("color: palette(mid);")
            grid.addWidget(caption, 1 + i // 3, (i % 3) * 2)
            grid.addWidget(label, 1 + i // 3, (i % 3) * 2 + 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)

    def show_case(self, case: CaseView) -> None:
        self.rma_label.setText(case.rma)
        self.status_label.setText(labels.status(case.status))
        customer, order = case.customer, case.order
        self.values["customer"].setText(f"{customer.name}  <{customer.email}>")
        self.values["order"].setText(f"{order.number} · {date_text(order.placed_at.date())}")
        self.values["supplier"].setText(case.supplier.name if case.supplier else "—")
        self.values["kind"].setText(labels.kind(case.kind))
        self.values["reason"].setText(labels.reason(case.reason))
        self.values["money"].setText(money_text(case.amount_minor, case.currency))


class VerdictBox(QGroupBox):
    """The policy verdict: summary, per-line verdicts, the rules, warnings, a suggestion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(t("Policy verdict"), parent)
        self.verdict_label = plain_label(self, bold=True)
        self.rules_label = plain_label(self)
        self.suggestion_label = plain_label(self)
        self.warnings_label = plain_label(self)
        self.warnings_label.setStyleSheet("color: #ef6c00;")
        self.warnings_label.setObjectName("rule-warnings")
        layout = QVBoxLayout(self)
        for label in (
            self.verdict_label,
            self.rules_label,
            self.suggestion_label,
            self.warnings_label,
        ):
            layout.addWidget(label)
        layout.addStretch(1)

    def show_verdict(self, verdict: Verdict) -> None:
        lang = rules_language()
        self.verdict_label.setText(
            "\n".join([verdict.summary(lang), *line_verdicts(verdict, lang)])
        )
        self.verdict_label.setStyleSheet(f"color: {verdict_colour(verdict)};")
        self.rules_label.setText("\n".join(f"• {rule.text(lang)}" for rule in verdict.rules))
        self.warnings_label.setText("\n".join(f"⚠ {w.text(lang)}" for w in verdict.warnings))
        self.warnings_label.setVisible(bool(verdict.warnings))
        suggestion = verdict.suggestion.text(lang) if verdict.suggestion else ""
        self.suggestion_label.setText(t("Suggestion: {s}", s=suggestion) if suggestion else "")
        self.suggestion_label.setVisible(bool(suggestion))


class DeadlinesTree(QTreeWidget):
    """Each deadline: its name, its day, and its state in words (coloured when it matters)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([t("Deadline"), t("Date"), t("When")])
        self.setRootIsDecorated(False)
        self.setColumnWidth(0, 170)
        self.setColumnWidth(1, 90)
        # The state fills what is left, elided with its whole text in the tooltip.
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_deadlines(self, deadlines: Sequence[Deadline]) -> None:
        lang = rules_language()
        self.clear()
        for deadline in deadlines:
            state = deadline_state(deadline, lang, date_text)
            day = date_text(deadline.due) if deadline.due else "—"
            item = QTreeWidgetItem([deadline.label(lang), day, state])
            item.setToolTip(0, deadline.text(lang))
            item.setToolTip(2, f"{state}\n{deadline.text(lang)}")
            colour = STATE_COLOURS.get(deadline.state)
            if colour:
                item.setForeground(2, QColor(colour))
            self.addTopLevelItem(item)


class DetailsForm(QGroupBox):
    """The case fields the user edits. ``edited`` fires on each change the user makes
    (never while ``fill`` shows the stored case)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(t("Details"), parent)
        self._filling = False
        self.reason = self._combo([(labels.reason(r), r.value) for r in Reason])
        self.fault = self._combo([(fault_label(f), f.value) for f in Fault])
        resolutions = [("—", "")] + [(labels.resolution(r), r.value) for r in Resolution]
        self.requested = self._combo(resolutions)
        self.agreed = self._combo(resolutions)
        self.reason_note = self._line()
        self.supplier_reference = self._line()
        self.return_carrier = self._line()
        self.return_tracking = self._line()
        self.return_label_ref = self._line()
        self.chargeback_reference = self._line()
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._changed)
        form = QFormLayout(self)
        for text, field in (
            (t("Reason:"), self.reason),
            (t("Reason note:"), self.reason_note),
            (t("Fault:"), self.fault),
            (t("Requested:"), self.requested),
            (t("Agreed:"), self.agreed),
            (t("Supplier reference:"), self.supplier_reference),
            (t("Return carrier:"), self.return_carrier),
            (t("Return tracking:"), self.return_tracking),
            (t("Return label ref.:"), self.return_label_ref),
            (t("Chargeback ref.:"), self.chargeback_reference),
            (t("Notes:"), self.notes),
        ):
            form.addRow(text, field)
        self.save_button = QPushButton(t("Save"), self)
        self.revert_button = QPushButton(t("Revert"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)

    def _changed(self, *_args: object) -> None:
        if not self._filling:
            self.edited.emit()

    def _combo(self, items: Sequence[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _line(self) -> QLineEdit:
        line = QLineEdit(self)
        line.setMaxLength(300)
        line.textEdited.connect(self._changed)
        return line

    def fill(self, case: CaseView) -> None:
        """Show the stored values (the user's edits, if any, are replaced)."""

        def pick(combo: QComboBox, value: str) -> None:
            combo.setCurrentIndex(max(combo.findData(value), 0))

        self._filling = True
        pick(self.reason, case.reason)
        pick(self.fault, case.fault)
        pick(self.requested, case.requested_resolution)
        pick(self.agreed, case.agreed_resolution)
        self.reason_note.setText(case.reason_note)
        self.supplier_reference.setText(case.supplier_reference)
        self.return_carrier.setText(case.return_carrier)
        self.return_tracking.setText(case.return_tracking)
        self.return_label_ref.setText(case.return_label_ref)
        self.chargeback_reference.setText(case.chargeback_reference)
        self.notes.setPlainText(case.notes)
        self._filling = False

    def details(self, chargeback_due_on: date | None) -> CaseDetails:
        """The values as edited (the chargeback's due day is not edited here)."""
        return CaseDetails(
            reason=self.reason.currentData(),
            reason_note=self.reason_note.text(),
            fault=self.fault.currentData(),
            requested_resolution=self.requested.currentData(),
            agreed_resolution=self.agreed.currentData(),
            supplier_reference=self.supplier_reference.text(),
            return_carrier=self.return_carrier.text(),
            return_tracking=self.return_tracking.text(),
            return_label_ref=self.return_label_ref.text(),
            notes=self.notes.toPlainText(),
            chargeback_due_on=chargeback_due_on,
            chargeback_reference=self.chargeback_reference.text(),
        )
