"""The one base of the window's large tables: ordered row ids, rows fetched a page at a time.

A subclass says how to read its ids and its rows (``ids_reader``, ``read_rows``) and
how to show a row (``column_count``, ``header``, ``cell``); the base does the rest,
the same way for every table:

- ``refresh()`` reads the first ``page + 1`` ids and their rows at once (what the
  view shows first), so a keystroke or an area's first opening costs one page;
- when there are more, the whole ordered id list (for scrolling, ``row_of`` and
  ``total``) is read off the GUI thread through ``ui.operations.read_op`` once the
  query has stayed the same for ``rest_ms`` (typing starts no read per key), and
  ``completed`` is emitted;
- rows are fetched a page at a time as the view scrolls (``canFetchMore`` /
  ``fetchMore``) into a row cache keyed by id; an id→row dict answers ``row_of``
  without searching the list.

Names: ``id_at(row)``, ``item_at(row)``, ``row_of(id)`` (None when not shown),
``total()`` (None while the ids after the first page load), ``refresh_ids(ids)``
(re-read rows in place after an edit).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from returnsdesk.ui.operations import read_op
from returnsdesk.ui.widgets.debounce import Debounce

R = TypeVar("R")
#: Reads the query's ordered ids, at most ``limit`` of them (all when None). It is
#: called on a worker, so it must hold the query it reads, not look at the model.
IdsReader = Callable[[int | None], list[int]]
Index = QModelIndex | QPersistentModelIndex

log = logging.getLogger(__name__)
_ROOT = QModelIndex()


class IdListModel(QAbstractTableModel, Generic[R]):
    """Row ids of a query in order; rows read lazily, a page at a time."""

    #: The whole id list of the query is known (``total()`` is no longer None).
    completed = Signal()

    #: Rows read at a time: about two screens, so a keystroke reads no more than it shows.
    page = 64
    #: How long the query must stay unchanged before the ids after the first page are read.
    rest_ms = 250

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._positions: dict[int, int] = {}
        self._rows: dict[int, R] = {}
        self._loaded = 0
        self._fetching = False
        self._complete = True
        self._generation = 0
        self._reader: IdsReader | None = None
        self._rest = Debounce(self, self._read_rest, self.rest_ms)

    # -- what a subclass provides --------------------------------------------------
    def ids_reader(self) -> IdsReader:
        """A function reading the current query's ids (it must not read the model)."""
        raise NotImplementedError

    def read_rows(self, ids: list[int]) -> dict[int, R]:
        """The rows of ``ids`` (ids that vanished are left out)."""
        raise NotImplementedError

    def column_count(self) -> int:
        raise NotImplementedError

    def header(self, section: int) -> str:
        raise NotImplementedError

    def cell(self, item: R, item_id: int, column: int, role: int) -> Any:
        """What ``data`` answers for ``role`` in ``column`` of ``item``."""
        raise NotImplementedError

    def rows_reset(self) -> None:
        """Called inside every reset (a subclass drops what it derived from rows)."""

    # -- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-run the query: the first page now, the rest of the ids from a worker."""
        self._rest.cancel()
        reader = self.ids_reader()
        ids = reader(self.page + 1)
        complete = len(ids) <= self.page
        self._reset(ids[: self.page], complete, reader)
        if not complete:  # read once the user pauses, not on every keystroke
            self._rest.trigger()

    def clear_pending(self) -> None:
        """Show no rows while the next query's answer is prepared elsewhere."""
        self._rest.cancel()
        self._reset([], False, None)

    def _reset(self, ids: list[int], complete: bool, reader: IdsReader | None) -> None:
        self.beginResetModel()
        self._generation += 1
        self._reader = reader
        self._set_ids(ids)
        self._complete = complete
        self._rows.clear()
        self.rows_reset()
        self._loaded = min(self.page, len(ids))
        self._rows.update(self.read_rows(self._ids[: self._loaded]))
        self.endResetModel()

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = ids
        self._positions = {item_id: row for row, item_id in enumerate(ids)}

    def _read_rest(self) -> None:
        reader, generation = self._reader, self._generation
        if reader is None:
            return
        read_op(
            None,
            lambda: reader(None),
            lambda ids: self._all_ids(generation, ids),
            on_error=self._rest_failed,
        )

    def _rest_failed(self, error: Exception) -> None:
        log.warning("Reading the rest of the table failed: %s", error)

    def _all_ids(self, generation: int, ids: list[int]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the model is gone, or these are an older query's ids
        if ids[: self._loaded] != self._ids[: self._loaded]:  # changed meanwhile: show anew
            self._reset(ids, True, self._reader)
        else:
            self._set_ids(ids)
            self._complete = True
        self.completed.emit()

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or self._fetching:
            return  # a view reacting to rowsAboutToBeInserted may ask again; once is enough
        end = min(self._loaded + self.page, len(self._ids))
        if end <= self._loaded:
            return
        rows = self.read_rows(self._ids[self._loaded : end])
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), self._loaded, end - 1)
            self._rows.update(rows)
            self._loaded = end
            self.endInsertRows()
        finally:
            self._fetching = False

    def refresh_ids(self, ids: Iterable[int]) -> None:
        """Re-read the shown rows of ``ids`` in place (after an edit), keeping the query."""
        shown = [item_id for item_id in ids if item_id in self._rows]
        if not shown:
            return
        self._rows.update(self.read_rows(shown))
        self.rows_reset()
        for item_id in shown:
            row = self._positions[item_id]
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.column_count() - 1))

    # -- access ------------------------------------------------------------------------
    def is_complete(self) -> bool:
        return self._complete

    def total(self) -> int | None:
        """How many rows the query has; None while the ids after the first page load."""
        return len(self._ids) if self._complete else None

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def item_at(self, row: int) -> R | None:
        """The row's data, or None outside the loaded rows."""
        if not 0 <= row < self._loaded:
            return None
        return self._rows.get(self._ids[row])

    def row_of(self, item_id: int) -> int | None:
        """Row of an id, loading pages up to it if needed; None if the query hides it."""
        position = self._positions.get(item_id)
        if position is None:
            return None
        while position >= self._loaded:
            self.fetchMore()
        return position

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self.column_count()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.column_count():
            return self.header(section)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        item_id = self._ids[index.row()]
        item = self._rows.get(item_id)
        if item is None:
            return None
        return self.cell(item, item_id, index.column(), role)
