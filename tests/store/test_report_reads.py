"""Report reads that were made faster (issue 16/17) keep their meaning: the most urgent
open cases are the earliest deadlines first, then those without one; a median is the
middle value, or the mean of the middle two."""

from __future__ import annotations

import statistics
from datetime import date, timedelta

from factories import make_case, make_order, make_supplier
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from returnsdesk.store import reports
from returnsdesk.store.db import database
from returnsdesk.store.medians import median_of, medians
from returnsdesk.store.models import Case


def test_open_cases_are_the_earliest_deadlines_then_those_without(store, now):
    due = [date(2026, 12, 5), None, date(2026, 11, 30), date(2026, 11, 30), None, date(2027, 1, 2)]
    statuses = ["new", "received", "awaiting_supplier", "new", "new", "closed"]
    made = []
    alpha = make_supplier("Alpha")
    for index, (day, status) in enumerate(zip(due, statuses, strict=True)):
        case = make_case(now, order=make_order(f"#{index}", supplier=alpha))
        Case.update(next_due_on=day, status=status).where(Case.id == case.id).execute()
        made.append((case.id, case.rma, day, status))
    open_now = [m for m in made if m[3] != "closed"]
    # The plain reading: every open case, sorted by (no deadline, deadline, id).
    expected = sorted(open_now, key=lambda m: (m[2] is None, m[2] or date.min, m[0]))
    for limit in (1, 2, 3, 4, 5, 60):
        total, rows = reports.open_cases(limit)
        assert total == len(open_now)
        assert [(r.rma, r.next_due_on) for r in rows] == [(m[1], m[2]) for m in expected[:limit]]


@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.one_of(st.none(), st.floats(-1e6, 1e6))),
        max_size=40,
    )
)
def test_medians_are_the_middle_value_or_the_mean_of_the_middle_two(rows):
    found = medians(rows)
    for group in "abc":
        values = sorted(v for g, v in rows if g == group and v is not None)
        if not values:
            assert group not in found
            continue
        middle = len(values) // 2
        expected = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        n, median = found[group]
        assert n == len(values)
        assert abs(median - expected) <= 1e-9 * max(1.0, abs(expected))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # table emptied per run
@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6)), max_size=40))
def test_a_median_sorted_by_sqlite_is_the_plain_median(store, values):
    """``median_of`` (SQLite sorts, the middle one or two values are read) equals the
    textbook median of the same values, None left out, as ``medians`` takes it."""
    database.execute_sql("CREATE TEMP TABLE IF NOT EXISTS sample (v REAL)")
    database.execute_sql("DELETE FROM sample")
    for value in values:
        database.execute_sql("INSERT INTO sample (v) VALUES (?)", (value,))
    found = median_of("SELECT v AS value FROM sample WHERE v IS NULL OR v > ?", (-1e7,))
    known = [v for v in values if v is not None]
    if not known:
        assert found is None
        return
    assert found is not None
    n, median = found
    assert n == len(known)
    expected = statistics.median(known)
    assert abs(median - expected) <= 1e-9 * max(1.0, abs(expected))
    assert found == medians([("", v) for v in values])[""]


def test_median_days_to_close_is_the_median_of_the_closed_cases(store, now):
    alpha = make_supplier("Alpha")
    for index, days in enumerate([3, 10, 1, 7]):
        case = make_case(now, order=make_order(f"#{index}", supplier=alpha))
        Case.update(closed_at=now + timedelta(days=days), status="closed").where(
            Case.id == case.id
        ).execute()
    period = reports.Period(now.date(), (now + timedelta(days=30)).date())
    assert reports.median_days_to_close(period) == 5.0  # (3 + 7) / 2
