"""A summary table kept equal to its source rows by triggers: the one mechanism.

Each table (``store/sales.py``, ``store/claims.py``, ``store/supplier_money.py``) is
declared as a ``SummaryTable``: its schema, the triggers that maintain it and the
statements that recompute it from scratch. The migration step calls ``create``; a bulk
load suspends the triggers and resumes them after it (``store/summary_tables.py`` does it
for all of them at once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from returnsdesk.store.connection import Database
from returnsdesk.store.sql_script import execute_script

_TRIGGER_NAME = re.compile(r"\bCREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SummaryTable:
    """A summary table: ``schema`` (tables, indexes), ``triggers``, ``rebuild`` (SQL scripts)."""

    schema: str
    triggers: str
    rebuild: str

    @property
    def trigger_names(self) -> tuple[str, ...]:
        """The triggers' names, read from the ``triggers`` script."""
        return tuple(_TRIGGER_NAME.findall(self.triggers))

    def create(self, db: Database) -> None:
        """Tables, triggers and their first content (the migration step)."""
        execute_script(db, self.schema)
        execute_script(db, self.triggers)
        execute_script(db, self.rebuild)

    def suspend(self, db: Database) -> None:
        """Drop the triggers before a bulk load (``resume`` after it, same transaction)."""
        for name in self.trigger_names:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")

    def resume(self, db: Database) -> None:
        """Recompute the table from the rows and put the triggers back."""
        execute_script(db, self.rebuild)
        execute_script(db, self.triggers)
