"""Whether a kept table is fresh: one state row per kept table, the one mechanism.

A kept table (the flagged-case snapshot, the supplier facts) holds what a slow read
gives, as of a key (a day, thresholds). Its state row counts the writes that can change
it (``version``, bumped by triggers running ``bump``) and records the version and key it
was built for; the kept rows are used only while both still hold, and a rebuild stamps
the version it read, so a write in between leaves them stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from returnsdesk.store.connection import database, write


@dataclass(frozen=True, slots=True)
class KeptState:
    """The state row of a kept table: its table's name and its key column's name."""

    table: str
    key_column: str

    def schema(self) -> str:
        """The state table and its one row (part of the kept table's migration step)."""
        return f"""
CREATE TABLE {self.table} (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version INTEGER NOT NULL DEFAULT 0,
    built_version INTEGER,
    {self.key_column} TEXT
) STRICT;
INSERT INTO {self.table} (id, version) VALUES (1, 0);
"""

    @property
    def bump(self) -> str:
        """A trigger body marking the kept rows stale."""
        return f"BEGIN UPDATE {self.table} SET version = version + 1; END;"

    def fresh(self, key: str) -> bool:
        """Whether the kept rows were built for ``key`` with no write since."""
        row = database.execute_sql(
            f"SELECT version = built_version AND {self.key_column} = ? "
            f"FROM {self.table} WHERE id = 1",
            (key,),
        ).fetchone()
        return bool(row and row[0])

    def current(self, key: str) -> int | None:
        """The version to stamp a rebuild for ``key`` with; None when already fresh."""
        version, built_version, built_key = database.execute_sql(
            f"SELECT version, built_version, {self.key_column} FROM {self.table} WHERE id = 1"
        ).fetchone()
        return None if version == built_version and built_key == key else int(version)

    def stamp(self, version: int, key: str) -> None:
        """Record that the kept rows are those of ``version`` and ``key`` (in the write)."""
        database.execute_sql(
            f"UPDATE {self.table} SET built_version = ?, {self.key_column} = ? WHERE id = 1",
            (version, key),
        )

    def rebuild(
        self, key: str, table: str, columns: tuple[str, ...], read: Callable[[], list[list[object]]]
    ) -> bool:
        """Replace ``table``'s rows with ``read()``'s (one list per row, in ``columns``'
        order) unless they are fresh for ``key``; True when rebuilt. ``read`` runs in a read
        transaction (one consistent view, writers not blocked); the rows are written
        stamped with the version read then, so a write in between leaves them stale."""
        with database.atomic("DEFERRED"):
            version = self.current(key)
            if version is None:
                return False
            rows = read()
        picks = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(columns)))
        with write():
            database.execute_sql(f"DELETE FROM {table}")
            database.execute_sql(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {picks} FROM json_each(?)",
                (json.dumps(rows),),
            )
            self.stamp(version, key)
        return True
