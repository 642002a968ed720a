"""Medians of report figures: the one place the store's reports take a median.

SQL has no portable median (SQLite has none; PostgreSQL's ``percentile_cont`` is its
own), and a window-function median sorts the rows twice. By group (``medians``), the
rows' values are read once and the middle taken in Python, which is both portable and
several times faster (a year of supplier claims on the 100,000-case demo: ~60 ms
instead of ~230–350 ms). One median over a whole query (``median_of``) is sorted by
SQLite and only the middle one or two values read: as fast alone, and it keeps the
interpreter free while it sorts, so a report part running beside it is not slowed
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


def median_of(values_sql: str, params: tuple[object, ...]) -> tuple[int, float] | None:
    """(values, median) of the single column ``value`` that ``values_sql`` selects,
    None values left out; None when there is none. An even count takes the mean of the
    middle two."""
    source = f"SELECT value FROM ({values_sql}) WHERE value IS NOT NULL"
    count = int(database.execute_sql(f"SELECT count(*) FROM ({source})", params).fetchone()[0])
    if not count:
        return None
    middle = database.execute_sql(
        f"{source} ORDER BY value LIMIT ? OFFSET ?", (*params, 2 - count % 2, (count - 1) // 2)
    ).fetchall()
    return count, sum(float(row[0]) for row in middle) / len(middle)
