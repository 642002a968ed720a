"""The one id-list table model base, on a fake source: pages, the row cache, the packed
id list, every read off the GUI thread (the first page, the rest of the ids, the later
pages), answers for replaced queries dropped, and Qt's model tester."""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable
from typing import Any

import pytest
from case_waits import settle
from PySide6.QtCore import Qt
from table_waits import fetch_all

from returnsdesk.ui.widgets.id_list_model import IdListModel, IdsReader, RowsReader


class FakeModel(IdListModel[str]):
    """Rows are ``"row <id>"``; it counts what it was asked to read."""

    page = 10
    rest_ms = 0

    def __init__(self, ids: list[int]) -> None:
        super().__init__()
        #: The "store": changed in place when the data changes, replaced for a new query.
        self.source = ids
        self.id_reads: list[int | None] = []
        self.row_reads: list[list[int]] = []
        #: Whether each row read ran on the GUI (main) thread.
        self.on_gui_thread: list[bool] = []
        #: Row reads whose ids this says to hold wait on a worker until ``released``
        #: (a slow disk); ``waiting`` is set once one has started.
        self.held: Callable[[list[int]], bool] = lambda ids: False
        self.released = threading.Event()
        self.waiting = threading.Event()

    def hold_pages_after_the_first(self) -> None:
        first = self.source[: self.page]
        self.held = lambda ids: ids != first

    def ids_reader(self) -> IdsReader:
        source = self.source  # the query as asked; it reads the store as it is then

        def read(limit: int | None) -> list[int]:
            self.id_reads.append(limit)
            return list(source) if limit is None else source[:limit]

        return read

    def rows_reader(self) -> RowsReader[str]:
        source = self.source

        def read(ids: list[int]) -> dict[int, str]:
            on_gui = threading.current_thread() is threading.main_thread()
            if not on_gui and self.held(ids):
                self.waiting.set()
                self.released.wait(10)
            self.on_gui_thread.append(on_gui)
            self.row_reads.append(list(ids))
            return {i: f"row {i}" for i in ids if i in source}

        return read

    def column_count(self) -> int:
        return 2

    def header(self, section: int) -> str:
        return ("Id", "Text")[section]

    def cell(self, item: str, item_id: int, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(item_id) if column == 0 else item


@pytest.fixture
def model(qtbot) -> FakeModel:
    return FakeModel(list(range(100, 135)))  # 35 rows: three pages and a half


def test_the_first_page_then_the_rest_of_the_ids_all_off_the_gui_thread(model, qtbot):
    with qtbot.waitSignal(model.completed):
        with qtbot.waitSignal(model.answered):
            model.refresh()
            assert model.rowCount() == 0 and model.is_answering()  # nothing read here
        assert model.id_reads == [11]  # one page and one more id: are there more?
        assert model.rowCount() == 10 and model.total() is None
        assert model.row_reads == [list(range(100, 110))] and not model.is_answering()
    assert model.id_reads == [11, None]
    assert model.total() == 35 and model.rowCount() == 10
    assert model.canFetchMore()
    # The second page is read ahead on a worker as soon as the ids are known ...
    settle(qtbot)
    assert model.row_reads[1] == list(range(110, 120)) and model.on_gui_thread == [False, False]
    model.fetchMore()  # ... so reaching the end inserts rows already read
    assert model.rowCount() == 20 and model.index(19, 1).data() == "row 119"
    qtbot.waitUntil(lambda: len(model.row_reads) == 3)  # and the third is read meanwhile
    assert model.row_reads[2] == list(range(120, 130)) and model.on_gui_thread[2] is False


def test_the_rows_shown_stay_until_the_new_query_answers(model, qtbot):
    with qtbot.waitSignal(model.answered):
        model.refresh()
    model.source = list(range(500, 530))
    model.held = lambda ids: ids[:1] == [500]  # the new query's first page is slow
    model.refresh()
    qtbot.waitUntil(model.waiting.is_set)
    assert model.is_answering() and model.id_at(0) == 100 and model.rowCount() == 10
    with qtbot.waitSignal(model.answered):
        model.released.set()
    assert model.id_at(0) == 500 and model.item_at(0) == "row 500"


def test_an_answer_for_a_query_asked_before_the_newest_is_dropped(model, qtbot):
    model.held = lambda ids: ids[:1] == [100]  # the first query's answer comes late
    model.refresh()
    qtbot.waitUntil(model.waiting.is_set)
    model.held = lambda ids: False
    model.source = list(range(500, 530))
    with qtbot.waitSignal(model.answered):
        model.refresh()
    assert model.id_at(0) == 500
    with qtbot.assertNotEmitted(model.answered, wait=100):
        model.released.set()  # the first query's page arrives now ...
        qtbot.waitUntil(lambda: list(range(100, 110)) in model.row_reads)
        settle(qtbot)
    assert model.id_at(0) == 500 and model.item_at(0) == "row 500"  # ... and is dropped


def test_fetch_more_before_the_page_is_read_inserts_it_when_it_arrives(model, qtbot):
    model.hold_pages_after_the_first()
    with qtbot.waitSignal(model.completed):
        model.refresh()
    assert model.canFetchMore()  # truthful: there are rows after these
    model.fetchMore()  # the page ahead is still being read: nothing to insert yet
    assert model.rowCount() == 10
    with qtbot.waitSignal(model.rowsInserted):
        model.released.set()
    assert model.rowCount() == 20
    assert [model.id_at(r) for r in range(20)] == list(range(100, 120))


def test_a_page_read_for_a_replaced_id_list_is_dropped(model, qtbot):
    model.hold_pages_after_the_first()
    with qtbot.waitSignal(model.completed):
        model.refresh()
    model.fetchMore()  # the old query's second page is being read on a worker
    qtbot.waitUntil(model.waiting.is_set)
    model.held = lambda ids: False
    model.source = list(range(500, 530))
    with qtbot.waitSignal(model.completed):
        model.refresh()  # the id list is replaced while that read is in flight
    assert list(range(110, 120)) not in model.row_reads  # still held on the worker
    model.released.set()
    qtbot.waitUntil(lambda: list(range(110, 120)) in model.row_reads)  # the late page is read
    settle(qtbot)  # and its answer has reached the GUI thread
    fetch_all(qtbot, model)
    shown = [model.id_at(r) for r in range(model.rowCount())]
    assert shown == list(range(500, 530))
    assert [model.item_at(r) for r in range(30)] == [f"row {i}" for i in range(500, 530)]


def test_scrolling_a_2000_row_view_to_the_end_shows_every_row_once(qtbot):
    from PySide6.QtWidgets import QTableView

    model = FakeModel(list(range(1, 2001)))
    model.page = 64
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    with qtbot.waitSignal(model.completed):
        model.refresh()

    def at_the_end() -> bool:
        view.scrollToBottom()  # what a user dragging the scroll bar down does
        return model.rowCount() == 2000

    qtbot.waitUntil(at_the_end, timeout=20_000)
    shown = [view.model().index(r, 0).data() for r in range(model.rowCount())]
    assert shown == [str(i) for i in range(1, 2001)]  # every row, once, in order
    assert not model.canFetchMore()
    assert not any(model.on_gui_thread)  # not one page was read on the GUI thread


def test_a_short_query_reads_nothing_more(model, qtbot):
    model.source = [1, 2, 3]
    with qtbot.assertNotEmitted(model.completed, wait=50):
        with qtbot.waitSignal(model.answered):
            model.refresh()
    assert model.total() == 3 and model.id_reads == [11] and not model.canFetchMore()


def test_row_of_loads_pages_up_to_the_id_and_says_none_when_hidden(model, qtbot):
    with qtbot.waitSignal(model.completed):
        model.refresh()
    assert model.row_of(131) == 31
    assert model.rowCount() == 35  # every page up to row 31 (the last one is short)
    assert [model.id_at(r) for r in range(35)] == list(range(100, 135))
    assert model.item_at(31) == "row 131" and model.id_at(31) == 131
    assert model.row_of(999) is None
    assert model.item_at(35) is None and model.item_at(-1) is None


def test_an_older_querys_ids_are_ignored(model, qtbot):
    with qtbot.waitSignal(model.answered):
        model.refresh()
    reader = model.ids_reader()
    model.source = list(range(500, 520))
    with qtbot.waitSignal(model.completed):
        model.refresh()
    assert model.total() == 20 and model.id_at(0) == 500
    model._all_ids(model._generation - 1, model.page, array("q", reader(None)), None)  # late
    assert model.total() == 20 and model.id_at(0) == 500


def test_ids_changed_meanwhile_reset_the_rows(model, qtbot):
    with qtbot.waitSignal(model.completed):
        model.refresh()
    model.source[:] = range(200, 230)  # the store changed under the query
    with qtbot.waitSignal(model.modelReset):
        model._read_rest()  # the rest of the ids, read again, no longer start as shown
    assert model.total() == 30 and model.id_at(0) == 200 and model.item_at(0) == "row 200"
    assert model.on_gui_thread[-1] is False  # the new first page was read on a worker


def test_refresh_ids_rereads_shown_rows_in_place(model, qtbot):
    model.refresh()
    settle(qtbot)
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_ids([103, 999])
    assert model.row_reads[-1] == [103] and model.on_gui_thread[-1] is False


def test_the_model_tester_passes_while_scrolling(model, qtbot, qtmodeltester):
    with qtbot.waitSignal(model.completed):
        model.refresh()
    qtmodeltester.check(model)
    fetch_all(qtbot, model)
    assert model.rowCount() == 35
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Text"
    assert model.index(34, 1).data() == "row 134"
    qtmodeltester.check(model)


def test_the_selection_is_kept_by_id_where_the_new_answer_shows_it(model, qtbot):
    from PySide6.QtWidgets import QTableView

    from returnsdesk.ui.widgets.kept_selection import KeptSelection

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    KeptSelection(view, model)
    with qtbot.waitSignal(model.answered):
        model.refresh()
    view.selectRow(3)  # case 103
    model.source[:] = [999, *range(100, 135)]  # a new case comes first: 103 moves down
    with qtbot.waitSignal(model.answered):
        model.refresh()
    assert [i.row() for i in view.selectionModel().selectedRows()] == [4]
    assert view.currentIndex().row() == 4
    settle(qtbot)  # the whole id list is known: a jump to any row could now be read
    model.source[:] = [*range(900, 920), 103]  # the store changed: 103 is past the shown rows
    with qtbot.waitSignal(model.modelReset):
        model._read_rest()  # the rest of the ids, read again, show anew
    assert model.total() == 21 and model.rowCount() == 10
    assert view.selectionModel().selectedRows() == []  # not read just to select it
    settle(qtbot)
    assert not any(model.on_gui_thread)  # a jump would have read rows here


def test_a_page_is_about_what_the_view_shows(qtbot):
    """A keystroke reads the rows of about one screen (plus half), not a fixed three
    screens: at 1,000,000 cases out of the file cache, each row read costs ~0.5 ms."""
    from PySide6.QtWidgets import QTableView

    from returnsdesk.ui.widgets.id_list_model import MIN_PAGE
    from returnsdesk.ui.widgets.page_fit import PageFit

    model = FakeModel(list(range(1, 2001)))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.verticalHeader().setDefaultSectionSize(20)
    PageFit(view, model)
    view.resize(400, 1000)
    view.show()
    qtbot.waitExposed(view)
    shown = -(-view.viewport().height() // 20)
    assert model.page == shown + shown // 2
    with qtbot.waitSignal(model.answered):
        model.refresh()
    assert model.id_reads[0] == model.page + 1 and model.rowCount() == model.page
    assert model.row_reads[0] == list(range(1, model.page + 1))
    view.resize(400, 200)
    qtbot.waitUntil(lambda: model.page == MIN_PAGE)  # never fewer than a default window's


def test_a_page_resized_while_its_query_is_read_is_shown_as_asked(model, qtbot):
    """The answer holds the rows of the page size it was asked with; a resize meanwhile
    takes effect from the next query (no row shown without its data, none left out)."""
    model.held = lambda ids: ids[:1] == [100]
    model.refresh()
    qtbot.waitUntil(model.waiting.is_set)
    model.page = 20
    with qtbot.waitSignal(model.answered):
        model.released.set()
    assert model.rowCount() == 10
    assert [model.item_at(r) for r in range(10)] == [f"row {i}" for i in range(100, 110)]
    qtbot.waitUntil(lambda: model.total() == 35)
    fetch_all(qtbot, model)
    assert [model.id_at(r) for r in range(35)] == list(range(100, 135))
