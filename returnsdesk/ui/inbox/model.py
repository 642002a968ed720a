"""The inbox's item model: ordered case ids from SQL, rows fetched a page at a time.

A query costs what is shown: ``refresh`` reads the first page of ids and its rows
at once; when the view holds more, the whole ordered id list (for scrolling,
``row_of`` and the total) is read off the GUI thread once the query has stayed the
same for a moment (typing starts no job per keystroke), and ``completed`` says so.
A row's display texts are made when it is first painted and kept, so a repaint
only looks them up.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.i18n.formatting import date_text, moment_text, money_text
from returnsdesk.domain.rule_text import deadline_label
from returnsdesk.services.clock import utc_now
from returnsdesk.services.inbox import Column, InboxQuery, InboxRow, case_ids, fetch_rows
from returnsdesk.ui import labels
from returnsdesk.ui.risk.badges import risk_titles, risk_tooltip
from returnsdesk.ui.tasks import run_task

PAGE = 64  # about two screens of rows: a keystroke reads no more than it shows
#: How long the query must stay unchanged before the ids after the first page are read.
REST_DELAY_MS = 250
OVERDUE = QColor("#c62828")
DUE_SOON = QColor("#ef6c00")

HEADERS = {
    Column.RMA: N_("RMA"),
    Column.ORDER: N_("Order"),
    Column.CUSTOMER: N_("Customer"),
    Column.PRODUCT: N_("Product"),
    Column.REASON: N_("Reason"),
    Column.STATUS: N_("Status"),
    Column.SUPPLIER: N_("Supplier"),
    Column.AMOUNT: N_("Amount"),
    Column.NEXT_DUE: N_("Next deadline"),
    Column.LAST_ACTIVITY: N_("Last activity"),
    Column.WAITING_ON: N_("Waiting on"),
    Column.RISK: N_("Risk"),
}
COLUMNS = list(HEADERS)
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
#: The roles ``data`` answers besides the display text.
_ROLES = frozenset(
    {
        CASE_ID_ROLE,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


class InboxModel(QAbstractTableModel):
    #: The whole id list of the query is known (``total`` is no longer None).
    completed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._query = InboxQuery()
        self._ids: list[int] = []
        self._complete = True
        self._generation = 0
        self._loaded = 0
        self._rows: dict[int, InboxRow] = {}
        self._texts: dict[int, tuple[str, ...]] = {}
        self.today: date = utc_now().date()
        self._rest = QTimer(self, singleShot=True, interval=REST_DELAY_MS)
        self._rest.timeout.connect(self._read_rest)

    # -- loading -----------------------------------------------------------
    @property
    def query(self) -> InboxQuery:
        return self._query

    def set_query(self, query: InboxQuery) -> None:
        self._query = query
        self.refresh()

    def set_pending(self, query: InboxQuery) -> None:
        """Show no rows while ``query``'s answer is being prepared off the GUI thread."""
        self._rest.stop()
        self.beginResetModel()
        self._query = query
        self._generation += 1
        self._ids, self._complete, self._loaded = [], False, 0
        self._rows.clear()
        self._texts.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-run the query (keeps nothing but the query; the view restores selection):
        the first page now, the rest of the ids from a worker when there are more."""
        self._rest.stop()
        self.beginResetModel()
        self.today = utc_now().date()
        self._generation += 1
        self._ids = case_ids(self._query, self.today, limit=PAGE + 1)
        self._complete = len(self._ids) <= PAGE
        del self._ids[PAGE:]
        self._rows.clear()
        self._texts.clear()
        self._loaded = len(self._ids)
        self._load(0, self._loaded)
        self.endResetModel()
        if not self._complete:  # read once the user pauses, not on every keystroke
            self._rest.start()

    def _read_rest(self) -> None:
        query, today, generation = self._query, self.today, self._generation
        job = run_task(lambda job: (generation, case_ids(query, today)))
        job.succeeded.connect(self._all_ids)

    def _all_ids(self, result: tuple[int, list[int]]) -> None:
        generation, ids = result
        if generation != self._generation:
            return  # an older query's ids
        if ids[: self._loaded] != self._ids[: self._loaded]:  # changed meanwhile: show anew
            self.beginResetModel()
            self._rows.clear()
            self._texts.clear()
            self._loaded = min(PAGE, len(ids))
            self._ids = ids
            self._load(0, self._loaded)
            self.endResetModel()
        self._ids = ids
        self._complete = True
        self.completed.emit()

    def is_complete(self) -> bool:
        return self._complete

    def _load(self, start: int, end: int) -> None:
        self._load_ids(self._ids[start:end])

    def _load_ids(self, ids: list[int]) -> None:
        self._rows.update(fetch_rows(ids, self.today))
        for case_id in ids:
            self._texts.pop(case_id, None)

    def canFetchMore(self, parent=_ROOT) -> bool:
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent=_ROOT) -> None:
        if parent.isValid():
            return
        end = min(self._loaded + PAGE, len(self._ids))
        if end <= self._loaded:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, end - 1)
        self._load(self._loaded, end)
        self._loaded = end
        self.endInsertRows()

    def total(self) -> int | None:
        """How many cases the query shows; None while the ids after the first page load."""
        return len(self._ids) if self._complete else None

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
        """Row of a case, loading pages up to it if needed; None if the view hides it."""
        try:
            position = self._ids.index(case_id)
        except ValueError:
            return None
        while position >= self._loaded:
            self.fetchMore()
        return position

    def reload_case(self, case_id: int) -> None:
        """Refresh one case's row in place (after an edit) without re-running the query."""
        if case_id in self._rows:
            self._load_ids([case_id])
            row = self._ids.index(case_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model API --------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return t(HEADERS[COLUMNS[section]])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._query = InboxQuery(self._query.view, self._query.filters, COLUMNS[column], descending)
        self.refresh()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        case_id = self._ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:  # the repaint's hot path: a lookup
            texts = self._texts.get(case_id)
            if texts is None:  # made when the row is first painted, then kept
                row = self._rows.get(case_id)
                if row is None:
                    return None
                texts = self._texts[case_id] = tuple(self._display(row, c) for c in COLUMNS)
            return texts[index.column()]
        if role not in _ROLES:
            return None
        row = self._rows.get(case_id)
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == CASE_ID_ROLE:
            return case_id
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.NEXT_DUE and row.next_due_on:
            left = (row.next_due_on - self.today).days
            if left < 0:
                return QBrush(OVERDUE)
            if left <= 1:
                return QBrush(DUE_SOON)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.RISK and row.risk:
            return risk_tooltip(case_id)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.RISK and row.risk:
            return QBrush(DUE_SOON)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.NEXT_DUE and row.next_due_on:
            return f"{date_text(row.next_due_on)} — {deadline_label(row.next_due_code)}"
        return None

    def _display(self, row: InboxRow, column: Column) -> str:
        if column == Column.RMA:
            return row.rma
        if column == Column.ORDER:
            return row.order_number
        if column == Column.CUSTOMER:
            return row.customer
        if column == Column.PRODUCT:
            return row.product
        if column == Column.REASON:
            return labels.reason(row.reason)
        if column == Column.STATUS:
            return labels.status(row.status)
        if column == Column.SUPPLIER:
            return row.supplier or "—"
        if column == Column.AMOUNT:
            return money_text(row.amount_minor, row.currency)
        if column == Column.NEXT_DUE:
            if row.next_due_on is None:
                return "—"
            return labels.countdown(row.next_due_on, self.today)
        if column == Column.LAST_ACTIVITY:
            return moment_text(row.updated_at)
        if column == Column.RISK:
            return risk_titles(row.risk)
        return labels.waiting_on(row.waiting_on)
