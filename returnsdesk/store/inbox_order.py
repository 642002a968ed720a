"""A view's own order read along an index, so a page stops after its rows.

With no statistics, SQLite's planner would rather gather every case of a view and sort
them (at 1,000,000 cases half a second for "Needs action", more than a second for
"Closed"). These reads walk an index in the order shown instead: one index for the
whole view (``walk``), or, for a view made of a few statuses, one run per status along a
(status, key) index, merged (``walk_statuses``: walking one index for all of them would
pass every other case on the way).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from itertools import islice

from returnsdesk.store.connection import database


def ids(sql: str, params: list[object], limit: int | None) -> list[int]:
    """The ids ``sql`` selects (the first ``limit`` of them)."""
    tail, tail_params = ("", list[object]()) if limit is None else (" LIMIT ?", [limit])
    rows = database.execute_sql(sql + tail, params + tail_params)
    return [r[0] for r in rows]  # row by row: a million ids, never a million tuples at once


def in_turn(limit: int | None, *reads: Callable[[int | None], list[int]]) -> list[int]:
    """The ids of ``reads`` one after the other (each given how many are still wanted),
    a read left out once the page is full."""
    found: list[int] = []
    for read in reads:
        if limit is not None and len(found) >= limit:
            break
        found += read(None if limit is None else limit - len(found))
    return found


def walk(index: str, where: str, params: list[object], order: str, limit: int | None) -> list[int]:
    """Cases matching ``where`` in ``order``, read along ``index`` (which gives that order)."""
    return ids(
        f'SELECT c.id FROM "case" c INDEXED BY {index} WHERE {where} ORDER BY {order}',
        params,
        limit,
    )


def walk_statuses(
    index: str,
    key: str,
    where: str,
    params: list[object],
    statuses: Sequence[str],
    descending: bool,
    limit: int | None,
) -> list[int]:
    """Cases matching ``where`` by ``key`` then id (both descending when asked), one run
    per status along ``index`` (status, key), merged."""
    direction = " DESC" if descending else ""
    tail, tail_params = ("", list[object]()) if limit is None else (" LIMIT ?", [limit])
    runs = [
        database.execute_sql(
            f'SELECT {key}, c.id FROM "case" c INDEXED BY {index} '
            f"WHERE {where} AND c.status = ? ORDER BY {key}{direction}, c.id{direction}{tail}",
            [*params, status, *tail_params],
        )
        for status in statuses
    ]
    merged = heapq.merge(*runs, reverse=descending)
    return [case_id for _key, case_id in islice(merged, limit)]
