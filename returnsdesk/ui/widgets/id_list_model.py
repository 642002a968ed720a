"""The one base of the window's large tables: ordered row ids, rows fetched a page at a time.

A subclass says how to read its ids and its rows (``ids_reader``, ``rows_reader``)
and how to show a row (``column_count``, ``header``, ``cell``); the base does the
rest, the same way for every table:

- ``refresh()`` reads the first ``page + 1`` ids and their rows off the GUI thread
  through ``ui.operations.read_op``: the rows shown stay until that answer, then it
  replaces them (``answered``). The GUI thread never waits on a query, however much
  of the store it has to look at (a one-letter search, a sort by customer name over
  every case); an answer for a query asked before the newest is dropped;
- when there are more, the whole ordered id list (for scrolling, ``row_of`` and
  ``total``) is read off the GUI thread too, once the query has stayed the same for
  ``rest_ms`` (typing starts no read per key), and ``completed`` is emitted;
- the rows after the first page are read a page ahead, off the GUI thread: as soon
  as a page is shown the next one is read, and ``fetchMore`` (the view reaching the
  end) only inserts rows already read — or, when the read is still running, inserts
  them the moment they arrive. Each read carries the query's generation and the ids
  it read, so an answer for a replaced id list is dropped (no row lost or shown
  twice). Rows go into a cache keyed by id. The ids are kept as a packed array of
  64-bit integers (8 bytes each, not a Python int and a list slot): a query of a
  million cases holds 8 MB, and ``row_of`` finds an id with one C-level scan of it
  (a few milliseconds at a million), instead of a dict of every id that cost
  ~100 MB and was built on the GUI thread.

Names: ``id_at(row)``, ``item_at(row)``, ``row_of(id)`` (None when the query hides
it; a jump to a row past the shown ones reads the pages up to it in one read, at
once), ``shown_row_of(id)`` (among the shown rows only, reading nothing),
``total()`` (None until the query's whole id list is known), ``is_answering()`` (a
query is asked and not yet answered), ``refresh_ids(ids)`` (re-read rows in place
after an edit, off the GUI thread).
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Callable, Iterable, Sequence
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
#: Reads the rows of some ids (ids that vanished are left out). Also called on a
#: worker: it holds what it needs (the day, the locale), not the model.
RowsReader = Callable[[list[int]], dict[int, R]]
Index = QModelIndex | QPersistentModelIndex
#: The smallest page ``fit_page`` makes (a window's first page is read before it is laid
#: out; about one screen of a window of the default size).
MIN_PAGE = 32

log = logging.getLogger(__name__)
_ROOT = QModelIndex()


class IdListModel(QAbstractTableModel, Generic[R]):
    """Row ids of a query in order; rows read lazily, a page at a time."""

    #: The first page of the query asked last is shown (the rows were replaced).
    answered = Signal()
    #: The whole id list of the query is known (``total()`` is no longer None).
    completed = Signal()

    #: Rows read at a time: a keystroke reads no more than about what it shows. A view
    #: makes it fit what it shows (``fit_page``).
    page = 64
    #: How long the query must stay unchanged before the ids after the first page are read.
    rest_ms = 250

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: array[int] = array("q")
        self._rows: dict[int, R] = {}
        self._loaded = 0
        self._fetching = False
        self._complete = False  # nothing asked yet: how many rows there are is not known
        self._generation = 0
        #: How many queries were asked, and which of them was answered last.
        self._asked = 0
        self._answered = 0
        self._reader: IdsReader | None = None
        #: The page being read ahead, as (generation, first row); None when none is.
        self._reading: tuple[int, int] | None = None
        #: The page read ahead, waiting to be inserted: (its ids, their rows).
        self._ahead: tuple[list[int], dict[int, R]] | None = None
        #: The view asked for more while the page ahead was still being read.
        self._wanted = False
        self._rest = Debounce(self, self._read_rest, self.rest_ms)

    # -- what a subclass provides --------------------------------------------------
    def ids_reader(self) -> IdsReader:
        """A function reading the current query's ids (it must not read the model)."""
        raise NotImplementedError

    def rows_reader(self) -> RowsReader[R]:
        """A function reading rows by id (it must not read the model: it runs on a worker)."""
        raise NotImplementedError

    def column_count(self) -> int:
        raise NotImplementedError

    def header(self, section: int) -> str:
        raise NotImplementedError

    def cell(self, item: R, item_id: int, column: int, role: int) -> Any:
        """What ``data`` answers for ``role`` in ``column`` of ``item``."""
        raise NotImplementedError

    def rows_reset(self) -> None:
        """Called inside every reset and re-read (a subclass drops what it derived from rows)."""

    # -- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-run the query off the GUI thread; its first page replaces the shown rows."""
        self._rest.cancel()
        self._asked += 1
        asked, reader, rows_reader, page = (
            self._asked,
            self.ids_reader(),
            self.rows_reader(),
            self.page,
        )

        def first_page() -> tuple[list[int], dict[int, R]]:
            ids = reader(page + 1)
            return ids, rows_reader(ids[:page])

        read_op(
            None,
            first_page,
            lambda answer: self._first_page(asked, reader, page, *answer),
            on_error=lambda error: self._first_page_failed(asked, error),
        )

    def _first_page(
        self, asked: int, reader: IdsReader, page: int, ids: list[int], rows: dict[int, R]
    ) -> None:
        if not shiboken6.isValid(self) or asked != self._asked:
            return  # the model is gone, or a newer query was asked meanwhile
        self._answered = asked
        complete = len(ids) <= page
        self._reset(ids[:page], complete, reader, rows, page)
        if not complete:  # read once the user pauses, not on every keystroke
            self._rest.trigger()
        self.answered.emit()

    def _first_page_failed(self, asked: int, error: Exception) -> None:
        if shiboken6.isValid(self) and asked == self._asked:
            self._answered = asked  # the rows shown stay; the next refresh tries again
        log.warning("Reading the table failed: %s", error)

    def fit_page(self, shown_rows: int) -> None:
        """Make a page what a view shows, half as much again (at least ``MIN_PAGE``): a
        keystroke reads the rows of about one screen, which costs most when the store is
        not in the system's file cache."""
        self.page = max(MIN_PAGE, shown_rows + shown_rows // 2)

    def clear_pending(self) -> None:
        """Show no rows while the next query's answer is prepared elsewhere."""
        self._rest.cancel()
        self._asked += 1  # an answer still on its way is for a query no longer wanted
        self._answered = self._asked
        self._reset([], False, None, {}, 0)

    def is_answering(self) -> bool:
        """Whether a query was asked and its first page is not shown yet."""
        return self._answered != self._asked

    def _reset(
        self,
        ids: Sequence[int],
        complete: bool,
        reader: IdsReader | None,
        rows: dict[int, R],
        shown: int,
    ) -> None:
        """Replace the ids; the first ``shown`` of them (whose ``rows`` are read) are shown."""
        self.beginResetModel()
        self._generation += 1
        self._reader = reader
        self._set_ids(ids)
        self._complete = complete
        self._rows.clear()
        self._forget_ahead()
        self.rows_reset()
        self._loaded = min(shown, len(ids))
        self._rows.update(rows)
        self.endResetModel()
        self._read_ahead()

    def _set_ids(self, ids: Sequence[int]) -> None:
        self._ids = ids if isinstance(ids, array) else array("q", ids)

    def _read_rest(self) -> None:
        reader, generation = self._reader, self._generation
        if reader is None:
            return
        shown, rows_reader, page = self._ids[: self._loaded], self.rows_reader(), self.page

        def rest() -> tuple[array[int], dict[int, R] | None]:
            ids = array("q", reader(None))  # packed on the worker
            if ids[: len(shown)] == shown:
                return ids, None
            return ids, rows_reader(ids[:page].tolist())  # changed meanwhile: show anew

        read_op(
            None,
            rest,
            lambda answer: self._all_ids(generation, page, *answer),
            on_error=self._rest_failed,
        )

    def _rest_failed(self, error: Exception) -> None:
        log.warning("Reading the rest of the table failed: %s", error)

    def _all_ids(
        self, generation: int, page: int, ids: array[int], first_rows: dict[int, R] | None
    ) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the model is gone, or these are an older query's ids
        if first_rows is not None:  # the store changed between the first page and now
            self._reset(ids, True, self._reader, first_rows, page)
        else:
            self._set_ids(ids)
            self._complete = True
            self._forget_ahead()
            self._read_ahead()
        self.completed.emit()

    # -- the pages after the first: read ahead off the GUI thread --------------------
    def _forget_ahead(self) -> None:
        """Drop the page read ahead and ignore the one being read (the ids changed)."""
        self._reading = None
        self._ahead = None
        self._wanted = False

    def _read_ahead(self) -> None:
        """Read the page after the shown rows on a worker, unless it is read or being read."""
        start = self._loaded
        if self._reading is not None or self._ahead is not None or start >= len(self._ids):
            return
        ids = self._ids[start : start + self.page].tolist()
        key = (self._generation, start)
        self._reading = key
        reader = self.rows_reader()
        read_op(
            None,
            lambda: reader(ids),
            lambda rows: self._read(key, ids, rows),
            on_error=lambda error: self._ahead_failed(key, error),
        )

    def _read(self, key: tuple[int, int], ids: list[int], rows: dict[int, R]) -> None:
        if not shiboken6.isValid(self) or key != self._reading:
            return  # the model is gone, or the ids it read were replaced meanwhile
        self._reading = None
        self._ahead = (ids, rows)
        if self._wanted:  # the view is already at the end: show them now
            self._wanted = False
            self._insert_ahead()

    def _ahead_failed(self, key: tuple[int, int], error: Exception) -> None:
        if shiboken6.isValid(self) and key == self._reading:
            self._reading = None  # the next fetchMore tries again
        log.warning("Reading the next rows of the table failed: %s", error)

    def _insert_ahead(self) -> None:
        assert self._ahead is not None
        ids, rows = self._ahead
        self._ahead = None
        if self._ids[self._loaded : self._loaded + len(ids)].tolist() == ids:
            self._insert(len(ids), rows)
        self._read_ahead()  # the next page, while this one is looked at

    def _insert(self, count: int, rows: dict[int, R]) -> None:
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
            self._rows.update(rows)
            self._loaded += count
            self.endInsertRows()
        finally:
            self._fetching = False

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent: Index = _ROOT) -> None:
        """Insert the page read ahead; if it is still being read, insert it on arrival."""
        if parent.isValid() or self._fetching:
            return  # a view reacting to rowsAboutToBeInserted may ask again; once is enough
        if self._ahead is not None:
            self._insert_ahead()
        elif self._loaded < len(self._ids):
            self._wanted = True
            self._read_ahead()

    def _load_through(self, row: int) -> None:
        """Show every row up to ``row``'s page at once (a jump to a far row, not scrolling)."""
        end = min(len(self._ids), (row // self.page + 1) * self.page)
        ids = self._ids[self._loaded : end].tolist()
        rows: dict[int, R] = {}
        if self._ahead is not None and ids[: len(self._ahead[0])] == self._ahead[0]:
            rows.update(self._ahead[1])
        self._forget_ahead()
        rows.update(self.rows_reader()([item_id for item_id in ids if item_id not in rows]))
        self._insert(len(ids), rows)
        self._read_ahead()

    def refresh_ids(self, ids: Iterable[int]) -> None:
        """Re-read the shown rows of ``ids`` off the GUI thread (after an edit), in place."""
        shown = [item_id for item_id in ids if item_id in self._rows]
        if not shown:
            return
        generation, reader = self._generation, self.rows_reader()
        read_op(
            None,
            lambda: reader(shown),
            lambda rows: self._reread(generation, rows),
            on_error=self._rest_failed,
        )

    def _reread(self, generation: int, rows: dict[int, R]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._rows.update({item_id: row for item_id, row in rows.items() if item_id in self._rows})
        self.rows_reset()
        for item_id in rows:
            row = self._position(item_id, self._loaded)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.column_count() - 1))

    # -- access ------------------------------------------------------------------------
    def is_complete(self) -> bool:
        return self._complete

    def total(self) -> int | None:
        """How many rows the query asked last has; None until its first page is shown and
        while the ids after that page load."""
        return len(self._ids) if self._complete and not self.is_answering() else None

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def item_at(self, row: int) -> R | None:
        """The row's data, or None outside the loaded rows."""
        if not 0 <= row < self._loaded:
            return None
        return self._rows.get(self._ids[row])

    def row_of(self, item_id: int) -> int | None:
        """Row of an id, showing the pages up to it if needed (one read, on this thread:
        selecting a far row is rare and must answer now); None if the query hides it."""
        position = self._position(item_id, len(self._ids))
        if position is None:
            return None
        if position >= self._loaded:
            self._load_through(position)
        return position

    def shown_row_of(self, item_id: int) -> int | None:
        """Row of an id among the rows shown; None otherwise (reads nothing)."""
        return self._position(item_id, self._loaded)

    def _position(self, item_id: int, within: int) -> int | None:
        """The row of ``item_id`` among the first ``within`` ids (a scan in C)."""
        try:
            return self._ids.index(item_id, 0, within)
        except ValueError:
            return None

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
