"""Item models of the Suppliers area: the supplier list and a contact log."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.i18n.formatting import money_text
from returnsdesk.services.clock import utc_now
from returnsdesk.services.contacts import DECISION_LABELS, Channel, Decision
from returnsdesk.services.supplier_view import ContactRow
from returnsdesk.services.suppliers import SupplierSummary
from returnsdesk.ui.suppliers.times import both_times, supplier_clock, waited

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
LATE = QColor("#c62828")


#: How a channel is named in the window (the stored value is a code).
CHANNELS = {
    Channel.EMAIL: N_("E-mail"),
    Channel.CHAT: N_("Chat"),
    Channel.PHONE: N_("Phone"),
    Channel.DISPUTE: N_("Platform dispute"),
    Channel.OTHER: N_("Other"),
}


def channel_label(channel: Channel) -> str:
    return t(CHANNELS[channel])


def decision_label(code: str) -> str:
    """A recorded decision in words (an unknown code is shown as stored)."""
    try:
        return t(DECISION_LABELS[Decision(code)])
    except ValueError:
        return code


def money_lines(summary: SupplierSummary) -> str:
    """One line per currency, its code first, so amounts in two currencies never mix."""
    lines = [
        t(
            "{currency}: claimed {claimed} · recovered {recovered} · owed {owed}",
            currency=row.currency,
            claimed=money_text(row.claimed, row.currency),
            recovered=money_text(row.recovered, row.currency),
            owed=money_text(row.outstanding, row.currency),
        )
        for row in summary.money
        if row.claimed or row.recovered
    ]
    return "\n".join(lines) if lines else "—"


class _RowsModel(QAbstractTableModel, Generic[Row]):
    """A small table held in memory: ``_rows`` and the column titles in ``HEADERS``."""

    HEADERS: list[str] = []

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self.now: datetime = utc_now()

    def set_rows(self, rows: list[Row]) -> None:
        """Show ``rows`` (read off the GUI thread), with the clock the figures are judged by."""
        self.beginResetModel()
        self.now = utc_now()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> str | None:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return t(self.HEADERS[section])
        return None


class SuppliersModel(_RowsModel[SupplierSummary]):
    HEADERS = [
        N_("Supplier"),
        N_("Local time"),
        N_("Open cases"),
        N_("Awaiting reply"),
        N_("Median reply"),
        N_("Money per currency"),
    ]
    MONEY = 5

    def summary(self, row: int) -> SupplierSummary:
        return self._rows[row]

    def row_of(self, supplier_id: int) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == supplier_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return s.id
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and s.overdue_replies:
            return QBrush(LATE)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell cut at its edge
            return self.data(index)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._display(s, column)

    def _display(self, s: SupplierSummary, column: int) -> str | int:
        if column == 0:
            return s.name
        if column == 1:
            return supplier_clock(s.timezone, self.now)
        if column == 2:
            return s.open_cases
        if column == 3:
            return self._awaiting(s)
        if column == self.MONEY:
            return money_lines(s)
        if s.median_reply_hours is None:
            return "—"
        return waited(s.median_reply_hours)

    def _awaiting(self, s: SupplierSummary) -> str:
        """Replies awaited from the supplier, the oldest wait, and how many are overdue."""
        if not s.awaiting_reply:
            return "—"
        since = s.oldest_waiting_since or self.now
        oldest = waited((self.now - since).total_seconds() / 3600)
        if s.overdue_replies:
            return t(
                "{n} (oldest {age}), {late} overdue",
                n=s.awaiting_reply,
                age=oldest,
                late=s.overdue_replies,
            )
        return t("{n} (oldest {age})", n=s.awaiting_reply, age=oldest)


class ContactLogModel(_RowsModel[ContactRow]):
    """Messages of a supplier or of a case, newest first."""

    HEADERS = [
        N_("Date and time"),
        N_("Case"),
        N_("Channel"),
        N_("Direction"),
        N_("Subject"),
        N_("Reference"),
        N_("Reply"),
    ]

    def set_contacts(self, contacts: list[ContactRow]) -> None:
        self.set_rows(contacts)

    def contact(self, row: int) -> ContactRow:
        return self._rows[row]

    def _reply(self, c: ContactRow) -> str:
        if c.decision:
            return t("Decision: {decision}", decision=decision_label(c.decision))
        if not c.awaiting_reply:
            return ""
        if c.answered_at is not None:
            return t("answered")
        hours = (self.now - c.at).total_seconds() / 3600
        late = self._late(c)
        if late:
            text = t("overdue, waited {time}", time=waited(hours))
        else:
            text = t("awaiting, for {time}", time=waited(hours))
        return f"{text} — {c.awaiting}" if c.awaiting else text

    def _late(self, c: ContactRow) -> bool:
        return c.pending and c.reply_due_at is not None and c.reply_due_at <= self.now

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 4):
            when = both_times(c.at, c.supplier_timezone)
            return f"{when} ({c.supplier_timezone})\n\n{c.body}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and self._late(c):
            return QBrush(LATE)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return both_times(c.at, c.supplier_timezone)
        if column == 1:
            return c.rma or "—"
        if column == 2:
            return channel_label(Channel(c.channel))
        if column == 3:
            return t("Sent") if c.direction == "sent" else t("Received")
        if column == 4:
            return c.subject
        if column == 5:
            return c.supplier_reference
        return self._reply(c)
