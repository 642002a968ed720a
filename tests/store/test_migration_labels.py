"""The labels / return address / e-mail ids step: a version-4 store gains it, keeping its rows."""

from __future__ import annotations

from returnsdesk.store import migrations
from returnsdesk.store.db import APPLICATION_ID, close_store, make_database, open_store


def test_version_4_store_gains_labels_addresses_and_mail_ids(tmp_path):
    path = tmp_path / "v4.sqlite3"
    db = make_database(path)
    db.connect()
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    step = migrations.STEPS.index(migrations._v5_labels_return_addresses_mail_ids)
    migrations.migrate(db, target=step)
    db.execute_sql(
        "INSERT INTO supplier(id, name, created_at) "
        "VALUES (1, 'Shenzhen Co', '2026-01-01 00:00:00')"
    )
    db.execute_sql(
        "INSERT INTO supplier_contact(supplier_id, at, channel, direction, subject) "
        "VALUES (1, '2026-01-01 00:00:00', 'email', 'sent', 'Claim')"
    )
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        row = db.execute_sql(
            "SELECT subject, message_id, in_reply_to, quoted FROM supplier_contact"
        ).fetchone()
        assert row == ("Claim", "", "", "")
        for table in ("saved_address", "case_return_address", "return_label"):
            assert db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    finally:
        close_store()
