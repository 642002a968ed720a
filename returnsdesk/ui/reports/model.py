"""Item model of one report table (the rows of a ``formats.report_tables.Table``)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from returnsdesk.formats import catalogue as cat
from returnsdesk.formats.report_tables import Kind, Table, display

_ROOT = QModelIndex()
#: The cell's raw value (number, ratio, costs) for sorting and tests.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


class ReportTableModel(QAbstractTableModel):
    def __init__(self, table: Table, lang: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.lang = lang
        self._rows: list[object] = []

    def set_rows(self, rows: list[object]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> object:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.table.columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self.table.columns):
            return self.column_title(section)
        return None

    def column_title(self, column: int) -> str:
        return cat.text(self.table.columns[column].key, self.lang)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.table.columns):
            return None
        column = self.table.columns[index.column()]
        value = column.value(self._rows[index.row()], self.lang)
        if role == Qt.ItemDataRole.DisplayRole:
            return display(value, column.kind, self.lang)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind != Kind.TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return display(value, column.kind, self.lang)
        return None
