"""The demo writes its rows with the summary triggers suspended (store/summary_tables.py):
the store it leaves has every summary table equal to a rebuild from the rows, non-empty,
and every summary trigger back in place for the user's own writes afterwards."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from returnsdesk.demo import build_demo_store
from returnsdesk.store.sql_script import split_script
from returnsdesk.store.summary_tables import ALL

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
TABLES = (
    "sales_day",
    "sales_sku_day",
    "sales_supplier_day",
    "supplier_claim",
    "supplier_money_total",
    "ledger_day",
    "supplier_case_count",
    "evidence_count",
)


def _contents(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


def test_the_demo_leaves_every_summary_rebuilt_and_its_triggers_back(tmp_path):
    build_demo_store(tmp_path / "demo", cases=80, seed=6, now=NOW)
    conn = sqlite3.connect(tmp_path / "demo" / "returnsdesk.sqlite3")
    try:
        kept = _contents(conn)
        assert all(kept[t] for t in TABLES)
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in rows}
        assert {name for table in ALL for name in table.trigger_names} <= triggers
        for table in ALL:
            for statement in split_script(table.rebuild):
                conn.execute(statement)
        assert _contents(conn) == kept
    finally:
        conn.close()
