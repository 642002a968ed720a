"""The timeline-codes step: a version-8 store gains event codes and keeps its events' text."""

from __future__ import annotations

from old_store import add_one_case, store_at_version

from returnsdesk.store import migrations
from returnsdesk.store.db import open_store


def test_version_8_database_gains_event_codes_without_losing_events(tmp_path):
    path = tmp_path / "v8.sqlite3"
    db = store_at_version(path, 8)
    add_one_case(db, "new")
    db.execute_sql(
        "INSERT INTO case_event(case_id, at, kind, text) "
        "VALUES (1, '2026-01-02 00:00:00', 'created', 'Case opened: return, defective.')"
    )
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        row = db.execute_sql("SELECT text, code, params FROM case_event").fetchone()
        assert row == ("Case opened: return, defective.", "", "")
    finally:
        db.close()
