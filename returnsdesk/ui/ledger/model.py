"""The ledger entries table model: ids from SQL, rows fetched a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableView

from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.i18n.formatting import babel_locale, money_text
from returnsdesk.domain.ledger import Direction
from returnsdesk.services.ledger_view import LedgerFilter, LedgerRow, entry_rows, ids_reader
from returnsdesk.ui.ledger.common import direction_of, entry_day, kind_label
from returnsdesk.ui.widgets.id_list_model import IdListModel, IdsReader, RowsReader

#: (sort key in ledger_sql.SORT_KEYS or None, header text)
COLUMNS: list[tuple[str | None, str]] = [
    ("id", "#"),
    ("date", N_("Date")),
    ("rma", N_("RMA")),
    ("order", N_("Order")),
    ("customer", N_("Customer")),
    ("supplier", N_("Supplier")),
    ("kind", N_("Kind")),
    ("amount", N_("Amount")),
    (None, N_("Reversal")),
    ("method", N_("Method")),
    ("reference", N_("Reference")),
    ("memo", N_("Memo")),
]
COL = {key or "reversal": i for i, (key, _) in enumerate(COLUMNS)}

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

#: The columns shown as the row has them (the others are worded in ``_display``).
_AS_IS: dict[int, Callable[[LedgerRow], str]] = {
    COL["id"]: lambda row: str(row.id),
    COL["date"]: lambda row: entry_day(row.entry_date),
    COL["rma"]: lambda row: row.rma,
    COL["order"]: lambda row: row.order_number,
    COL["customer"]: lambda row: row.customer,
    COL["supplier"]: lambda row: row.supplier,
    COL["method"]: lambda row: row.method,
    COL["reference"]: lambda row: row.reference,
}


def fit_columns(table: QTableView, widths: dict[str, int]) -> None:
    """Column widths from ``widths`` (by key), widened so the window's titles show whole."""
    metrics = table.horizontalHeader().fontMetrics()
    for key, width in widths.items():
        title = t(COLUMNS[COL[key]][1])
        table.setColumnWidth(COL[key], max(width, metrics.horizontalAdvance(title) + 28))


class LedgerTableModel(IdListModel[LedgerRow]):
    """The entries a filter selects, in the chosen order (see ``IdListModel``)."""

    def __init__(self, parent: QObject | None = None, locale: str | None = None) -> None:
        super().__init__(parent)
        self.locale = locale or babel_locale()
        self._filter = LedgerFilter()
        self._sort = ("date", True)
        self._started = False
        self._muted = QBrush(QColor(120, 120, 120))
        self._out = QBrush(QColor(170, 30, 30))
        self._in = QBrush(QColor(20, 120, 40))

    @property
    def filter(self) -> LedgerFilter:
        return self._filter

    def set_filter(self, flt: LedgerFilter) -> None:
        self._filter = flt
        self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        if self._started:  # a view setting up its header only chooses the order
            self.refresh()

    def refresh(self) -> None:
        self._started = True
        super().refresh()

    # -- IdListModel ---------------------------------------------------------------------
    def ids_reader(self) -> IdsReader:
        return ids_reader(self._filter, *self._sort)

    def rows_reader(self) -> RowsReader[LedgerRow]:
        return entry_rows

    def column_count(self) -> int:
        return len(COLUMNS)

    def header(self, section: int) -> str:
        return t(COLUMNS[section][1])

    def cell(self, row: LedgerRow, entry_id: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ENTRY_ID_ROLE:
            return entry_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL["amount"], COL["id"]):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.reverses_id is not None or row.reversed_by_id is not None:
                return self._muted
            if column == COL["amount"]:
                return self._out if row.signed_minor < 0 else self._in
            return None
        if role == Qt.ItemDataRole.FontRole and row.reversed_by_id is not None:
            font = QFont()
            font.setStrikeOut(column == COL["amount"])
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: LedgerRow, column: int) -> str | None:
        tips = []
        if row.reverses_id is not None:
            tips.append(t("Reversal of entry #{id}", id=row.reverses_id))
        if row.reversed_by_id is not None:
            tips.append(t("Cancelled by reversal #{id}", id=row.reversed_by_id))
        if row.override_note:
            tips.append(t("Override: {note}", note=row.override_note))
        if column == COL["memo"] and row.memo:
            tips.append(row.memo)
        return "\n".join(tips) or None

    def _display(self, row: LedgerRow, column: int) -> str | None:
        as_is = _AS_IS.get(column)
        if as_is is not None:
            return as_is(row)
        if column == COL["kind"]:
            label = kind_label(row.kind)
            return t("{kind} (reversal)", kind=label) if row.reverses_id else label
        if column == COL["amount"]:
            if direction_of(row.kind) == Direction.NEUTRAL:
                return money_text(row.amount_minor, row.currency, self.locale)
            return money_text(row.signed_minor, row.currency, self.locale)
        if column == COL["memo"]:
            memo = row.memo.replace("\n", " ")
            if row.override_note:
                memo += " " + t("[override: {note}]", note=row.override_note)
            return memo
        if column == COL["reversal"]:
            if row.reverses_id is not None:
                return t("reverses #{id}", id=row.reverses_id)
            if row.reversed_by_id is not None:
                return t("reversed by #{id}", id=row.reversed_by_id)
            return ""
        return None
