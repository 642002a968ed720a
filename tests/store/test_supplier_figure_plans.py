"""The Suppliers area's figures read indexes, not the store's history (issue 17: the area
took 5.6 s at 1,000,000 cases). SQLite's own plan says which index each query uses."""

from __future__ import annotations

from returnsdesk.domain.workflow import OPEN
from returnsdesk.store import suppliers_sql
from returnsdesk.store.db import database
from returnsdesk.store.medians import median_queries


def _plan(sql: str, params: tuple = ()) -> str:
    rows = database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return " | ".join(str(row[-1]) for row in rows)


def test_each_figure_reads_its_index(store):
    statuses = sorted(s.value for s in OPEN)
    open_plan = _plan(suppliers_sql.open_counts_sql(statuses), tuple(statuses))
    assert "supplier_case_count" in open_plan and '"case"' not in open_plan
    waiting_plan = _plan(suppliers_sql.WAITING_SQL, ("2026-01-01 00:00:00",))
    assert "COVERING INDEX supplier_contact_waiting" in waiting_plan
    assert "TEMP B-TREE" not in waiting_plan  # grouped in the index's own order
    count_sql, middle_sql = median_queries(suppliers_sql.REPLY_HOURS_SQL)
    count_plan = _plan(count_sql, (1,))
    assert "INDEX supplier_contact_reply" in count_plan
    median_plan = _plan(middle_sql, (1, 2, 0))
    assert "INDEX supplier_contact_reply" in median_plan and "TEMP B-TREE" not in median_plan
