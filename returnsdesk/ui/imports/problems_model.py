"""Table model of the rows an import cannot use (line, order, reason)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from returnsdesk.domain.i18n import t
from returnsdesk.services.imports import Problem

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ProblemsModel(QAbstractTableModel):
    LINE, ORDER, REASON = range(3)

    def __init__(
        self, problems: list[Problem] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = list(problems or [])

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 3:
            return None
        return (t("Line"), t("Order"), t("Problem"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | int | None:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LINE:
                return str(problem.line)
            if column == self.ORDER:
                return problem.order_number
            if column == self.REASON:
                return problem.reason
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON:
            return problem.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
