"""Every inbox column sorts both ways: a second click on a header shows the same cases in
exactly the reverse order (ties are broken by the case id in the same direction).

Seen at 1,000,000 cases: "Waiting on", sorted descending, was an SQL syntax error (its
CASE expression holds a comma, and the sort keys were found by splitting on commas).
"""

from __future__ import annotations

import pytest
from factories import make_case, make_order, make_supplier

from returnsdesk.domain.workflow import Status
from returnsdesk.services.orders import LineInput
from returnsdesk.store.inbox import Column, InboxQuery, View, case_ids
from returnsdesk.store.models import Case

STATUSES = [
    Status.NEW,
    Status.AWAITING_CUSTOMER,
    Status.AWAITING_SUPPLIER,
    Status.RETURN_IN_TRANSIT,
    Status.CLOSED,
    Status.AWAITING_RETURN,
]


@pytest.fixture
def cases(store, now):
    supplier = make_supplier()
    made = []
    for number, status in enumerate(STATUSES, start=1):
        order = make_order(
            f"#{number}", supplier, lines=[LineInput(f"Item {number % 3}", 1, 1_000 * number)]
        )
        case = make_case(now, order=order)
        Case.update(status=status.value).where(Case.id == case.id).execute()
        made.append(case.id)
    return made


@pytest.mark.parametrize("column", list(Column))
def test_descending_is_the_ascending_order_reversed(cases, now, column):
    ascending = case_ids(InboxQuery(View.ALL, sort=column), now.date())
    descending = case_ids(InboxQuery(View.ALL, sort=column, descending=True), now.date())
    assert sorted(ascending) == sorted(cases)
    assert descending == ascending[::-1]


def test_waiting_on_sorts_by_who_the_case_waits_on(cases, now):
    query = InboxQuery(View.ALL, sort=Column.WAITING_ON, descending=True)
    statuses = [Case.get_by_id(i).status for i in case_ids(query, now.date())]
    # carrier < customer < me < nobody < supplier, reversed
    assert statuses[0] == Status.AWAITING_SUPPLIER
    assert statuses[-1] == Status.RETURN_IN_TRANSIT


def _reference(query: InboxQuery, today) -> list[int]:
    """The view's own order as one plain SQL sort, the slow way: the latest activity
    first in Closed and All, else the most urgent first."""
    from returnsdesk.store.connection import database
    from returnsdesk.store.inbox import _where

    where, params = _where(query, today)
    latest = query.view in (View.CLOSED, View.ALL)
    order = (
        "c.updated_at DESC, c.id DESC" if latest else "c.next_due_on IS NULL, c.next_due_on, c.id"
    )
    rows = database.execute_sql(f'SELECT c.id FROM "case" c WHERE {where} ORDER BY {order}', params)
    return [row[0] for row in rows]


@pytest.mark.parametrize("view", list(View))
@pytest.mark.parametrize("search", ["", "a", "e m", "zzzz"])
@pytest.mark.parametrize("broad", [1, 10**9])
@pytest.mark.parametrize("case_by_case_share", [0.0, 2.0])
def test_a_views_own_order_is_the_plain_sort_whichever_way_it_is_read(
    demo_store, monkeypatch, view, search, broad, case_by_case_share
):
    """The view's own order (no column chosen): earliest deadline first, then the cases
    with none by RMA (Closed and All: the latest activity first), whether read by walking
    an index in that order (no search, or a broad one, its short words asked case by
    case or its matches gathered) or by sorting a narrow search's matches; the first
    page is the start of the whole."""
    from datetime import date

    from returnsdesk.store import inbox
    from returnsdesk.store.inbox import Filters

    monkeypatch.setattr(inbox, "BROAD_SEARCH", broad)
    monkeypatch.setattr(inbox, "CASE_BY_CASE_SHARE", case_by_case_share)
    today = date(2026, 5, 20)
    query = InboxQuery(view, Filters(search=search))
    expected = _reference(query, today)
    assert case_ids(query, today) == expected
    named = InboxQuery(view, Filters(search=search, case_ids=tuple(range(1, 60, 3))))
    assert case_ids(named, today) == _reference(named, today)  # a drill-down's cases
    assert case_ids(query, today) == expected
    assert case_ids(query, today, limit=3) == expected[:3]
    assert case_ids(query, today, limit=len(expected) + 5) == expected


def test_the_demo_views_hold_both_dated_and_undated_cases(demo_store):
    """What the test above reads is not trivial: both parts are there to be joined."""
    from datetime import date

    from returnsdesk.store.models import Case

    today = date(2026, 5, 20)
    shown = [Case.get_by_id(i) for i in case_ids(InboxQuery(View.NEEDS_ACTION), today)]
    assert any(c.next_due_on is None for c in shown)
    assert sum(c.next_due_on is not None for c in shown) > 3


