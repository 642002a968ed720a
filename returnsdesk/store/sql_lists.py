"""The one way to write an SQL ``IN (...)`` list: bound parameters, chunked.

Values are never quoted into the SQL text; each chunk binds at most
``MAX_VARIABLES`` parameters (older SQLite builds stop at 999 variables per
statement, and PostgreSQL drivers are happier with short lists too). A
statement is written with ``{marks}`` where the list goes::

    rows_in(db, 'SELECT id FROM "case" WHERE order_id IN ({marks})', order_ids)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

#: Parameters bound per statement (leaves room below SQLite's 999 for other parameters).
MAX_VARIABLES = 500


def chunks(values: Sequence[T], size: int = MAX_VARIABLES) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(count: int) -> str:
    """``count`` parameter marks for an IN list: ``"?, ?, ?"``."""
    if count < 1:
        raise ValueError("an IN list needs at least one value")
    return ", ".join("?" * count)


def rows_in(
    db: Any, sql: str, values: Sequence[Any], before: Sequence[Any] = ()
) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (holding ``{marks}``) over ``values``, chunk by chunk.

    ``before`` are the parameters that come before the list in the statement.
    """
    found: list[tuple[Any, ...]] = []
    for chunk in chunks(values):
        cursor = db.execute_sql(sql.format(marks=marks(len(chunk))), [*before, *chunk])
        found.extend(tuple(row) for row in cursor.fetchall())
    return found


def execute_in(db: Any, sql: str, values: Sequence[Any], before: Sequence[Any] = ()) -> None:
    """Run a statement (``DELETE``/``UPDATE``) holding ``{marks}`` over ``values`` in chunks."""
    for chunk in chunks(values):
        db.execute_sql(sql.format(marks=marks(len(chunk))), [*before, *chunk])
