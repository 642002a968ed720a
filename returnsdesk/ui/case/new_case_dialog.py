"""New case: pick an order (or type one in), the lines, kind and reason; see the verdict first."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import babel_locale, date_text, decimal_text, money_text
from returnsdesk.domain.money import check_currency
from returnsdesk.domain.reasons import Reason, Resolution
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import cases, rule_facts
from returnsdesk.services.cases import OpenCaseInput
from returnsdesk.services.orders import LineInput, OrderInput, find_orders
from returnsdesk.store.models import Order, Supplier
from returnsdesk.ui import labels
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.policy.facts_panel import OptionalDate
from returnsdesk.ui.policy.verdict_text import assessment_text, rules_language
from returnsdesk.ui.widgets.amount_edit import AmountEdit

ORDER_ROLE = Qt.ItemDataRole.UserRole + 1


class NewCaseDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("New case"))
        self.created_case_id: int | None = None
        self._order: Order | None = None

        # From an existing order
        self.order_search = QLineEdit(self)
        self.order_search.setPlaceholderText(t("Order number, customer name or e-mail"))
        self.order_search.setClearButtonEnabled(True)
        self.order_results = QListWidget(self)
        self.order_results.setWordWrap(True)  # a result is two lines, never cut off
        self.order_results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines = QTableWidget(0, 5, self)
        self.lines.setHorizontalHeaderLabels(
            [
                t("Item", context="order line"),
                t("SKU", context="product code"),
                t("Unit price"),
                t("Quantity"),
                t("Delivered"),
            ]
        )
        header = self.lines.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.setWordWrap(True)
        self.lines.verticalHeader().hide()
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._search_orders)
        self.order_search.textChanged.connect(self._search_timer.start)
        self.order_results.currentItemChanged.connect(self._order_chosen)
        existing = QWidget(self)
        existing_layout = QVBoxLayout(existing)
        existing_layout.addWidget(self.order_search)
        existing_layout.addWidget(self.order_results, 1)
        existing_layout.addWidget(QLabel(t("Lines concerned (quantity 0 = not included):")))
        existing_layout.addWidget(self.lines, 1)

        # Typed by hand
        manual = QWidget(self)
        manual_form = QFormLayout(manual)
        self.m_number = QLineEdit(manual)
        self.m_customer = QLineEdit(manual)
        self.m_email = QLineEdit(manual)
        self.m_country = QLineEdit(manual)
        self.m_country.setMaxLength(2)
        self.m_country.setPlaceholderText(t("e.g. FR"))
        self.m_currency = QLineEdit("EUR", manual)
        self.m_currency.setMaxLength(3)
        self.m_placed = QDateEdit(QDate.currentDate().addDays(-14), manual, calendarPopup=True)
        self.m_delivered_known = QCheckBox(t("Delivered on"), manual)
        self.m_delivered_known.setChecked(True)
        self.m_delivered = QDateEdit(QDate.currentDate().addDays(-5), manual, calendarPopup=True)
        self.m_delivered_known.toggled.connect(self.m_delivered.setEnabled)
        for edit in (self.m_placed, self.m_delivered):
            edit.setDisplayFormat("d MMM yyyy")  # never "09/11/2026": day or month?
        self.m_title = QLineEdit(manual)
        self.m_sku = QLineEdit(manual)
        self.m_quantity = QSpinBox(manual, minimum=1, maximum=999)
        self.m_price = AmountEdit("EUR", babel_locale(), manual)
        self.m_price.setPlaceholderText(decimal_text(Decimal("49.90"), digits=2))
        self.m_currency.textChanged.connect(self._price_currency)
        self.m_personalised = QCheckBox(t("Personalised / print on demand"), manual)
        self.m_supplier = QComboBox(manual)
        self.m_supplier.addItem(t("— none —"), None)
        for supplier in Supplier.select().order_by(Supplier.name):
            self.m_supplier.addItem(supplier.name, supplier.id)
        for widget in (self.m_number, self.m_customer, self.m_email, self.m_title, self.m_sku):
            widget.setMaxLength(300)
        manual_form.addRow(t("Order number:"), self.m_number)
        manual_form.addRow(t("Customer name:"), self.m_customer)
        manual_form.addRow(t("E-mail:"), self.m_email)
        manual_form.addRow(t("Country (ISO):"), self.m_country)
        manual_form.addRow(t("Currency:"), self.m_currency)
        manual_form.addRow(t("Ordered on:"), self.m_placed)
        delivered_row = QHBoxLayout()
        delivered_row.addWidget(self.m_delivered_known)
        delivered_row.addWidget(self.m_delivered, 1)
        manual_form.addRow(delivered_row)
        manual_form.addRow(t("Item:", context="order line"), self.m_title)
        manual_form.addRow(t("SKU:", context="product code"), self.m_sku)
        manual_form.addRow(t("Quantity:"), self.m_quantity)
        manual_form.addRow(t("Unit price:"), self.m_price)
        manual_form.addRow("", self.m_personalised)
        manual_form.addRow(t("Supplier:"), self.m_supplier)

        self.source = QTabWidget(self)
        self.source.addTab(existing, t("From an order"))
        self.source.addTab(manual, t("Enter the order by hand"))

        # The request
        self.kind = QComboBox(self)
        for kind in Kind:
            self.kind.addItem(labels.kind(kind), kind.value)
        self.reason = QComboBox(self)
        self.reason.addItem(t("Choose a reason…"), "")  # no silent default: the user picks
        for reason in Reason:
            self.reason.addItem(labels.reason(reason), reason.value)
        self.reason_note = QLineEdit(self)
        self.reason_note.setMaxLength(2000)
        self.requested = QComboBox(self)
        self.requested.addItem(t("— not said —"), "")
        for resolution in Resolution:
            self.requested.addItem(labels.resolution(resolution), resolution.value)
        self.chargeback_due = QDateEdit(QDate.currentDate().addDays(10), self, calendarPopup=True)
        self.chargeback_due.setDisplayFormat("d MMM yyyy")
        self.notes = QPlainTextEdit(self)
        self.notes.setMaximumHeight(70)
        request_box = QGroupBox(t("Request"), self)
        request = QFormLayout(request_box)
        request.addRow(t("Kind:"), self.kind)
        request.addRow(t("Reason:"), self.reason)
        request.addRow(t("Reason note:"), self.reason_note)
        request.addRow(t("Customer asks for:"), self.requested)
        self.chargeback_row_label = QLabel(t("Response due:"), self)
        request.addRow(self.chargeback_row_label, self.chargeback_due)
        request.addRow(t("Notes:"), self.notes)

        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        preview_scroll = QScrollArea(self)
        preview_scroll.setWidgetResizable(True)
        preview_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        preview_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        preview_scroll.setWidget(self.preview)
        preview_box = QGroupBox(t("Verdict and deadlines"), self)
        QVBoxLayout(preview_box).addWidget(preview_scroll)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Open case"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(request_box)
        right.addWidget(preview_box, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.source, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

        for signal in (
            self.kind.currentIndexChanged,
            self.reason.currentIndexChanged,
            self.chargeback_due.dateChanged,
            self.source.currentChanged,
            self.lines.itemChanged,
            self.m_delivered_known.toggled,
            self.m_delivered.dateChanged,
            self.m_placed.dateChanged,
            self.m_country.textChanged,
            self.m_personalised.toggled,
            self.m_supplier.currentIndexChanged,
        ):
            signal.connect(self.update_preview)
        self.resize(1120, 680)
        self._fit_columns()
        self._search_orders()
        self.update_preview()

    # -- orders --------------------------------------------------------------
    def _search_orders(self) -> None:
        self.order_results.clear()
        for order in find_orders(self.order_search.text(), limit=50):
            text = (
                f"{order.number} · {date_text(order.placed_at.date())} · "
                f"{money_text(order.total_minor, order.currency)}\n"
                f"{order.customer.name} <{order.customer.email}>"
            )
            item = QListWidgetItem(text, self.order_results)
            item.setToolTip(text)
            item.setData(ORDER_ROLE, order.id)
        if self.order_results.count() == 1:
            self.order_results.setCurrentRow(0)

    def _order_chosen(self, item: QListWidgetItem | None) -> None:
        self._order = Order.get_by_id(item.data(ORDER_ROLE)) if item else None
        self.lines.blockSignals(True)
        self.lines.setRowCount(0)
        if self._order is not None:
            for row, line in enumerate(self._order.lines):
                self.lines.insertRow(row)
                title = QTableWidgetItem(f"{line.title} {line.variant}".strip())
                title.setFlags(Qt.ItemFlag.ItemIsEnabled)
                title.setData(ORDER_ROLE, line.id)
                self.lines.setItem(row, 0, title)
                sku = QTableWidgetItem(line.sku)
                sku.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.lines.setItem(row, 1, sku)
                price = QTableWidgetItem(money_text(line.unit_price_minor, self._order.currency))
                price.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.lines.setItem(row, 2, price)
                spin = QSpinBox(self.lines, minimum=0, maximum=line.quantity)
                spin.setValue(line.quantity)
                spin.valueChanged.connect(self.update_preview)
                self.lines.setCellWidget(row, 3, spin)
                delivered = OptionalDate(t("on", context="date"), self.lines)
                delivered.set_value(line.delivered_on or self._order.delivered_on)
                delivered.known.toggled.connect(self.update_preview)
                delivered.edit.dateChanged.connect(self.update_preview)
                self.lines.setCellWidget(row, 4, delivered)
        self.lines.blockSignals(False)
        self._fit_columns()
        self.update_preview()

    def _fit_columns(self) -> None:
        """Every column but the item's shows its header and cells whole (a few lines only)."""
        header = self.lines.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(1, self.lines.columnCount()):
            self.lines.resizeColumnToContents(column)
            title = self.lines.horizontalHeaderItem(column).text()
            needed = metrics.horizontalAdvance(title) + 24
            self.lines.setColumnWidth(column, max(self.lines.columnWidth(column), needed))

    def _price_currency(self, text: str) -> None:
        """The unit price is read in the order's currency as soon as it is a real one."""
        try:
            self.m_price.set_currency(check_currency(text))
        except InputError:
            pass  # the currency field says what is wrong when the order is made

    def line_dates(self) -> dict[int, date | None]:
        """The delivery date typed for each line of the chosen order (parcels can differ)."""
        return {
            self.lines.item(row, 0).data(ORDER_ROLE): self.lines.cellWidget(row, 4).value()
            for row in range(self.lines.rowCount())
        }

    def chosen_lines(self) -> list[tuple[int, int]]:
        chosen = []
        for row in range(self.lines.rowCount()):
            quantity = self.lines.cellWidget(row, 3).value()
            if quantity:
                chosen.append((self.lines.item(row, 0).data(ORDER_ROLE), quantity))
        return chosen

    def _manual_order(self) -> OrderInput:
        currency = check_currency(self.m_currency.text())
        self.m_price.set_currency(currency)
        price = self.m_price.value()
        placed = self.m_placed.date().toPython()
        delivered = (
            self.m_delivered.date().toPython() if self.m_delivered_known.isChecked() else None
        )
        return OrderInput(
            number=self.m_number.text(),
            customer_name=self.m_customer.text(),
            customer_email=self.m_email.text(),
            customer_country=self.m_country.text().upper(),
            currency=currency,
            placed_at=datetime.combine(placed, time(12, 0), tzinfo=UTC),
            delivered_on=delivered,
            lines=[
                LineInput(
                    self.m_title.text(),
                    self.m_quantity.value(),
                    price,
                    sku=self.m_sku.text(),
                    personalised=self.m_personalised.isChecked(),
                    supplier_id=self.m_supplier.currentData(),
                )
            ],
        )

    def _case_input(self, order_id: int) -> OpenCaseInput:
        kind = Kind(self.kind.currentData())
        return OpenCaseInput(
            order_id=order_id,
            kind=kind,
            reason=self._reason(),
            reason_note=self.reason_note.text(),
            requested_resolution=self.requested.currentData(),
            lines=self.chosen_lines() if self.source.currentIndex() == 0 else [],
            notes=self.notes.toPlainText(),
            chargeback_due_on=self.chargeback_due.date().toPython()
            if kind == Kind.CHARGEBACK
            else None,
        )

    def _reason(self) -> Reason:
        """The reason the user picked; there is no default to fall back on."""
        if not self.reason.currentData():
            raise InputError(t("Choose the reason for the request."))
        return Reason(self.reason.currentData())

    # -- preview -------------------------------------------------------------
    def update_preview(self, *_args) -> None:
        is_chargeback = self.kind.currentData() == Kind.CHARGEBACK
        self.chargeback_due.setVisible(is_chargeback)
        self.chargeback_row_label.setVisible(is_chargeback)
        try:
            assessment = self._assessment()
        except (InputError, ValueError) as exc:
            self.preview.setText(str(exc))
            return
        if assessment is None:
            self.preview.setText(
                t("Choose an order and a reason to see the verdict and deadlines.")
            )
            return
        self.preview.setText(assessment_text(assessment, rules_language()))

    def _assessment(self):
        if not self.reason.currentData():
            return None
        kind, reason = self.kind.currentData(), self.reason.currentData()
        due = self.chargeback_due.date().toPython() if kind == Kind.CHARGEBACK else None
        if self.source.currentIndex() == 0:
            if self._order is None:
                return None
            line_ids = [line_id for line_id, _ in self.chosen_lines()]
            if not line_ids:
                raise InputError(t("Include at least one line."))
            return cases.preview(
                self._order, kind, reason, line_ids, due, delivered=self.line_dates()
            )
        return self._manual_preview(kind, reason, due)

    def _manual_preview(self, kind, reason, due):
        placed = self.m_placed.date().toPython()
        delivered = (
            self.m_delivered.date().toPython() if self.m_delivered_known.isChecked() else None
        )
        if delivered and delivered < placed:
            raise InputError(t("The delivery date is before the order date."))
        data = OrderInput(
            number="",
            customer_name="",
            customer_country=self.m_country.text(),
            currency="EUR",
            placed_at=datetime.combine(placed, time(12, 0), tzinfo=UTC),
            delivered_on=delivered,
            lines=[
                LineInput(
                    self.m_title.text() or t("Item", context="order line"),
                    1,
                    0,
                    personalised=self.m_personalised.isChecked(),
                    supplier_id=self.m_supplier.currentData(),
                )
            ],
        )
        return cases.preview_typed(data, kind, reason, due)

    # -- saving --------------------------------------------------------------
    def accept(self) -> None:
        try:
            if self.source.currentIndex() == 0:
                if self._order is None:
                    raise InputError(t("Choose the order the request is about."))
                if not self.chosen_lines():
                    raise InputError(t("Include at least one line."))
                case = rule_facts.open_case_with_line_dates(
                    self._case_input(self._order.id), self.line_dates()
                )
            else:
                case = cases.open_case_with_new_order(self._manual_order(), self._case_input(0))
        except InputError as exc:
            show_error(self, t("Case not opened"), exc)
            return
        self.created_case_id = case.id
        if case.kind == Kind.CHARGEBACK:
            self.record_notice(case.id)
        super().accept()

    def record_notice(self, case_id: int) -> None:
        """A new chargeback: ask for the rest of the processor's notice (reason code,
        processor, due time and zone). Cancelling keeps the case with its due day."""
        from returnsdesk.ui.case.chargeback_dialog import ChargebackNoticeDialog

        ChargebackNoticeDialog(case_id, self).exec()
