"""Medians of report figures: the one place the store's reports take a median.

SQL has no portable median (SQLite has none; PostgreSQL's ``percentile_cont`` is its
own), and a window-function median sorts the rows twice. By group (``medians``), the
rows' values are read once and the middle taken in Python, which is both portable and
several times faster (a year of supplier claims on the 100,000-case demo: ~60 ms
instead of ~230–350 ms). One median over a query (``median_of``) is counted and only
the middle one or two values read in order: along an index on the value (a supplier's
reply times) that reads two entries; else SQLite sorts, as fast as Python alone and
without holding the interpreter, so a report part running beside it is not slowed
(tens of thousands of rows read one by one in Python were).
"""

from __future__ import annotations

import statistics
from collections.abc import Hashable, Iterable
from typing import TypeVar

from returnsdesk.store.connection import database

K = TypeVar("K", bound=Hashable)


def medians(rows: Iterable[tuple[K, float | None]]) -> dict[K, tuple[int, float]]:
    """{group: (values, median)} of ``(group, value)`` rows; a None value is left out,
    a group with no value is absent. An even count takes the mean of the middle two."""
    values: dict[K, list[float]] = {}
    for group, value in rows:
        if value is not None:
            values.setdefault(group, []).append(float(value))
    return {group: (len(v), float(statistics.median(v))) for group, v in values.items()}


def median_queries(values_sql: str) -> tuple[str, str]:
    """The two queries ``median_of`` runs over ``values_sql``: the count of its values,
    and its values in order (``LIMIT ? OFFSET ?`` appended to its parameters). Along an
    index on the value, the second reads only the middle, without sorting."""
    source = f"SELECT value FROM ({values_sql}) WHERE value IS NOT NULL"
    return f"SELECT count(*) FROM ({source})", f"{source} ORDER BY value LIMIT ? OFFSET ?"


def median_of(values_sql: str, params: tuple[object, ...]) -> tuple[int, float] | None:
    """(values, median) of the single column ``value`` that ``values_sql`` selects,
    None values left out; None when there is none. An even count takes the mean of the
    middle two."""
    count_sql, middle_sql = median_queries(values_sql)
    count = int(database.execute_sql(count_sql, params).fetchone()[0])
    if not count:
        return None
    middle = database.execute_sql(middle_sql, (*params, 2 - count % 2, (count - 1) // 2)).fetchall()
    return count, sum(float(row[0]) for row in middle) / len(middle)
