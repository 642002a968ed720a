"""Cases per supplier and status, maintained by triggers, so the Suppliers area's open
case counts read a few rows instead of every open case of the store.

``supplier_case_count`` holds how many cases each supplier has in each status. A case
added, removed, or moved to another status or supplier changes two counts at most;
``SUMMARY.resume`` recomputes the table after a bulk load, and a test checks the
triggers against the cases counted anew.
"""

from __future__ import annotations

from returnsdesk.store.summary_table import SummaryTable

TABLE = """
CREATE TABLE supplier_case_count (
    supplier_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    cases INTEGER NOT NULL,
    PRIMARY KEY (supplier_id, status)
) STRICT, WITHOUT ROWID;
"""


def _add(row: str, sign: str) -> str:
    return f"""
    INSERT INTO supplier_case_count (supplier_id, status, cases)
        SELECT {row}.supplier_id, {row}.status, {sign}1 WHERE {row}.supplier_id IS NOT NULL
        ON CONFLICT (supplier_id, status) DO UPDATE SET cases = cases + excluded.cases;"""


TRIGGERS = f"""
CREATE TRIGGER supplier_case_count_insert AFTER INSERT ON "case"
BEGIN{_add("NEW", "")}
END;
CREATE TRIGGER supplier_case_count_delete AFTER DELETE ON "case"
BEGIN{_add("OLD", "-")}
END;
CREATE TRIGGER supplier_case_count_update AFTER UPDATE OF status, supplier_id ON "case"
WHEN OLD.status IS NOT NEW.status OR OLD.supplier_id IS NOT NEW.supplier_id
BEGIN{_add("OLD", "-")}{_add("NEW", "")}
END;
"""

REBUILD = """
DELETE FROM supplier_case_count;
INSERT INTO supplier_case_count (supplier_id, status, cases)
    SELECT supplier_id, status, count(*) FROM "case"
    WHERE supplier_id IS NOT NULL GROUP BY 1, 2;
"""

SUMMARY = SummaryTable(schema=TABLE, triggers=TRIGGERS, rebuild=REBUILD)
