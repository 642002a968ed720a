"""The case as the window reads it (issue 17): one joined query for the case, one call for
everything the workspace shows, nothing lazy left for the window to walk."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from factories import make_case, make_order, make_supplier

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.workflow import Kind, Status
from returnsdesk.services import cases, ledger
from returnsdesk.services.case_view import CaseView, case_screen, case_view, order_cases
from returnsdesk.services.ledger import EntryInput
from returnsdesk.store.db import database
from returnsdesk.store.models import Case


@contextmanager
def counted():
    """The SQL statements the block sends to SQLite."""
    statements: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        connection.set_trace_callback(None)


def test_the_case_view_is_one_query_with_order_customer_and_supplier(store, now):
    supplier = make_supplier("Shenzhen Lights")
    case = make_case(now, order=make_order(supplier=supplier))
    with counted() as statements:
        view = case_view(case.id)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert isinstance(view, CaseView)
    assert view.rma == case.rma and view.order.number == "#1042"
    assert view.customer.name == "Chloé Dubois" and view.customer.email == "chloe@example.com"
    assert view.supplier is not None and view.supplier.name == "Shenzhen Lights"
    assert view.version == Case.get_by_id(case.id).version
    with pytest.raises(AttributeError):  # frozen, slotted: a view, never a row to write
        view.status = "closed"  # type: ignore[misc]


def test_a_case_without_a_supplier_has_none(store, now):
    order = make_order()
    case = make_case(now, order=order)
    Case.update(supplier=None).where(Case.id == case.id).execute()
    assert case_view(case.id).supplier is None


def test_details_round_trip_what_the_workspace_edits(store, now):
    case = make_case(now)
    details = case_view(case.id).details()
    assert details == cases.CaseDetails.of(Case.get_by_id(case.id))


def test_a_deleted_case_is_refused_with_a_sentence(store, now):
    with pytest.raises(InputError, match="no longer exists"):
        case_view(987654)
    with pytest.raises(InputError, match="no longer exists"):
        case_screen(987654, store.evidence_dir, now)


def test_the_workspace_read_gathers_every_part(store, now):
    order = make_order()
    refunded = make_case(now, order=order)
    ledger.post_entry(
        EntryInput(refunded.id, LedgerKind.CUSTOMER_REFUND, 4900, "EUR", reference="re_9"),
        now=now,
    )
    due = now.date() + timedelta(days=10)
    chargeback = make_case(now, order=order, kind=Kind.CHARGEBACK, chargeback_due_on=due)
    screen = case_screen(chargeback.id, store.evidence_dir, now)
    assert screen.case.id == chargeback.id and screen.case.kind == Kind.CHARGEBACK
    days = [d.due for d in screen.deadlines if d.due]
    assert days == sorted(days)  # soonest first, as the deadlines table lists them
    assert {e.rma for e in screen.timeline} == {refunded.rma, chargeback.rma}
    assert [e.own for e in screen.timeline if e.rma == chargeback.rma] == [True]
    assert [r.rma for r in screen.order_cases.related] == [refunded.rma]
    assert [g.reference for g in screen.order_cases.given_back] == ["re_9"]  # paying twice
    assert screen.facts.case_id == chargeback.id and len(screen.facts.lines) == 2
    assert screen.returns.label is None and screen.returns.checklist.lines
    assert not screen.survey_pending
    # The return case itself: nothing given back elsewhere, the chargeback listed.
    other = order_cases(refunded.id)
    assert other.given_back == () and [r.rma for r in other.related] == [chargeback.rma]


def test_a_resolved_case_without_an_answer_offers_the_survey(store, now):
    case = make_case(now)
    Case.update(status=Status.RESOLVED).where(Case.id == case.id).execute()
    assert case_screen(case.id, store.evidence_dir, now).survey_pending


def test_moving_many_cases_moves_the_allowed_and_names_the_others(store, now):
    """The workflow decides each move (DESIGN §3): a closed case cannot be cancelled."""
    order = make_order()
    first, second = make_case(now, order=order), make_case(now, order=order)
    Case.update(status=Status.CLOSED).where(Case.id == second.id).execute()
    result = cases.transition_many([first.id, second.id], Status.CANCELLED, note="Duplicate")
    assert result.moved == 1
    assert len(result.refused) == 1 and result.refused[0].startswith(f"{second.rma}: ")
    assert Case.get_by_id(first.id).status == Status.CANCELLED
    assert Case.get_by_id(second.id).status == Status.CLOSED
