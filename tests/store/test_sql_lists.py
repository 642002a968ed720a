"""One IN-list helper (issue 17): bound parameters, chunked under SQLite's variable limit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from returnsdesk.store import sql_lists
from returnsdesk.store.connection import database, write


@given(st.lists(st.integers(), max_size=1300), st.integers(min_value=1, max_value=600))
def test_chunks_cover_every_value_once_in_order(values, size):
    parts = list(sql_lists.chunks(values, size))
    assert [v for part in parts for v in part] == values
    assert all(1 <= len(part) <= size for part in parts)


def test_marks_refuses_an_empty_list():
    assert sql_lists.marks(3) == "?, ?, ?"
    with pytest.raises(ValueError):
        sql_lists.marks(0)


def test_rows_in_and_execute_in_over_more_values_than_one_statement_binds(store):
    with write():
        database.execute_sql("CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, kind TEXT)")
        database.cursor().executemany(
            "INSERT INTO t VALUES (?, ?)", [(i, "a" if i % 2 else "b") for i in range(1, 2001)]
        )
        wanted = list(range(1, 2001, 3))  # 667 values: two statements
        rows = sql_lists.rows_in(
            database, "SELECT id FROM t WHERE kind = ? AND id IN ({marks})", wanted, ["a"]
        )
        assert sorted(r[0] for r in rows) == [i for i in wanted if i % 2]
        sql_lists.execute_in(database, "DELETE FROM t WHERE id IN ({marks})", wanted)
        assert database.execute_sql("SELECT count(*) FROM t").fetchone()[0] == 2000 - len(wanted)
        # Hostile text is a bound value, never SQL.
        assert (
            sql_lists.rows_in(database, "SELECT id FROM t WHERE kind IN ({marks})", ["'); --"])
            == []
        )
        assert sql_lists.rows_in(database, "SELECT id FROM t WHERE id IN ({marks})", []) == []
