"""The name-order step (v24): a version-23 store gains customers and suppliers by name,
ignoring case, the order the inbox's Customer and Supplier columns sort by, and keeps
its rows (the inbox walks these indexes: store/inbox_columns.py)."""

from __future__ import annotations

from old_store import add_one_case, store_at_version

from returnsdesk.store import migrations
from returnsdesk.store.db import open_store


def test_version_23_store_gains_the_name_orders_and_keeps_its_rows(tmp_path):
    path = tmp_path / "v23.sqlite3"
    db = store_at_version(path, 23)
    add_one_case(db, "new")
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        indexes = {
            name: sql
            for name, sql in db.execute_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            ).fetchall()
        }
        assert "customer(name COLLATE NOCASE)" in indexes["customer_name_nocase"]
        assert "supplier(name COLLATE NOCASE)" in indexes["supplier_name_nocase"]
        plan = db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM customer ORDER BY name COLLATE NOCASE"
        ).fetchall()
        assert "customer_name_nocase" in plan[0][3]
        assert db.execute_sql('SELECT rma FROM "case"').fetchall() == [("RMA-2026-00001",)]
    finally:
        db.close()
