"""The gallery's item model: one row per evidence link; thumbnails arrive asynchronously."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from returnsdesk.domain.i18n import N_, t, tn
from returnsdesk.domain.i18n.formatting import date_text, decimal_text, moment_text
from returnsdesk.services.evidence import EvidenceItem, MediaType
from returnsdesk.ui.evidence.dialogs import supplied_by_label
from returnsdesk.ui.evidence.icons import placeholder, type_icon
from returnsdesk.ui.evidence.thumbs import ThumbnailLoader

ItemRole = Qt.ItemDataRole.UserRole + 1
LateRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def human_size(size: int) -> str:
    """'2.4 MB' / '2,4 Mo'; bytes counted exactly."""
    if size < 1024:
        return tn("{n} byte", "{n} bytes", size)  # under 1024: no digit grouping needed
    value = float(size)
    for unit in (N_("KB"), N_("MB"), N_("GB")):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return t("{size} {unit}", size=decimal_text(value), unit=t(unit))


class EvidenceListModel(QAbstractListModel):
    def __init__(self, loader: ThumbnailLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self._items: list[EvidenceItem] = []
        self._rows_by_sha: dict[str, list[int]] = {}
        loader.ready.connect(self._thumbnail_ready)

    # --- content ---
    def set_items(self, items: list[EvidenceItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._rows_by_sha = {}
        for row, item in enumerate(self._items):
            self._rows_by_sha.setdefault(item.sha256, []).append(row)
        self.endResetModel()

    def items(self) -> list[EvidenceItem]:
        return list(self._items)

    def item(self, row: int) -> EvidenceItem:
        return self._items[row]

    # --- Qt model API ---
    def rowCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.caption or item.original_name
        if role == Qt.ItemDataRole.DecorationRole:
            if item.previewable:
                pixmap = self.loader.request(item.sha256)
                if pixmap is not None:
                    return pixmap
                return (
                    type_icon(MediaType.IMAGE)
                    if self.loader.failed(item.sha256)
                    else (placeholder())
                )
            return type_icon(item.media)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.original_name, f"{item.rma} · {supplied_by_label(item.supplied_by)}"]
            if item.caption:
                lines.append(item.caption)
            lines.append(f"{item.mime}, {human_size(item.size)}")
            lines.append(t("Added {moment}", moment=moment_text(item.added_at)))
            if item.late and item.evidence_due is not None:
                lines.append(
                    t(
                        "Added after the supplier evidence deadline ({due})",
                        due=date_text(item.evidence_due),
                    )
                )
            return "\n".join(lines)
        if role == ItemRole:
            return item
        if role == LateRole:
            return item.late
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _thumbnail_ready(self, sha: str) -> None:
        for row in self._rows_by_sha.get(sha, []):
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class EvidenceDelegate(QStyledItemDelegate):
    """Default icon+text painting plus a red "LATE" badge on evidence added after the deadline."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        if not index.data(LateRole):
            return
        painter.save()
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        text = t("LATE")
        width = painter.fontMetrics().horizontalAdvance(text) + 12
        height = painter.fontMetrics().height() + 4
        badge = QRect(option.rect.right() - width - 6, option.rect.top() + 6, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#c62828"))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
