"""The search-prefix step (v21): a version-20 store's search index is rebuilt with every
word's first one and two letters kept, and finds what it found before (a one-letter
search included), through ``search_case_ids`` as the inbox uses it."""

from __future__ import annotations

from old_store import add_one_case, store_at_version

from returnsdesk.store import migrations, search
from returnsdesk.store.db import open_store


def test_version_20_search_index_gains_prefixes_and_keeps_its_rows(tmp_path):
    path = tmp_path / "v20.sqlite3"
    db = store_at_version(path, 20)
    add_one_case(db, "new")
    search.index_case(1, db)
    before = {word: search.search_case_ids(word, db=db) for word in ("z", "zo", "zoë", "#10", "q")}
    db.close()
    assert before["z"] == [1] and before["q"] == []

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        schema = db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'case_search'"
        ).fetchone()[0]
        assert "prefix = '1 2'" in schema
        after = {word: search.search_case_ids(word, db=db) for word in before}
        assert after == before
        assert not db.execute_sql(
            "SELECT name FROM sqlite_master WHERE name LIKE 'case_search_prefixed%'"
        ).fetchall()
    finally:
        db.close()
