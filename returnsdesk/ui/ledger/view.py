"""The Ledger page: filters, the entries table, running totals, reversal and export."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
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
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.clock import utc_now
from returnsdesk.services.ledger_view import (
    CurrencyTotals,
    LedgerChoices,
    LedgerFilter,
    LedgerRow,
    filtered_totals,
    ledger_choices,
)
from returnsdesk.ui.ledger.common import kind_label, qdate_day, reversible
from returnsdesk.ui.ledger.dialogs import export_with_dialogs, reverse_with_dialog
from returnsdesk.ui.ledger.model import COL, LedgerTableModel, fit_columns
from returnsdesk.ui.operations import change_bus, read_op
from returnsdesk.ui.widgets.debounce import Debounce
from returnsdesk.ui.widgets.kept_selection import KeptSelection
from returnsdesk.ui.widgets.page_fit import PageFit

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


#: What the ledger's rows and choices show: entries, and the cases', orders' and
#: suppliers' names beside them.
SHOWN = (Area.LEDGER, Area.SUPPLIERS, Area.CASES, Area.ORDERS)


class LedgerView(QWidget):
    """The Ledger area. It refreshes itself when a write touches what it shows (while
    hidden, once it is shown again)."""

    def __init__(self, parent: QWidget | None = None, locale: str | None = None) -> None:
        super().__init__(parent)
        self.number_locale = locale or babel_locale()
        self.model = LedgerTableModel(self, self.number_locale)
        self._totals_generation = 0
        self._debounce = Debounce(self, self.apply_filters, 250)
        self._stale = False  # a change arrived while the page was hidden
        self._build()
        self._fill_kinds()
        self.reload_choices()
        self.apply_filters()
        change_bus().changed.connect(self._store_changed)

    # --- layout -----------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self._build_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_bottom())
        self._connect()

    def _build_filters(self) -> QHBoxLayout:
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
        bar = QHBoxLayout()
        row: list[tuple[str | None, QWidget]] = [
            (t("Period:"), self.period),
            (None, self.date_from),
            (t("to"), self.date_to),
            (t("Kind:"), self.kind),
            (t("Supplier:"), self.supplier),
            (t("Currency:"), self.currency),
            (None, self.rma),
        ]
        for title, widget in row:
            if title:
                bar.addWidget(QLabel(title))
            bar.addWidget(widget)
        bar.addStretch(1)
        return bar

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        PageFit(self.table, self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        fit_columns(self.table, COLUMN_WIDTHS)
        self.table.sortByColumn(COL["date"], Qt.SortOrder.DescendingOrder)

    def _build_bottom(self) -> QHBoxLayout:
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
        return bottom

    def _connect(self) -> None:
        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(self.apply_filters)
        self.date_to.dateChanged.connect(self.apply_filters)
        self.kind.currentIndexChanged.connect(self.apply_filters)
        self.supplier.currentIndexChanged.connect(self.apply_filters)
        self.currency.currentIndexChanged.connect(self.apply_filters)
        self.rma.textChanged.connect(self._debounce.trigger)
        KeptSelection(self.table, self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.export_button.clicked.connect(self.export)
        self.table.doubleClicked.connect(lambda _index: self.reverse_selected())

    def _fill_kinds(self) -> None:
        self.kind.blockSignals(True)
        self.kind.addItem(t("All kinds"), None)
        for kind in LedgerKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.kind.blockSignals(False)

    def reload_choices(self) -> None:
        """Refill the supplier and currency filters off the GUI thread, keeping the choice."""
        read_op(self, ledger_choices, self._show_choices)

    def _show_choices(self, choices: LedgerChoices) -> None:
        for combo, first, items in (
            (self.supplier, t("All suppliers"), choices.suppliers),
            (self.currency, t("All currencies"), tuple((c, c) for c in choices.currencies)),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    # --- filtering --------------------------------------------------------------

    def _period_changed(self) -> None:
        code = self.period.currentData()
        custom = code == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self.apply_filters()

    def current_filter(self) -> LedgerFilter:
        code: str = self.period.currentData()
        if code == "custom":
            start: date | None = qdate_day(self.date_from.date())
            end: date | None = qdate_day(self.date_to.date())
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
        """Show the first page of what the filters select now; totals follow when read."""
        self._debounce.cancel()
        self.model.set_filter(self.current_filter())
        self._update_totals()

    def reload(self) -> None:
        """Re-read everything, keeping the filters and (``KeptSelection``) the selected entry."""
        self._stale = False
        self.reload_choices()
        self.apply_filters()

    def _store_changed(self, changes: Changes, _source: object) -> None:
        if not changes.touches(*SHOWN):
            return
        if self.isVisible() or self.window() is self:
            self.reload()
        else:  # the Ledger page, not shown now: read when it is shown again
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _update_totals(self) -> None:
        flt = self.model.filter
        self._totals_generation += 1
        if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
            self.totals.setText(t("The period starts after it ends."))
            return
        self.totals.setText(t("Adding up…"))
        generation = self._totals_generation
        read_op(
            self, lambda: filtered_totals(flt), lambda found: self._show_totals(generation, found)
        )

    def _show_totals(self, generation: int, totals: list[CurrencyTotals]) -> None:
        if generation != self._totals_generation:
            return  # an older filter's totals
        self.totals.setText(totals_text(totals, self.number_locale))

    # --- actions -------------------------------------------------------------------

    def selected_entry(self) -> LedgerRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def select_entry(self, entry_id: int) -> bool:
        row = self.model.row_of(entry_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection_changed(self, *_args: object) -> None:
        self.reverse_button.setEnabled(reversible(self.selected_entry()))

    def reverse_selected(self) -> bool:
        """Ask for a reason and post the reversal on the writer; False if not asked."""
        entry = self.selected_entry()
        if entry is None:
            return False
        return reverse_with_dialog(entry, self.number_locale, self)

    def export(self) -> None:
        flt = self.model.filter
        today = utc_now().date()
        start = flt.date_from or month_start(today)
        end = flt.date_to or today
        export_with_dialogs(start, end, self)


def totals_text(totals: list[CurrencyTotals], locale: str) -> str:
    """The line(s) under the table: per currency, paid out, recovered, net and count."""
    if not totals:
        return t("No entries match.")
    return "\n".join(
        tn(
            "{currency}: paid out {paid} · recovered {recovered} · net {net} ({count} entry)",
            "{currency}: paid out {paid} · recovered {recovered} · net {net} ({count} entries)",
            total.count,
            currency=total.currency,
            paid=money_text(total.paid_out, total.currency, locale),
            recovered=money_text(total.recovered, total.currency, locale),
            net=money_text(total.net, total.currency, locale),
            count=number_text(total.count, locale),
        )
        for total in totals
    )
