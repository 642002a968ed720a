"""The distinct values of an indexed column, read as a loose index scan.

``SELECT DISTINCT currency FROM "case"`` reads every row: seconds on a million cases, for
a handful of currencies. Walking the column's index from one value to the next
(``min(column) WHERE column > previous``) costs one index probe per distinct value. The
recursive query is standard SQL; the column needs an index (``INDEXES``).
"""

from __future__ import annotations

from returnsdesk.store.connection import database

#: The indexes the loose scans walk (added by migration step v14).
INDEXES = """
CREATE INDEX IF NOT EXISTS case_currency ON "case"(currency);
CREATE INDEX IF NOT EXISTS ledger_currency ON ledger_entry(currency);
"""

#: The columns read this way, each with its index above.
_INDEXED = {("case", "currency"), ("ledger_entry", "currency")}


def distinct_values(table: str, column: str) -> list[str]:
    """The distinct non-null values of ``table.column``, in order."""
    if (table, column) not in _INDEXED:
        raise ValueError(f"{table}.{column} has no index to walk")
    rows = database.execute_sql(
        f"""WITH RECURSIVE walk(value) AS (
                SELECT min({column}) FROM "{table}"
                UNION ALL
                SELECT (SELECT min({column}) FROM "{table}" WHERE {column} > walk.value)
                FROM walk WHERE walk.value IS NOT NULL)
            SELECT value FROM walk WHERE value IS NOT NULL"""
    ).fetchall()
    return [str(row[0]) for row in rows]
