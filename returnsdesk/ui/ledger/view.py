"""The Ledger page: filters, the entries table, running totals, reversal and export."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import babel_locale, money_text, number_text
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.services.clock import utc_now
from returnsdesk.store import ledger_sql
from returnsdesk.store.ledger_sql import LedgerFilter
from returnsdesk.store.models import Supplier
from returnsdesk.ui.ledger.common import kind_label, reversible
from returnsdesk.ui.ledger.dialogs import export_with_dialogs, reverse_with_dialog
from returnsdesk.ui.ledger.model import COL, LedgerTableModel, fit_columns

COLUMN_WIDTHS = {
    "id": 60,
    "date": 90,
    "rma": 125,
    "order": 70,
    "customer": 150,
    "supplier": 170,
    "kind": 170,
    "amount": 100,
    "method": 100,
    "reference": 90,
    "memo": 240,
    "reversal": 110,
}


def month_start(day: date) -> date:
    return day.replace(day=1)


def period_bounds(code: str, today: date) -> tuple[date | None, date | None]:
    """Dates of a named period; ``custom`` is (None, None) and handled by the caller."""
    if code == "this_month":
        return month_start(today), today
    if code == "last_month":
        end = month_start(today) - timedelta(days=1)
        return month_start(end), end
    if code == "this_year":
        return date(today.year, 1, 1), today
    if code == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return None, None


class LedgerView(QWidget):
    """The Ledger area. ``reload()`` after money was posted elsewhere."""

    entry_reversed = Signal(int)  # case id

    def __init__(self, parent: QWidget | None = None, locale: str | None = None) -> None:
        super().__init__(parent)
        self.locale = locale or babel_locale()
        self.model = LedgerTableModel(self, self.locale)
        self._build()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filters)
        self._fill_choices()
        self.apply_filters()

    # --- layout -----------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.period = QComboBox()
        for code, label in [
            ("all", t("All time")),
            ("this_month", t("This month")),
            ("last_month", t("Last month")),
            ("this_year", t("This year")),
            ("last_year", t("Last year")),
            ("custom", t("From … to …")),
        ]:
            self.period.addItem(label, code)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        today = utc_now().date()
        for edit, day in ((self.date_from, month_start(today)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setEnabled(False)
        self.kind = QComboBox()
        self.supplier = QComboBox()
        self.currency = QComboBox()
        for combo, letters in ((self.kind, 16), (self.supplier, 17), (self.currency, 8)):
            # Long kinds and supplier names must not push the bar past a 1280-pixel window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(letters)
        self.rma = QLineEdit()
        self.rma.setPlaceholderText(t("Case RMA"))
        self.rma.setClearButtonEnabled(True)
        self.rma.setMinimumWidth(110)
        self.rma.setMaximumWidth(150)
        for label, widget in [
            (t("Period:"), self.period),
            (None, self.date_from),
            (t("to"), self.date_to),
            (t("Kind:"), self.kind),
            (t("Supplier:"), self.supplier),
            (t("Currency:"), self.currency),
            (None, self.rma),
        ]:
            if label:
                bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        fit_columns(self.table, COLUMN_WIDTHS)
        self.table.sortByColumn(COL["date"], Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.totals = QLabel()
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom.addWidget(self.totals, 1)
        self.reverse_button = QPushButton(t("Reverse…"))
        self.reverse_button.setToolTip(t("Cancel the selected entry with a reversal entry"))
        self.reverse_button.setEnabled(False)
        self.export_button = QPushButton(t("Export for accounting…"))
        bottom.addWidget(self.reverse_button)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(self.apply_filters)
        self.date_to.dateChanged.connect(self.apply_filters)
        self.kind.currentIndexChanged.connect(self.apply_filters)
        self.supplier.currentIndexChanged.connect(self.apply_filters)
        self.currency.currentIndexChanged.connect(self.apply_filters)
        self.rma.textChanged.connect(lambda _text: self._debounce.start())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.export_button.clicked.connect(self.export)
        self.table.doubleClicked.connect(lambda _index: self.reverse_selected())

    def _fill_choices(self) -> None:
        for combo in (self.kind, self.supplier, self.currency):
            combo.blockSignals(True)
            combo.clear()
        self.kind.addItem(t("All kinds"), None)
        for kind in LedgerKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.supplier.addItem(t("All suppliers"), None)
        for supplier in Supplier.select(Supplier.id, Supplier.name).order_by(Supplier.name):
            self.supplier.addItem(supplier.name, supplier.id)
        self.currency.addItem(t("All currencies"), None)
        for code in ledger_sql.currencies_in_use():
            self.currency.addItem(code, code)
        for combo in (self.kind, self.supplier, self.currency):
            combo.blockSignals(False)

    # --- filtering --------------------------------------------------------------

    def _period_changed(self) -> None:
        code = self.period.currentData()
        custom = code == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self.apply_filters()

    def current_filter(self) -> LedgerFilter:
        code = self.period.currentData()
        if code == "custom":
            start = self.date_from.date().toPython()
            end = self.date_to.date().toPython()
        else:
            start, end = period_bounds(code, utc_now().date())
        return LedgerFilter(
            date_from=start,
            date_to=end,
            kind=self.kind.currentData(),
            supplier_id=self.supplier.currentData(),
            currency=self.currency.currentData(),
            rma=self.rma.text(),
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())
        self._update_totals()

    def reload(self) -> None:
        """Re-read everything (call after money was posted elsewhere)."""
        selected = self.selected_entry()
        keep = {combo: combo.currentData() for combo in (self.kind, self.supplier, self.currency)}
        self._fill_choices()
        for combo, value in keep.items():
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))
        self.apply_filters()
        if selected is not None:
            self.select_entry(selected.id)

    def _update_totals(self) -> None:
        flt = self.model.filter
        totals = ledger_sql.filtered_totals(flt)
        if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
            self.totals.setText(t("The period starts after it ends."))
            return
        if not totals:
            self.totals.setText(t("No entries match."))
            return
        parts = []
        for total in totals:
            parts.append(
                tn(
                    "{currency}: paid out {paid} · recovered {recovered} · net {net}"
                    " ({count} entry)",
                    "{currency}: paid out {paid} · recovered {recovered} · net {net}"
                    " ({count} entries)",
                    total.count,
                    currency=total.currency,
                    paid=money_text(total.paid_out, total.currency, self.locale),
                    recovered=money_text(total.recovered, total.currency, self.locale),
                    net=money_text(total.net, total.currency, self.locale),
                    count=number_text(total.count, self.locale),
                )
            )
        self.totals.setText("\n".join(parts))

    # --- actions -------------------------------------------------------------------

    def selected_entry(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def select_entry(self, entry_id: int) -> bool:
        row = self.model.row_of(entry_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection_changed(self, *_args) -> None:
        entry = self.selected_entry()
        self.reverse_button.setEnabled(reversible(entry))

    def reverse_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if reverse_with_dialog(entry, self.locale, self):
            self.reload()
            self.entry_reversed.emit(entry.case_id)

    def export(self) -> None:
        flt = self.model.filter
        today = utc_now().date()
        start = flt.date_from or month_start(today)
        end = flt.date_to or today
        export_with_dialogs(start, end, self)
