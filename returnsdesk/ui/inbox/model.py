"""The inbox's item model: ordered case ids from SQL, rows fetched a page at a time.

A query costs what is shown (``ui.widgets.id_list_model``: the first page at once,
the rest of the ids off the GUI thread once typing pauses). A row's display texts
are made when it is first painted and kept, so a repaint only looks them up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.i18n.formatting import date_text, moment_text, money_text
from returnsdesk.domain.rule_text import deadline_label
from returnsdesk.services.clock import utc_now
from returnsdesk.services.inbox import Column, InboxQuery, InboxRow, case_ids, fetch_rows
from returnsdesk.ui import labels
from returnsdesk.ui.risk.badges import risk_titles, risk_tooltip
from returnsdesk.ui.widgets.id_list_model import IdListModel, IdsReader, RowsReader

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
#: The roles ``data`` answers besides the display text.
_ROLES = frozenset(
    {
        CASE_ID_ROLE,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


class InboxModel(IdListModel[InboxRow]):
    """The inbox's cases in the query's order (see ``IdListModel``)."""

    rest_ms = REST_DELAY_MS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = InboxQuery()
        self._texts: dict[int, tuple[str, ...]] = {}
        self.today: date = utc_now().date()

    @property
    def query(self) -> InboxQuery:
        return self._query

    def set_query(self, query: InboxQuery) -> None:
        self._query = query
        self.refresh()

    def set_pending(self, query: InboxQuery) -> None:
        """Show no rows while ``query``'s answer is being prepared off the GUI thread."""
        self._query = query
        self.clear_pending()

    def refresh(self) -> None:
        """Re-run the query (keeps nothing but the query; the view restores selection)."""
        self.today = utc_now().date()
        super().refresh()

    def case_id(self, row: int) -> int:
        """The case shown on ``row`` (``id_at`` by the inbox's name)."""
        return self.id_at(row)

    # -- IdListModel ---------------------------------------------------------
    def ids_reader(self) -> IdsReader:
        query, today = self._query, self.today
        return lambda limit: case_ids(query, today, limit=limit)

    def rows_reader(self) -> RowsReader[InboxRow]:
        today = self.today
        return lambda ids: fetch_rows(ids, today)

    def rows_reset(self) -> None:
        self._texts.clear()

    def column_count(self) -> int:
        return len(COLUMNS)

    def header(self, section: int) -> str:
        return t(HEADERS[COLUMNS[section]])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._query = InboxQuery(self._query.view, self._query.filters, COLUMNS[column], descending)
        self.refresh()

    def cell(self, row: InboxRow, case_id: int, column_index: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:  # the repaint's hot path: a lookup
            texts = self._texts.get(case_id)
            if texts is None:  # made when the row is first painted, then kept
                texts = self._texts[case_id] = tuple(self._display(row, c) for c in COLUMNS)
            return texts[column_index]
        if role not in _ROLES:
            return None
        column = COLUMNS[column_index]
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
        if column == Column.NEXT_DUE:
            if row.next_due_on is None:
                return "—"
            return labels.countdown(row.next_due_on, self.today)
        return _CELL_TEXT[column](row)


#: The text of each column of a row (but the deadline's, which counts from today).
_CELL_TEXT: dict[Column, Callable[[InboxRow], str]] = {
    Column.RMA: lambda row: row.rma,
    Column.ORDER: lambda row: row.order_number,
    Column.CUSTOMER: lambda row: row.customer,
    Column.PRODUCT: lambda row: row.product,
    Column.REASON: lambda row: labels.reason(row.reason),
    Column.STATUS: lambda row: labels.status(row.status),
    Column.SUPPLIER: lambda row: row.supplier or "—",
    Column.AMOUNT: lambda row: money_text(row.amount_minor, row.currency),
    Column.LAST_ACTIVITY: lambda row: moment_text(row.updated_at),
    Column.RISK: lambda row: risk_titles(row.risk),
    Column.WAITING_ON: lambda row: labels.waiting_on(row.waiting_on),
}
