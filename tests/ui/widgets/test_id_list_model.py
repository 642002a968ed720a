"""The one id-list table model base, on a fake source: pages, the row cache, the id→row
dict, the rest of the ids read off the GUI thread, and Qt's model tester."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from returnsdesk.ui.widgets.id_list_model import IdListModel, IdsReader


class FakeModel(IdListModel[str]):
    """Rows are ``"row <id>"``; it counts what it was asked to read."""

    page = 10
    rest_ms = 0

    def __init__(self, ids: list[int]) -> None:
        super().__init__()
        self.source = ids
        self.id_reads: list[int | None] = []
        self.row_reads: list[list[int]] = []

    def ids_reader(self) -> IdsReader:
        source = list(self.source)  # the query as it is now

        def read(limit: int | None) -> list[int]:
            self.id_reads.append(limit)
            return source if limit is None else source[:limit]

        return read

    def read_rows(self, ids: list[int]) -> dict[int, str]:
        self.row_reads.append(list(ids))
        return {i: f"row {i}" for i in ids if i in self.source}

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


def test_first_page_at_once_then_the_rest_of_the_ids_off_the_gui_thread(model, qtbot):
    with qtbot.waitSignal(model.completed):
        model.refresh()
        assert model.id_reads == [11]  # one page and one more id: are there more?
        assert model.rowCount() == 10 and model.total() is None
        assert model.row_reads == [list(range(100, 110))]
    assert model.id_reads == [11, None]
    assert model.total() == 35 and model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20 and model.row_reads[-1] == list(range(110, 120))


def test_a_short_query_reads_nothing_more(model, qtbot):
    model.source = [1, 2, 3]
    with qtbot.assertNotEmitted(model.completed, wait=50):
        model.refresh()
    assert model.total() == 3 and model.id_reads == [11] and not model.canFetchMore()


def test_row_of_loads_pages_up_to_the_id_and_says_none_when_hidden(model, qtbot):
    with qtbot.waitSignal(model.completed):
        model.refresh()
    assert model.row_of(131) == 31
    assert model.rowCount() == 35  # every page up to row 31 (the last one is short)
    assert model.item_at(31) == "row 131" and model.id_at(31) == 131
    assert model.row_of(999) is None
    assert model.item_at(35) is None and model.item_at(-1) is None


def test_an_older_querys_ids_are_ignored(model, qtbot):
    model.refresh()
    reader = model.ids_reader()
    model.source = list(range(500, 520))
    with qtbot.waitSignal(model.completed):
        model.refresh()
    assert model.total() == 20 and model.id_at(0) == 500
    model._all_ids(model._generation - 1, reader(None))  # the first query's late answer
    assert model.total() == 20 and model.id_at(0) == 500


def test_ids_changed_meanwhile_reset_the_rows(model, qtbot):
    model.refresh()
    generation = model._generation
    model.source = list(range(200, 230))  # the store changed under the query
    with qtbot.waitSignal(model.modelReset):
        model._all_ids(generation, model.source)
    assert model.total() == 30 and model.id_at(0) == 200 and model.item_at(0) == "row 200"


def test_refresh_ids_rereads_shown_rows_in_place(model, qtbot):
    model.refresh()
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_ids([103, 999])
    assert model.row_reads[-1] == [103]


def test_the_model_tester_passes_while_scrolling(model, qtbot, qtmodeltester):
    with qtbot.waitSignal(model.completed):
        model.refresh()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 35
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Text"
    assert model.index(34, 1).data() == "row 134"
    qtmodeltester.check(model)
