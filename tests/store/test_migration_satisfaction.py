"""The satisfaction step: a version-4 store gains survey answers without losing rows."""

from __future__ import annotations

from returnsdesk.store import migrations
from returnsdesk.store.db import APPLICATION_ID, make_database, open_store


def test_version_4_database_gains_survey_answers(tmp_path):
    path = tmp_path / "v4.sqlite3"
    db = make_database(path)
    db.connect()
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db, target=4)
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
        "updated_at) VALUES (1, 'RMA-2026-00001', 1, 'return', 'defective', 'closed', 'EUR', "
        "'2026-01-02 00:00:00', '2026-01-02 00:00:00')"
    )
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
