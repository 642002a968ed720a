"""The ledger entries table model: ids from SQL, rows fetched lazily in batches."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableView

from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.i18n.formatting import babel_locale, money_text
from returnsdesk.domain.ledger import Direction
from returnsdesk.store import ledger_sql
from returnsdesk.store.ledger_sql import LedgerFilter, LedgerRow
from returnsdesk.ui.ledger.common import direction_of, entry_day, kind_label

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


def fit_columns(table: QTableView, widths: dict[str, int]) -> None:
    """Column widths from ``widths`` (by key), widened so the window's titles show whole."""
    metrics = table.horizontalHeader().fontMetrics()
    for key, width in widths.items():
        title = t(COLUMNS[COL[key]][1])
        table.setColumnWidth(COL[key], max(width, metrics.horizontalAdvance(title) + 28))


class LedgerTableModel(QAbstractTableModel):
    """Holds the sorted ids of the filtered entries; loads row data as the view scrolls."""

    BATCH = 200

    def __init__(self, parent=None, locale: str | None = None) -> None:
        super().__init__(parent)
        self.locale = locale or babel_locale()
        self._filter = LedgerFilter()
        self._sort = ("date", True)
        self._ids: list[int] = []
        self._rows: list[LedgerRow] = []
        self._fetching = False
        self._muted = QBrush(QColor(120, 120, 120))
        self._out = QBrush(QColor(170, 30, 30))
        self._in = QBrush(QColor(20, 120, 40))

    # --- loading ---------------------------------------------------------------

    @property
    def filter(self) -> LedgerFilter:
        return self._filter

    def set_filter(self, flt: LedgerFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = ledger_sql.filtered_ids(self._filter, *self._sort)
        self._rows = []
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()  # the first screenful at once; the view asks for the rest

    def total_count(self) -> int:
        return len(self._ids)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        if parent.isValid():
            return False
        return len(self._rows) < len(self._ids)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008 - Qt signature
        if parent.isValid() or self._fetching:
            return  # a view reacting to rowsAboutToBeInserted may ask again; once is enough
        start = len(self._rows)
        batch = self._ids[start : start + self.BATCH]
        if not batch:
            return
        rows = ledger_sql.rows_by_ids(batch)
        if not rows:  # entries cannot vanish (append-only); be safe anyway
            self._ids = self._ids[:start]
            return
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        finally:
            self._fetching = False

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self.reload()

    # --- access -------------------------------------------------------------------

    def entry_at(self, row: int) -> LedgerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int:
        """Row of an entry, loading batches until it appears; -1 if not in the filter."""
        if entry_id not in self._ids:
            return -1
        position = self._ids.index(entry_id)
        while len(self._rows) <= position and self.canFetchMore():
            self.fetchMore()
        return position

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return t(COLUMNS[section][1])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ENTRY_ID_ROLE:
            return row.id
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
        return None

    def _display(self, row: LedgerRow, column: int):
        if column == COL["id"]:
            return str(row.id)
        if column == COL["date"]:
            return entry_day(row.entry_date)
        if column == COL["rma"]:
            return row.rma
        if column == COL["order"]:
            return row.order_number
        if column == COL["customer"]:
            return row.customer
        if column == COL["supplier"]:
            return row.supplier
        if column == COL["kind"]:
            label = kind_label(row.kind)
            return t("{kind} (reversal)", kind=label) if row.reverses_id else label
        if column == COL["amount"]:
            if direction_of(row.kind) == Direction.NEUTRAL:
                return money_text(row.amount_minor, row.currency, self.locale)
            return money_text(row.signed_minor, row.currency, self.locale)
        if column == COL["method"]:
            return row.method
        if column == COL["reference"]:
            return row.reference
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
