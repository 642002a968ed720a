"""A large table's pages fitted to what its view shows.

The first page a query reads is what a keystroke costs: at 1,000,000 cases, with the
store out of the system's file cache, reading a row takes about half a millisecond, so
reading three screens of rows where one is seen tripled the wait.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

from returnsdesk.ui.widgets.id_list_model import IdListModel


class PageFit(QObject):
    """Keeps ``model.fit_page`` told how many rows ``view`` shows, as it is resized."""

    def __init__(self, view: QTableView, model: IdListModel[Any]) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            row_height = max(1, self._view.verticalHeader().defaultSectionSize())
            height = self._view.viewport().height()
            self._model.fit_page(-(-height // row_height))  # a row partly shown counts
        return False
