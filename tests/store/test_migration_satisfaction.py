"""The satisfaction step: a version-4 store gains survey answers without losing rows."""

from __future__ import annotations

from old_store import add_one_case, store_at_version

from returnsdesk.store import migrations
from returnsdesk.store.db import open_store


def test_version_4_database_gains_survey_answers(tmp_path):
    path = tmp_path / "v4.sqlite3"
    db = store_at_version(path, 4)
    add_one_case(db, "closed")
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        assert db.execute_sql('SELECT count(*) FROM "case"').fetchone()[0] == 1
        db.execute_sql(
            "INSERT INTO survey_answer(case_id, ease, outcome, answered_on, recorded_at) "
            "VALUES (1, 5, 4, '2026-01-05', '2026-01-05 10:00:00')"
        )
        assert db.execute_sql("SELECT ease, outcome FROM survey_answer").fetchone() == (5, 4)
    finally:
        db.close()
