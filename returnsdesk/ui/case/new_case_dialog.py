"""New case: pick an order (or type one in), the lines, kind and reason; see the verdict first."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from returnsdesk.services import cases, new_case
from returnsdesk.services.case_view import CaseView
from returnsdesk.services.cases import Assessment, OpenCaseInput
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.new_case import OrderChoice, OrderLines
from returnsdesk.services.orders import LineInput, OrderInput
from returnsdesk.ui import labels
from returnsdesk.ui.case.qt_dates import date_edit, day_of
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op
from returnsdesk.ui.policy.facts_panel import OptionalDate
from returnsdesk.ui.policy.verdict_text import assessment_text, rules_language
from returnsdesk.ui.widgets.amount_edit import AmountEdit
from returnsdesk.ui.widgets.debounce import Debounce

ORDER_ROLE = Qt.ItemDataRole.UserRole + 1


class NewCaseDialog(QDialog):
    """Every read runs off the GUI thread (``read_op``) and the case is opened on the
    writer (``write_op``); the dialog closes once the case exists."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("New case"))
        self.created_case_id: int | None = None
        self._order: OrderLines | None = None
        self._preview_asked = 0
        self._build_existing()
        self._build_manual()
        self.source = QTabWidget(self)
        self.source.addTab(self.existing_page, t("From an order"))
        self.source.addTab(self.manual_page, t("Enter the order by hand"))
        self._build_request()
        self._build_preview()
        self._build_layout()
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
        read_op(self, new_case.suppliers, self._fill_suppliers)
        self._search_orders()
        self.update_preview()

    # -- building ------------------------------------------------------------
    def _build_existing(self) -> None:
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
        self._search = Debounce(self, self._search_orders, 150)
        self.order_search.textChanged.connect(self._search.trigger)
        self.order_results.currentItemChanged.connect(self._order_chosen)
        self.existing_page = QWidget(self)
        existing_layout = QVBoxLayout(self.existing_page)
        existing_layout.addWidget(self.order_search)
        existing_layout.addWidget(self.order_results, 1)
        existing_layout.addWidget(QLabel(t("Lines concerned (quantity 0 = not included):")))
        existing_layout.addWidget(self.lines, 1)

    def _build_manual(self) -> None:
        manual = self.manual_page = QWidget(self)
        self.m_number = QLineEdit(manual)
        self.m_customer = QLineEdit(manual)
        self.m_email = QLineEdit(manual)
        self.m_country = QLineEdit(manual)
        self.m_country.setMaxLength(2)
        self.m_country.setPlaceholderText(t("e.g. FR"))
        self.m_currency = QLineEdit("EUR", manual)
        self.m_currency.setMaxLength(3)
        self.m_placed = date_edit(manual, date.today() - timedelta(days=14))
        self.m_delivered_known = QCheckBox(t("Delivered on"), manual)
        self.m_delivered_known.setChecked(True)
        self.m_delivered = date_edit(manual, date.today() - timedelta(days=5))
        self.m_delivered_known.toggled.connect(self.m_delivered.setEnabled)
        self.m_title = QLineEdit(manual)
        self.m_sku = QLineEdit(manual)
        self.m_quantity = QSpinBox(manual, minimum=1, maximum=999)
        self.m_price = AmountEdit("EUR", babel_locale(), manual)
        self.m_price.setPlaceholderText(decimal_text(Decimal("49.90"), digits=2))
        self.m_currency.textChanged.connect(self._price_currency)
        self.m_personalised = QCheckBox(t("Personalised / print on demand"), manual)
        self.m_supplier = QComboBox(manual)
        self.m_supplier.addItem(t("— none —"), None)
        for widget in (self.m_number, self.m_customer, self.m_email, self.m_title, self.m_sku):
            widget.setMaxLength(300)
        form = QFormLayout(manual)
        form.addRow(t("Order number:"), self.m_number)
        form.addRow(t("Customer name:"), self.m_customer)
        form.addRow(t("E-mail:"), self.m_email)
        form.addRow(t("Country (ISO):"), self.m_country)
        form.addRow(t("Currency:"), self.m_currency)
        form.addRow(t("Ordered on:"), self.m_placed)
        delivered_row = QHBoxLayout()
        delivered_row.addWidget(self.m_delivered_known)
        delivered_row.addWidget(self.m_delivered, 1)
        form.addRow(delivered_row)
        form.addRow(t("Item:", context="order line"), self.m_title)
        form.addRow(t("SKU:", context="product code"), self.m_sku)
        form.addRow(t("Quantity:"), self.m_quantity)
        form.addRow(t("Unit price:"), self.m_price)
        form.addRow("", self.m_personalised)
        form.addRow(t("Supplier:"), self.m_supplier)

    def _build_request(self) -> None:
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
        self.chargeback_due = date_edit(self, date.today() + timedelta(days=10))
        self.notes = QPlainTextEdit(self)
        self.notes.setMaximumHeight(70)
        self.request_box = QGroupBox(t("Request"), self)
        request = QFormLayout(self.request_box)
        request.addRow(t("Kind:"), self.kind)
        request.addRow(t("Reason:"), self.reason)
        request.addRow(t("Reason note:"), self.reason_note)
        request.addRow(t("Customer asks for:"), self.requested)
        self.chargeback_row_label = QLabel(t("Response due:"), self)
        request.addRow(self.chargeback_row_label, self.chargeback_due)
        request.addRow(t("Notes:"), self.notes)

    def _build_preview(self) -> None:
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
        self.preview_box = QGroupBox(t("Verdict and deadlines"), self)
        QVBoxLayout(self.preview_box).addWidget(preview_scroll)

    def _build_layout(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Open case"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.request_box)
        right.addWidget(self.preview_box, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.source, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

    def _fill_suppliers(self, choices: tuple[tuple[str, int], ...]) -> None:
        for name, supplier_id in choices:
            self.m_supplier.addItem(name, supplier_id)

    # -- orders --------------------------------------------------------------
    def _search_orders(self) -> None:
        query = self.order_search.text()
        read_op(self, lambda: (query, new_case.order_choices(query)), self._show_orders)

    def _show_orders(self, found: tuple[str, tuple[OrderChoice, ...]]) -> None:
        query, orders = found
        if query != self.order_search.text():
            return  # the user typed on: a newer search is on its way
        self.order_results.clear()
        for order in orders:
            text = (
                f"{order.number} · {date_text(order.placed_on)} · "
                f"{money_text(order.total_minor, order.currency)}\n"
                f"{order.customer_name} <{order.customer_email}>"
            )
            item = QListWidgetItem(text, self.order_results)
            item.setToolTip(text)
            item.setData(ORDER_ROLE, order.id)
        if self.order_results.count() == 1:
            self.order_results.setCurrentRow(0)

    def _order_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self._show_lines(None)
            return
        order_id = item.data(ORDER_ROLE)
        read_op(self, lambda: new_case.order_lines(order_id), self._show_lines)

    def _show_lines(self, order: OrderLines | None) -> None:
        self._order = order
        self.lines.blockSignals(True)
        self.lines.setRowCount(0)
        currency = order.currency if order else ""
        for row, line in enumerate(order.lines if order else ()):
            self.lines.insertRow(row)
            title = QTableWidgetItem(line.title)
            title.setFlags(Qt.ItemFlag.ItemIsEnabled)
            title.setData(ORDER_ROLE, line.id)
            self.lines.setItem(row, 0, title)
            sku = QTableWidgetItem(line.sku)
            sku.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.lines.setItem(row, 1, sku)
            price = QTableWidgetItem(money_text(line.unit_price_minor, currency))
            price.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.lines.setItem(row, 2, price)
            spin = QSpinBox(self.lines, minimum=0, maximum=line.quantity)
            spin.setValue(line.quantity)
            spin.valueChanged.connect(self.update_preview)
            self.lines.setCellWidget(row, 3, spin)
            delivered = OptionalDate(t("on", context="date"), self.lines)
            delivered.set_value(line.delivered_on)
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
            item = self.lines.horizontalHeaderItem(column)
            title = item.text() if item is not None else ""
            needed = metrics.horizontalAdvance(title) + 24
            self.lines.setColumnWidth(column, max(self.lines.columnWidth(column), needed))

    def _price_currency(self, text: str) -> None:
        """The unit price is read in the order's currency as soon as it is a real one."""
        # InputError: the currency field says what is wrong when the order is made
        with contextlib.suppress(InputError):
            self.m_price.set_currency(check_currency(text))

    def _line_rows(self) -> list[tuple[int, QSpinBox, OptionalDate]]:
        """(order line id, its quantity field, its delivery day field) of each row."""
        rows = []
        for row in range(self.lines.rowCount()):
            item = self.lines.item(row, 0)
            quantity, delivered = self.lines.cellWidget(row, 3), self.lines.cellWidget(row, 4)
            if (
                item is not None
                and isinstance(quantity, QSpinBox)
                and isinstance(delivered, OptionalDate)
            ):
                rows.append((int(item.data(ORDER_ROLE)), quantity, delivered))
        return rows

    def line_dates(self) -> dict[int, date | None]:
        """The delivery date typed for each line of the chosen order (parcels can differ)."""
        return {line_id: delivered.value() for line_id, _, delivered in self._line_rows()}

    def chosen_lines(self) -> list[tuple[int, int]]:
        return [
            (line_id, quantity.value())
            for line_id, quantity, _ in self._line_rows()
            if quantity.value()
        ]

    def _manual_order(self) -> OrderInput:
        currency = check_currency(self.m_currency.text())
        self.m_price.set_currency(currency)
        price = self.m_price.value()
        placed = day_of(self.m_placed)
        delivered = day_of(self.m_delivered) if self.m_delivered_known.isChecked() else None
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
            chargeback_due_on=day_of(self.chargeback_due) if kind == Kind.CHARGEBACK else None,
        )

    def _reason(self) -> Reason:
        """The reason the user picked; there is no default to fall back on."""
        if not self.reason.currentData():
            raise InputError(t("Choose the reason for the request."))
        return Reason(self.reason.currentData())

    # -- preview ------------------------------------------------------------
    def update_preview(self, *_args: object) -> None:
        """Show the verdict and deadlines the case would get (read off the GUI thread)."""
        is_chargeback = self.kind.currentData() == Kind.CHARGEBACK
        self.chargeback_due.setVisible(is_chargeback)
        self.chargeback_row_label.setVisible(is_chargeback)
        self._preview_asked += 1
        asked = self._preview_asked
        try:
            op = self._assessment()
        except InputError as exc:
            self.preview.setText(str(exc))
            return
        if op is None:
            self.preview.setText(
                t("Choose an order and a reason to see the verdict and deadlines.")
            )
            return

        def show(assessment: Assessment) -> None:
            if asked == self._preview_asked:  # an older answer never covers a newer one
                self.preview.setText(assessment_text(assessment, rules_language()))

        def refused(error: Exception) -> None:
            if asked == self._preview_asked:
                self.preview.setText(str(error))

        read_op(self, op, show, on_error=refused)

    def _assessment(self) -> Callable[[], Assessment] | None:
        """The read that gives the verdict, or None while the order or reason is missing."""
        if not self.reason.currentData():
            return None
        kind, reason = self.kind.currentData(), self.reason.currentData()
        due = day_of(self.chargeback_due) if kind == Kind.CHARGEBACK else None
        if self.source.currentIndex() == 0:
            if self._order is None:
                return None
            line_ids = [line_id for line_id, _ in self.chosen_lines()]
            if not line_ids:
                raise InputError(t("Include at least one line."))
            order_id, delivered = self._order.id, self.line_dates()
            return lambda: new_case.preview_for_order(
                order_id, kind, reason, line_ids, due, delivered
            )
        data = self._typed_preview_order()
        return lambda: cases.preview_typed(data, kind, reason, due)

    def _typed_preview_order(self) -> OrderInput:
        placed = day_of(self.m_placed)
        delivered = day_of(self.m_delivered) if self.m_delivered_known.isChecked() else None
        if delivered and delivered < placed:
            raise InputError(t("The delivery date is before the order date."))
        return OrderInput(
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

    # -- saving --------------------------------------------------------------
    def accept(self) -> None:
        """Open the case on the writer; the dialog closes once it exists."""
        try:
            op = self._open_op()
        except InputError as exc:
            show_error(self, t("Case not opened"), exc)
            return
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)  # one case per click

        def refused(error: Exception) -> None:
            ok.setEnabled(True)
            show_error(self, t("Case not opened"), error)

        write_op(
            self,
            op,
            changes=lambda case: Changes.of(Area.ORDERS, cases=[case.id]),
            on_done=self._opened,
            on_error=refused,
        )

    def _open_op(self) -> Callable[[], CaseView]:
        """The write that opens the case, once what can be checked here is right."""
        if self.source.currentIndex() == 0:
            if self._order is None:
                raise InputError(t("Choose the order the request is about."))
            if not self.chosen_lines():
                raise InputError(t("Include at least one line."))
            data, delivered = self._case_input(self._order.id), self.line_dates()
            return lambda: new_case.open_on_order(data, delivered)
        order, data = self._manual_order(), self._case_input(0)
        return lambda: new_case.open_on_typed_order(order, data)

    def _opened(self, case: CaseView) -> None:
        self.created_case_id = case.id
        if case.kind == Kind.CHARGEBACK:
            self.record_notice(case)
        super().accept()

    def record_notice(self, case: CaseView) -> None:
        """A new chargeback: ask for the rest of the processor's notice (reason code,
        processor, due time and zone). Cancelling keeps the case with its due day."""
        from returnsdesk.ui.case.chargeback_dialog import ChargebackNoticeDialog

        ChargebackNoticeDialog(case, self).exec()
