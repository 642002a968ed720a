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