def test_a_view_of_two_statuses_interleaves_their_deadlines(store, now):
    """Waiting on customer is two statuses, each read along its own deadlines: the two
    runs are merged into one order, the earliest deadline first, then the undated."""
    from datetime import date

    supplier = make_supplier()
    plan = [
        (Status.AWAITING_RETURN, date(2026, 6, 3)),
        (Status.AWAITING_CUSTOMER, date(2026, 6, 1)),
        (Status.AWAITING_RETURN, date(2026, 6, 2)),
        (Status.AWAITING_CUSTOMER, None),
        (Status.AWAITING_CUSTOMER, date(2026, 6, 4)),
        (Status.NEW, date(2026, 5, 30)),  # not waiting on the customer
    ]
    made = []
    for number, (status, due) in enumerate(plan, start=1):
        case = make_case(now, order=make_order(f"#{number}", supplier))
        Case.update(status=status.value, next_due_on=due).where(Case.id == case.id).execute()
        made.append(case.id)
    expected = [made[1], made[2], made[0], made[4], made[3]]
    assert case_ids(InboxQuery(View.WAITING_CUSTOMER), now.date()) == expected
    assert case_ids(InboxQuery(View.WAITING_CUSTOMER), now.date(), limit=2) == expected[:2]


def _sorted_reference(query: InboxQuery, today) -> list[int]:
    """A column's order as one plain SQL sort of every case joined, the slow way."""
    from returnsdesk.store.connection import database
    from returnsdesk.store.inbox import _FROM, _SORT_SQL, _where

    where, params = _where(query, today)
    d = " DESC" if query.descending else ""
    keys = ", ".join(f"{key}{d}" for key in _SORT_SQL[query.sort])
    rows = database.execute_sql(
        f"SELECT c.id {_FROM} WHERE {where} ORDER BY {keys}, c.id{d}", params
    )
    return [row[0] for row in rows]


@pytest.fixture
def odd_demo_store(demo_store):
    """The demo store with what a walk could miss: cases with no supplier, and customers
    whose names differ only in case (sorted together, then by case id)."""
    from returnsdesk.store.models import Customer

    Case.update(supplier=None).where(Case.id.in_([2, 17, 40])).execute()
    names = [c.name for c in Customer.select().order_by(Customer.id).limit(3)]
    Customer.update(name=names[0].upper()).where(Customer.id == 2).execute()
    Customer.update(name=names[0].lower()).where(Customer.id == 3).execute()
    return demo_store


@pytest.mark.parametrize("view", list(View))
@pytest.mark.parametrize(
    "column", [Column.ORDER, Column.CUSTOMER, Column.SUPPLIER, Column.LAST_ACTIVITY]
)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("search", ["", "a"])
def test_a_column_read_along_its_index_is_the_plain_sort(
    odd_demo_store, view, column, descending, search
):
    """Order, customer, supplier and latest activity are read by walking an index in
    their order (at 1,000,000 cases a click on one of these headers sorted every case of
    the view: 1–9 s); the page is the start of exactly what the plain sort gives."""
    from datetime import date

    from returnsdesk.store.inbox import Filters

    today = date(2026, 5, 20)
    query = InboxQuery(view, Filters(search=search), sort=column, descending=descending)
    expected = _sorted_reference(query, today)
    assert case_ids(query, today) == expected
    assert case_ids(query, today, limit=4) == expected[:4]
    assert case_ids(query, today, limit=len(expected) + 2) == expected


def test_the_walked_columns_are_walked(odd_demo_store, monkeypatch):
    """What the test above compares is the walk, not the plain sort again."""
    from datetime import date

    from returnsdesk.store import inbox_order

    walked: list[str] = []
    real = inbox_order.ids

    def spy(sql: str, params: list[object], limit: int | None) -> list[int]:
        walked.append(sql)
        return real(sql, params, limit)

    monkeypatch.setattr("returnsdesk.store.inbox_columns.ids", spy)
    indexes = {
        Column.ORDER: "order_number",
        Column.CUSTOMER: "customer_name_nocase",
        Column.SUPPLIER: "supplier_name_nocase",
    }
    for column, index in indexes.items():
        walked.clear()
        case_ids(InboxQuery(View.ALL, sort=column), date(2026, 5, 20), limit=5)
        assert any(f"INDEXED BY {index}" in sql for sql in walked)
        walked.clear()
        case_ids(InboxQuery(View.ALL, sort=column), date(2026, 5, 20))
        assert walked == []  # a whole list is sorted: walking every customer is slower


def test_one_customers_cases_come_together_among_namesakes(store, now):
    """Two customers named alike (case aside) are told apart by who they are: each one's
    cases together, by case id, the first customer first (ascending)."""
    supplier = make_supplier()
    plan = [("Chloe Dubois", "a@example.com"), ("CHLOE DUBOIS", "b@example.com")] * 2
    made = []
    for number, (name, email) in enumerate(plan, start=1):
        order = make_order(f"#{number}", supplier, customer_name=name, customer_email=email)
        made.append(make_case(now, order=order).id)
    by_customer = InboxQuery(View.ALL, sort=Column.CUSTOMER)
    assert case_ids(by_customer, now.date()) == [made[0], made[2], made[1], made[3]]
    reversed_query = InboxQuery(View.ALL, sort=Column.CUSTOMER, descending=True)
    assert case_ids(reversed_query, now.date()) == [made[3], made[1], made[2], made[0]]
