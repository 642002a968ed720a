"""A large table's selection, kept by row id across its model's resets.

An ``IdListModel`` replaces its rows when a query's answer arrives (off the GUI
thread, so at any moment); the selected rows and the current row are remembered
by id just before and selected again where they are still shown (a row the new
answer puts further down is not read just to select it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QObject
from PySide6.QtWidgets import QTableView

from returnsdesk.ui.widgets.id_list_model import IdListModel


class KeptSelection(QObject):
    """Keeps ``table``'s selection across every reset of ``model``."""

    def __init__(self, table: QTableView, model: IdListModel[Any]) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._selected: list[int] = []
        self._current: int | None = None
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    def _remember(self) -> None:
        selection = self._table.selectionModel()
        rows = sorted({index.row() for index in selection.selectedRows()})
        self._selected = [self._model.id_at(row) for row in rows]
        current = selection.currentIndex()
        self._current = self._model.id_at(current.row()) if current.isValid() else None

    def _restore(self) -> None:
        selection = self._table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for item_id in self._selected:
            row = self._model.shown_row_of(item_id)
            if row is not None:
                selection.select(self._model.index(row, 0), flags)
        if self._current is not None:
            row = self._model.shown_row_of(self._current)
            if row is not None:
                selection.setCurrentIndex(
                    self._model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
