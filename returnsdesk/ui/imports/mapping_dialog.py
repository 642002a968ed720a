"""Choose which column of an unknown CSV holds which order field (remembered per file layout)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import N_, t
from returnsdesk.formats.importers.generic import MAPPABLE_FIELDS, ColumnMapping, check_mapping

_SAMPLE_ROWS = 5
CURRENCY_HINT = "EUR"
#: How a file writes 01/05/2026, in words.
DATE_ORDERS = {
    "dmy": N_("day first (1 May)"),
    "mdy": N_("month first (5 January)"),
    "ymd": N_("year first (2026-05-01)"),
}


def _shop_currency() -> str:
    from returnsdesk.services.settings import shop_details

    return shop_details().default_currency


class ColumnMappingDialog(QDialog):
    """``ColumnMappingDialog(header, sample_rows, mapping, parent)``; ``.mapping()`` after exec."""

    def __init__(
        self,
        header: list[str],
        sample_rows: list[list[str]],
        mapping: ColumnMapping,
        parent: QWidget | None = None,
        file_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Choose the columns"))
        self._header = header
        layout = QVBoxLayout(self)
        self._build_intro(layout, file_name)
        layout.addWidget(self._build_sample(header, sample_rows))
        layout.addWidget(self._build_columns(header, mapping))
        layout.addLayout(self._build_options(mapping))
        self._error = QLabel()
        self._error.setTextFormat(Qt.TextFormat.PlainText)
        self._error.setStyleSheet("color: #b00020")
        self._error.setWordWrap(True)
        layout.addWidget(self._error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Use these columns"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 640)

    def _build_intro(self, layout: QVBoxLayout, file_name: str) -> None:
        intro = QLabel(
            t(
                "ReturnsDesk does not know the layout of this file. Say which column holds "
                "what; fields marked * are required. Your choice is remembered for files "
                "with the same columns."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if file_name:
            name = QLabel(file_name)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setStyleSheet("font-weight: bold")
            layout.addWidget(name)

    def _build_sample(self, header: list[str], sample_rows: list[list[str]]) -> QTableWidget:
        """The file's first rows, as they are (user data)."""
        sample = QTableWidget(min(len(sample_rows), _SAMPLE_ROWS), len(header))
        sample.setHorizontalHeaderLabels(header)
        sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, cells in enumerate(sample_rows[:_SAMPLE_ROWS]):
            for c, text in enumerate(cells[: len(header)]):
                sample.setItem(r, c, QTableWidgetItem(text.replace("\n", " ")))
        sample.setMaximumHeight(170)
        sample.verticalHeader().setVisible(False)
        return sample

    def _build_columns(self, header: list[str], mapping: ColumnMapping) -> QGroupBox:
        """One choice of column per order field, in two columns."""
        labels = self._labels()
        box = QGroupBox(t("Columns"))
        grid = QGridLayout(box)
        self._combos: dict[str, QComboBox] = {}
        half = (len(MAPPABLE_FIELDS) + 1) // 2
        for position, (field, required) in enumerate(MAPPABLE_FIELDS):
            combo = QComboBox()
            combo.addItem(t("(not in this file)"), "")
            for column in header:
                if column:
                    combo.addItem(column, column)
            chosen = mapping.columns.get(field, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            self._combos[field] = combo
            text = labels.get(field, field) + (" *" if required else "")
            row, col = position % half, (position // half) * 2
            grid.addWidget(QLabel(text), row, col)
            grid.addWidget(combo, row, col + 1)
        return box

    def _build_options(self, mapping: ColumnMapping) -> QHBoxLayout:
        """The currency and the date order the file does not say."""
        options = QHBoxLayout()
        options.addWidget(QLabel(t("Currency when no column gives it:")))
        self._currency = QLineEdit(mapping.currency or _shop_currency())
        self._currency.setMaxLength(3)
        self._currency.setPlaceholderText(CURRENCY_HINT)
        self._currency.setMaximumWidth(70)
        options.addWidget(self._currency)
        options.addSpacing(20)
        options.addWidget(QLabel(t("Dates like 01/05/2026 are:")))
        self._date_order = QComboBox()
        for order, label in DATE_ORDERS.items():
            self._date_order.addItem(t(label), order)
        self._date_order.setCurrentIndex(max(0, self._date_order.findData(mapping.date_order)))
        options.addWidget(self._date_order)
        options.addStretch(1)
        return options

    def _labels(self) -> dict[str, str]:
        return {
            "number": t("Order number"),
            "placed_at": t("Order date"),
            "email": t("Customer e-mail"),
            "customer_name": t("Customer name"),
            "first_name": t("First name"),
            "last_name": t("Last name"),
            "phone": t("Phone"),
            "sku": t("SKU"),
            "title": t("Item title"),
            "variant": t("Variant"),
            "quantity": t("Quantity"),
            "price": t("Unit price"),
            "currency": t("Currency"),
            "shipping": t("Shipping cost"),
            "tax": t("Tax"),
            "total": t("Order total"),
            "shipping_country": t("Country"),
            "address1": t("Address"),
            "city": t("City"),
            "zip": t("Postcode"),
            "vendor": t("Supplier (vendor)"),
            "payment_method": t("Payment method"),
            "payment_reference": t("Payment reference"),
            "carrier": t("Carrier"),
            "tracking": t("Tracking number"),
            "shipped_at": t("Shipped on"),
            "delivered_at": t("Delivered on"),
        }

    def combo(self, field: str) -> QComboBox:
        return self._combos[field]

    def mapping(self) -> ColumnMapping:
        columns = {f: c.currentData() for f, c in self._combos.items() if c.currentData()}
        return ColumnMapping(
            columns, self._currency.text().strip().upper(), self._date_order.currentData()
        )

    def accept(self) -> None:
        labels = self._labels()
        missing = [
            labels[f]
            for f, required in MAPPABLE_FIELDS
            if required and not self._combos[f].currentData()
        ]
        if missing:
            self._error.setText(t("Choose a column for: {fields}.", fields=", ".join(missing)))
            return
        try:
            check_mapping(self.mapping(), self._header)
        except InputError as exc:
            self._error.setText(str(exc))
            return
        super().accept()
