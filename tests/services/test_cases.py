"""Case use cases against a real temporary store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_case, make_order, make_supplier

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind, Status, TransitionError
from returnsdesk.services import cases
from returnsdesk.services.cases import CaseDetails, ConflictError, OpenCaseInput
from returnsdesk.services.timeline import events_of
from returnsdesk.store.models import Case, CaseEvent, CaseLine
from returnsdesk.store.search import search_case_ids


def _counts():
    return Case.select().count(), CaseEvent.select().count(), CaseLine.select().count()


def test_open_case_numbers_records_and_indexes(store, now):
    case = make_case(now)
    assert case.rma == "RMA-2026-00001"
    assert case.status == Status.NEW
    assert case.amount_minor == 4900 + 2 * 2100
    assert case.supplier.name == "Atelier Lumière"
    assert [e.kind for e in events_of(case.id)] == ["created"]
    assert case.next_due_on is not None
    assert search_case_ids("chloe") == [case.id]
    assert search_case_ids("ecran") == [case.id]
    assert search_case_ids("#1042") == [case.id]
    second = make_case(now, order=case.order, reason=Reason.WRONG_ITEM)
    assert second.rma == "RMA-2026-00002"


def test_rma_numbers_are_never_reused_even_after_a_failed_open(store, now):
    order = make_order()
    make_case(now, order=order)
    with pytest.raises(InputError):
        make_case(now, order=order, reason=Reason.OTHER)  # needs a note: refused
    third = make_case(now, order=order)
    assert third.rma == "RMA-2026-00002"
    assert Case.select().count() == 2


def test_open_case_on_some_lines_only(store, now):
    order = make_order()
    line = order.lines[1]
    case = cases.open_case(
        OpenCaseInput(order.id, Kind.RETURN, Reason.PERSONALISATION_ERROR, lines=[(line.id, 1)]),
        now=now,
    )
    assert case.amount_minor == 2100
    verdict = cases.assess(case, now).verdict
    assert verdict.outcome == "eligible_because_faulty"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"reason": Reason.OTHER}, "needs a note"),
        ({"kind": "teleport"}, "Unknown case kind"),
        ({"lines": [(999999, 1)]}, "does not belong"),
        ({"kind": Kind.CHARGEBACK}, "due date"),
        ({"notes": "x" * 30_000}, "too long"),
        ({"requested_resolution": "money back twice"}, "Unknown resolution"),
    ],
)
def test_bad_case_input_is_refused_and_writes_nothing(store, now, changes, message):
    order = make_order()
    before = _counts()
    data = {"order_id": order.id, "kind": Kind.RETURN, "reason": Reason.DEFECTIVE}
    data.update(changes)
    with pytest.raises(InputError, match=message):
        cases.open_case(OpenCaseInput(**data), now=now)
    assert _counts() == before


def test_quantity_above_ordered_is_refused(store, now):
    order = make_order()
    with pytest.raises(InputError, match="between 1 and 2"):
        cases.open_case(
            OpenCaseInput(order.id, Kind.RETURN, Reason.DEFECTIVE, lines=[(order.lines[1].id, 3)]),
            now=now,
        )


def test_transitions_follow_the_workflow_and_reach_the_timeline(store, now):
    case = make_case(now)
    later = now + timedelta(hours=2)
    case = cases.transition(case.id, Status.AWAITING_SUPPLIER, note="Claim sent", now=later)
    case = cases.transition(case.id, Status.APPROVED, resolution="refund", now=later)
    case = cases.transition(case.id, Status.RESOLVED, resolution="refund", now=later)
    case = cases.transition(case.id, Status.CLOSED, now=later)
    assert case.closed_at == later
    assert case.next_due_on is None
    timeline = events_of(case.id)
    assert timeline[0].to_status == "closed"
    assert "Claim sent" in timeline[-2].text
    assert all(e.at.tzinfo is not None for e in timeline)


def test_illegal_transition_from_closed_case_is_refused(store, now):
    case = make_case(now)
    for target, extra in [
        (Status.REJECTED, {"note": "Used"}),
        (Status.CLOSED, {}),
    ]:
        case = cases.transition(case.id, target, now=now, **extra)
    events = CaseEvent.select().count()
    with pytest.raises(TransitionError, match="cannot become approved"):
        cases.transition(case.id, Status.APPROVED, resolution="refund", now=now)
    with pytest.raises(TransitionError, match="Say why"):
        cases.transition(case.id, Status.REOPENED, now=now)
    assert Case.get_by_id(case.id).status == Status.CLOSED
    assert CaseEvent.select().count() == events
    with pytest.raises(InputError, match="reopen it"):
        details = CaseDetails.of(case)
        cases.update_details(case.id, details.__class__(**{**details.__dict__, "notes": "x"}))


def test_edit_details_records_changed_fields_and_detects_conflicts(store, now):
    case = make_case(now)
    loaded_version = case.version
    details = CaseDetails.of(case)
    edited = CaseDetails(**{**details.__dict__, "return_tracking": "RT123", "notes": "<b>Bob</b>"})
    saved = cases.update_details(case.id, edited, expected_version=loaded_version, now=now)
    assert saved.return_tracking == "RT123"
    assert events_of(case.id)[0].text == "Changed return tracking number, notes."
    assert search_case_ids("RT123") == [case.id]
    # A second window still holding the old version cannot overwrite the first.
    stale = CaseDetails(**{**details.__dict__, "notes": "other window"})
    with pytest.raises(ConflictError, match="changed elsewhere"):
        cases.update_details(case.id, stale, expected_version=loaded_version, now=now)
    assert Case.get_by_id(case.id).notes == "<b>Bob</b>"
    # Saving unchanged details writes nothing.
    events = CaseEvent.select().count()
    cases.update_details(case.id, CaseDetails.of(Case.get_by_id(case.id)), now=now)
    assert CaseEvent.select().count() == events


def test_notes_and_first_response(store, now):
    case = make_case(now)
    with pytest.raises(InputError, match="required"):
        cases.add_note(case.id, "   ")
    with pytest.raises(InputError, match="control characters"):
        cases.add_note(case.id, "bell\x07")
    cases.add_note(case.id, "مرحبا — customer writes in Arabic 😀", now=now)
    assert events_of(case.id)[0].text.startswith("مرحبا")
    before = Case.get_by_id(case.id).next_due_code
    assert before == "first_response"
    cases.record_first_response(case.id, now=now)
    assert Case.get_by_id(case.id).first_response_at == now
    assert Case.get_by_id(case.id).next_due_code != "first_response"


def test_chargeback_case_starts_open_with_due_date(store, now):
    case = make_case(
        now,
        kind=Kind.CHARGEBACK,
        reason=Reason.NOT_RECEIVED,
        chargeback_due_on=date(2026, 5, 30),
    )
    assert case.status == Status.CHARGEBACK_OPEN
    deadlines = cases.assess(case, now).deadlines
    assert date(2026, 5, 30) in [d.due for d in deadlines if d.code == "chargeback_response"]


def test_supplier_policy_feeds_the_evidence_deadline(store, now):
    supplier = make_supplier("Quick Supplier", evidence_days=5)
    case = make_case(now, order=make_order("#2000", supplier=supplier))
    evidence = [d for d in cases.assess(case, now).deadlines if d.code == "supplier_evidence"]
    assert evidence[0].due == date(2026, 5, 13)


def test_find_by_rma(store, now):
    case = make_case(now)
    assert cases.find_by_rma(" rma-2026-00001 ").id == case.id
    with pytest.raises(InputError, match="No case"):
        cases.find_by_rma("RMA-2026-99999")
