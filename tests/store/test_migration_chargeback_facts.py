"""The chargeback-facts step: a database from before it gains the columns, rows intact."""

from __future__ import annotations

from returnsdesk.store import migrations
from returnsdesk.store.db import APPLICATION_ID, close_store, make_database, open_store


def test_older_database_gains_chargeback_facts_without_losing_cases(tmp_path):
    path = tmp_path / "old.sqlite3"
    step = migrations.STEPS.index(migrations._v6_chargeback_facts)
    db = make_database(path)
    db.connect()
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db, target=step)
    db.execute_sql(
        "INSERT INTO customer(id, name, created_at) VALUES (1, 'Zoë', '2026-01-01 00:00:00')"
    )
    db.execute_sql(
        'INSERT INTO "order"(id, number, customer_id, placed_at, currency) '
        "VALUES (1, '#1042', 1, '2026-01-01 00:00:00', 'EUR')"
    )
    db.execute_sql(
        'INSERT INTO "case"(id, rma, order_id, kind, reason, status, currency, opened_at, '
        "updated_at, chargeback_due_on) VALUES (1, 'RMA-2026-00001', 1, 'chargeback', "
        "'not_received', 'chargeback_open', 'EUR', '2026-01-02 00:00:00', "
        "'2026-01-02 00:00:00', '2026-01-20')"
    )
    db.close()

    db = open_store(path)
    try:
        row = db.execute_sql(
            "SELECT rma, chargeback_due_on, chargeback_reason, chargeback_processor, "
            'chargeback_due_at FROM "case"'
        ).fetchone()
        assert row == ("RMA-2026-00001", "2026-01-20", "", "", None)
    finally:
        close_store()
