"""The timeline-codes step: a version-8 store gains event codes and keeps its events' text."""

from __future__ import annotations

from returnsdesk.store import migrations
from returnsdesk.store.db import APPLICATION_ID, make_database, open_store


def test_version_8_database_gains_event_codes_without_losing_events(tmp_path):
    path = tmp_path / "v8.sqlite3"
    db = make_database(path)
    db.connect()
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db, target=8)
    db.execute_sql(
        "INSERT INTO customer(id, name, email, created_at) "
        "VALUES (1, 'Zoë', 'zoe@example.com', '2026-01-01 00:00:00')"
    )
    db.execute_sql(
        'INSERT INTO "order"(id, number, customer_id, placed_at, currency) '
        "VALUES (1, '#1042', 1, '2026-01-01 00:00:00', 'EUR')"
    )
    db.execute_sql(
        'INSERT INTO "case"(id, rma, order_id, kind, reason, status, currency, opened_at, '
        "updated_at) VALUES (1, 'RMA-2026-00001', 1, 'return', 'defective', 'new', 'EUR', "
        "'2026-01-02 00:00:00', '2026-01-02 00:00:00')"
    )
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
