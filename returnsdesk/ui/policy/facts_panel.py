"""The facts the rules judge a case on, recorded in the case workspace: where the customer
lives, a delivery date and flags per order line (parcels arrive apart), and the withdrawal
notice, goods received and proof of sending dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text
from returnsdesk.services import rule_facts
from returnsdesk.services.clock import utc_now
from returnsdesk.services.rule_facts import CaseRuleDates, LineFactsRow, LineRuleFacts
from returnsdesk.ui.messages import show_error


class OptionalDate(QWidget):
    """A date that may be "not known": a check box and a date field."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(text)
        self.edit = QDateEdit(QDate(utc_now().date()))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setEnabled(False)
        self.known.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.known)
        row.addWidget(self.edit)
        row.addStretch(1)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.known.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.known.setChecked(value is not None)
        self.edit.setDate(QDate(value or utc_now().date()))


class LineFactsDialog(QDialog):
    def __init__(self, row: LineFactsRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Line facts: {title}", title=row.title))
        self.delivered = OptionalDate(t("Delivered on"))
        self.delivered.set_value(row.delivered_on or row.order_delivered_on)
        self.personalised = QCheckBox(t("Personalised or made to order"))
        self.personalised.setChecked(row.personalised)
        self.hygiene = QCheckBox(t("Sealed hygiene item, unsealed by the customer"))
        self.hygiene.setChecked(row.sealed_hygiene)
        self.perishable = QCheckBox(t("Perishable"))
        self.perishable.setChecked(row.perishable)
        self.for_product = QCheckBox(t("Same flags for every order of product {sku}", sku=row.sku))
        self.for_product.setVisible(bool(row.sku))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (
            self.delivered,
            self.personalised,
            self.hygiene,
            self.perishable,
            self.for_product,
        ):
            layout.addWidget(widget)
        layout.addWidget(buttons)

    def facts(self) -> LineRuleFacts:
        return LineRuleFacts(
            self.delivered.value(),
            self.personalised.isChecked(),
            self.hygiene.isChecked(),
            self.perishable.isChecked(),
        )


class RuleFactsPanel(QGroupBox):
    """Shows and records the facts; emits ``changed`` after a save so the verdict refreshes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(t("Facts for the rules"), parent)
        self._case_id: int | None = None
        self._customer_id: int | None = None
        self._rows: list[LineFactsRow] = []
        self.lines = QTreeWidget(self)
        self.lines.setObjectName("rule-lines")
        self.lines.setRootIsDecorated(False)
        self.lines.setHeaderLabels([t("Line"), t("Delivered"), t("Flags"), t("In case")])
        self.lines.setColumnWidth(0, 200)
        self.lines.setToolTip(t("Double-click a line to record its delivery date and flags"))
        self.lines.itemDoubleClicked.connect(self._edit_line)
        self.country = QLineEdit(self)
        self.country.setPlaceholderText(t("e.g. FR, France, Réunion"))
        self.notice = OptionalDate(t("Withdrawal notice"), self)
        self.received = OptionalDate(t("Goods received back"), self)
        self.proof = OptionalDate(t("Proof of sending"), self)
        self.save_button = QPushButton(t("Save facts"), self)
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(t("Customer lives in:"), self.country)
        form.addRow(self.notice)
        form.addRow(self.received)
        form.addRow(self.proof)
        dates = QVBoxLayout()
        dates.addLayout(form)
        dates.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        dates.addStretch(1)
        layout = QHBoxLayout(self)  # side by side: the whole panel fits a small laptop's tab
        layout.addWidget(self.lines, 3)
        layout.addLayout(dates, 2)

    def load(self, case_id: int) -> None:
        view = rule_facts.facts_view(case_id)
        self._case_id, self._customer_id = view.case_id, view.customer_id
        self._rows = list(view.lines)
        self.lines.clear()
        for row in view.lines:
            delivered = row.delivered_on or row.order_delivered_on
            flags = [
                text
                for on, text in (
                    (row.personalised, t("personalised")),
                    (row.sealed_hygiene, t("hygiene, unsealed")),
                    (row.perishable, t("perishable")),
                )
                if on
            ]
            item = QTreeWidgetItem(
                [
                    row.title,
                    date_text(delivered) if delivered else t("not known", context="date"),
                    ", ".join(flags),
                    t("yes") if row.in_case else "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, row.line_id)
            self.lines.addTopLevelItem(item)
        self.country.setText(view.customer_country)
        self.notice.set_value(view.dates.withdrawal_notice_on)
        self.received.set_value(view.dates.goods_received_on)
        self.proof.set_value(view.dates.proof_of_sending_on)

    def _edit_line(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line_id = item.data(0, Qt.ItemDataRole.UserRole)
        row = next(r for r in self._rows if r.line_id == line_id)
        dialog = LineFactsDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            rule_facts.save_line_facts(line_id, dialog.facts())
            if dialog.for_product.isChecked():
                rule_facts.save_product_flags(line_id, dialog.facts())
        except InputError as error:
            show_error(self, t("Line facts"), error)
            return
        self.load(self._case_id)
        self.changed.emit()

    def save(self) -> None:
        if self._case_id is None:
            return
        try:
            rule_facts.save_customer_country(self._customer_id, self.country.text())
            rule_facts.save_case_dates(
                self._case_id,
                CaseRuleDates(self.notice.value(), self.received.value(), self.proof.value()),
            )
        except InputError as error:
            show_error(self, t("Facts for the rules"), error)
            return
        self.load(self._case_id)
        self.changed.emit()
