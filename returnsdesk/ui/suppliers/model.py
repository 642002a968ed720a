"""Item models of the Suppliers area: the supplier list and a contact log."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from returnsdesk.domain.i18n import t
from returnsdesk.services.clock import utc_now
from returnsdesk.services.contacts import CHANNEL_LABELS, Channel
from returnsdesk.services.suppliers import SupplierSummary, summaries
from returnsdesk.store.models import SupplierContact
from returnsdesk.ui import labels
from returnsdesk.ui.suppliers.times import both_times, supplier_clock, waited

_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole + 1
LATE = QColor("#c62828")


def _money_lines(summary: SupplierSummary, attribute: str) -> str:
    parts = [
        labels.money(getattr(row, attribute), row.currency)
        for row in summary.money
        if row.claimed or row.recovered
    ]
    return "\n".join(parts) if parts else "—"


class _RowsModel(QAbstractTableModel):
    """A small table held in memory: ``_rows`` and the column titles in ``HEADERS``."""

    HEADERS: list[str] = []

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return t(self.HEADERS[section])
        return None


class SuppliersModel(_RowsModel):
    HEADERS = [
        "Supplier",
        "Local time",
        "Open cases",
        "Awaiting reply",
        "Claimed",
        "Recovered",
        "Outstanding",
        "Median reply",
    ]

    def reload(self) -> None:
        self.beginResetModel()
        self.now = utc_now()
        self._rows = summaries(self.now)
        self.endResetModel()

    def summary(self, row: int) -> SupplierSummary:
        return self._rows[row]

    def row_of(self, supplier_id: int) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == supplier_id:
                return row
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return s.id
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and s.overdue_replies:
            return QBrush(LATE)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return s.name
        if column == 1:
            return supplier_clock(s.timezone, self.now)
        if column == 2:
            return s.open_cases
        if column == 3:
            if not s.awaiting_reply:
                return "—"
            oldest = waited((self.now - s.oldest_waiting_since).total_seconds() / 3600)
            text = t("{n} (oldest {age})").format(n=s.awaiting_reply, age=oldest)
            if s.overdue_replies:
                text += t(", {n} overdue").format(n=s.overdue_replies)
            return text
        if column == 4:
            return _money_lines(s, "claimed")
        if column == 5:
            return _money_lines(s, "recovered")
        if column == 6:
            return _money_lines(s, "outstanding")
        if s.median_reply_hours is None:
            return "—"
        return waited(s.median_reply_hours)


class ContactLogModel(_RowsModel):
    """Messages of a supplier or of a case, newest first."""

    HEADERS = ["When", "Case", "Channel", "Direction", "Subject", "Reference", "Reply"]

    def set_contacts(self, contacts: list[SupplierContact]) -> None:
        self.beginResetModel()
        self.now = utc_now()
        self._rows = contacts
        self.endResetModel()

    def contact(self, row: int) -> SupplierContact:
        return self._rows[row]

    def _reply(self, c: SupplierContact) -> str:
        if c.decision:
            return t("Decision: {d}").format(d=c.decision.replace("_", " "))
        if not c.awaiting_reply:
            return ""
        if c.answered_at is not None:
            return t("answered")
        hours = (self.now - c.at).total_seconds() / 3600
        late = c.reply_due_at is not None and c.reply_due_at <= self.now
        status = t("overdue") if late else t("awaiting")
        return f"{status}, {waited(hours)}" + (f" — {c.awaiting}" if c.awaiting else "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 4):
            return f"{both_times(c.at, c.supplier.timezone)} ({c.supplier.timezone})\n\n{c.body}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 6:
            if c.awaiting_reply and c.answered_at is None and c.reply_due_at <= self.now:
                return QBrush(LATE)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return both_times(c.at, c.supplier.timezone)
        if column == 1:
            return c.case.rma if c.case_id else "—"
        if column == 2:
            return t(CHANNEL_LABELS[Channel(c.channel)])
        if column == 3:
            return t("Sent") if c.direction == "sent" else t("Received")
        if column == 4:
            return c.subject
        if column == 5:
            return c.supplier_reference
        return self._reply(c)
