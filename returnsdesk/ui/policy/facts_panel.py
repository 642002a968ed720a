"""The facts the rules judge a case on, recorded in the case workspace: where the customer
lives, a delivery date and flags per order line (parcels arrive apart), and the withdrawal
notice, goods received and proof of sending dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
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

from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text
from returnsdesk.services import rule_facts
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.clock import utc_now
from returnsdesk.services.rule_facts import (
    CaseFactsView,
    CaseRuleDates,
    LineFactsRow,
    LineRuleFacts,
)
from returnsdesk.ui.case.qt_dates import day_of, qdate
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op


class OptionalDate(QWidget):
    """A date that may be "not known": a check box and a date field."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(text)
        self.edit = QDateEdit(qdate(utc_now().date()))
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
        return day_of(self.edit) if self.known.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.known.setChecked(value is not None)
        self.edit.setDate(qdate(value or utc_now().date()))


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
    """Shows and records the facts; a save goes through ``write_op``, so the case's
    screens (its verdict, the inbox) refresh from the change bus."""

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
        """Read the case's facts off the GUI thread, then show them."""
        read_op(self, lambda: rule_facts.facts_view(case_id), self.show_facts)

    def show_facts(self, view: CaseFactsView) -> None:
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

    def _write(self, op: Callable[[], object], title: str) -> None:
        case_id = self._case_id
        write_op(
            self,
            op,
            # Facts of a line or a customer can move the deadlines of the order's other cases.
            changes=Changes.of(Area.CASES, Area.ORDERS),
            on_done=lambda _result: self.load(case_id) if case_id is not None else None,
            on_error=lambda exc: show_error(self, title, exc),
        )

    def _edit_line(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line_id = item.data(0, Qt.ItemDataRole.UserRole)
        row = next(r for r in self._rows if r.line_id == line_id)
        dialog = LineFactsDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        facts, for_product = dialog.facts(), dialog.for_product.isChecked()

        def save() -> None:
            rule_facts.save_line_facts(line_id, facts)
            if for_product:
                rule_facts.save_product_flags(line_id, facts)

        self._write(save, t("Line facts"))

    def save(self) -> None:
        case_id, customer_id = self._case_id, self._customer_id
        if case_id is None or customer_id is None:
            return
        country = self.country.text()
        dates = CaseRuleDates(self.notice.value(), self.received.value(), self.proof.value())

        def save() -> None:
            rule_facts.save_customer_country(customer_id, country)
            rule_facts.save_case_dates(case_id, dates)

        self._write(save, t("Facts for the rules"))
