"""Suppliers, the contact log and supplier decisions against a real store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from factories import make_case, make_order, make_supplier

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.workflow import Status
from returnsdesk.services import cases, contacts, suppliers
from returnsdesk.services.contacts import ContactInput, Decision, Direction
from returnsdesk.services.suppliers import SupplierInput
from returnsdesk.services.timeline import events_of
from returnsdesk.store.inbox import Filters, InboxQuery, View, case_ids
from returnsdesk.store.models import Case, Supplier, SupplierContact

GOOD = SupplierInput(
    name="Shenzhen Bright Home",
    email="service@bright.example",
    timezone="Asia/Shanghai",
    return_days=15,
    evidence_days=7,
    follow_up_hours=24,
    restocking_fee_percent=10,
)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": " "}, "name is required"),
        ({"email": "not-an-address"}, "not an e-mail"),
        ({"timezone": "Mars/Olympus"}, "Unknown time zone"),
        ({"chat_url": "javascript:alert(1)"}, "http"),
        ({"restocking_fee_percent": 150}, "between 0 and 100"),
        ({"return_days": -1}, "between 0 and 365"),
        ({"follow_up_hours": 0}, "between 1 and 2160"),
        ({"language": "de"}, "English"),
        ({"name": "x" * 400}, "too long"),
    ],
)
def test_bad_supplier_input_is_refused_and_writes_nothing(store, changes, message):
    with pytest.raises(InputError, match=message):
        suppliers.create_supplier(replace(GOOD, **changes))
    assert Supplier.select().count() == 0


def test_create_edit_and_unique_names(store, now):
    supplier = suppliers.create_supplier(GOOD, now=now)
    with pytest.raises(InputError, match="already exists"):
        suppliers.create_supplier(replace(GOOD, name="shenzhen bright home"))
    edited = suppliers.update_supplier(supplier.id, replace(GOOD, evidence_days=3), now=now)
    assert Supplier.get_by_id(edited.id).evidence_days == 3


def test_policy_edit_recomputes_open_case_deadlines(store, now):
    supplier = make_supplier("Edit Me", evidence_days=30)
    case = make_case(now, order=make_order("#3000", supplier=supplier))
    before = [d for d in cases.assess(case, now).deadlines if d.code == "supplier_evidence"][0].due
    data = replace(SupplierInput.of(supplier), evidence_days=2)
    suppliers.update_supplier(supplier.id, data, now=now)
    after = [
        d
        for d in cases.assess(Case.get_by_id(case.id), now).deadlines
        if d.code == "supplier_evidence"
    ][0].due
    assert after < before


def test_claim_awaits_reply_until_the_threshold_then_needs_action(store, now):
    supplier = make_supplier("Slow Supplier", follow_up_hours=48)
    case = make_case(now, order=make_order("#3001", supplier=supplier))
    cases.record_first_response(case.id, now=now)
    cases.transition(case.id, Status.AWAITING_SUPPLIER, now=now)
    contacts.log_contact(
        ContactInput(
            supplier.id,
            Direction.SENT,
            case_id=case.id,
            at=now,
            subject="Claim #3001",
            awaiting="refund decision",
        ),
        now=now,
    )
    [pending] = contacts.pending_replies(supplier.id, now=now + timedelta(hours=10))
    assert pending.waiting_hours == pytest.approx(10)
    assert not pending.overdue
    stored = Case.get_by_id(case.id)
    assert stored.next_due_code == "supplier_follow_up"
    assert stored.next_due_on == (now + timedelta(hours=48)).date()
    day_after = (now + timedelta(hours=24)).date()
    assert case.id not in case_ids(InboxQuery(View.NEEDS_ACTION, Filters()), day_after)
    later = now + timedelta(hours=49)
    [pending] = contacts.pending_replies(supplier.id, now=later)
    assert pending.overdue
    assert case.id in case_ids(InboxQuery(View.NEEDS_ACTION, Filters()), later.date())
    summary = [s for s in suppliers.summaries(now=later) if s.id == supplier.id][0]
    assert summary.awaiting_reply == 1 and summary.overdue_replies == 1


def test_reply_answers_the_claim_and_reaches_the_timeline(store, now):
    supplier = make_supplier("Replier")
    case = make_case(now, order=make_order("#3002", supplier=supplier))
    contacts.log_contact(
        ContactInput(
            supplier.id,
            Direction.SENT,
            case_id=case.id,
            at=now,
            subject="Claim",
            expects_reply=True,
        ),
        now=now,
    )
    later = now + timedelta(hours=5)
    contacts.log_contact(
        ContactInput(
            supplier.id,
            Direction.RECEIVED,
            case_id=case.id,
            at=later,
            subject="Re: Claim",
            supplier_reference="DSP-77",
        ),
        now=later,
    )
    assert contacts.pending_replies(supplier.id, now=later) == []
    assert Case.get_by_id(case.id).supplier_reference == "DSP-77"
    texts = [e.text for e in events_of(case.id)]
    assert texts[0].startswith("E-mail received from Replier: Re: Claim (ref. DSP-77)")
    summary = [s for s in suppliers.summaries(now=later) if s.id == supplier.id][0]
    assert summary.median_reply_hours == pytest.approx(5)


def test_partial_approval_moves_the_case_and_is_on_the_timeline(store, now):
    supplier = make_supplier("Decider")
    case = make_case(now, order=make_order("#3003", supplier=supplier))
    cases.transition(case.id, Status.AWAITING_SUPPLIER, now=now)
    result = contacts.record_decision(case.id, Decision.PARTIAL, amount_minor=1500, now=now)
    assert result.moved_to == Status.APPROVED
    stored = Case.get_by_id(case.id)
    assert stored.status == "approved" and stored.agreed_resolution == "partial_refund"
    assert SupplierContact.get_by_id(result.contact.id).decision_amount_minor == 1500
    assert "partially approved, €15.00" in events_of(case.id)[0].text


def test_decision_is_kept_when_the_case_cannot_move(store, now):
    supplier = make_supplier("Late Decider")
    case = make_case(now, order=make_order("#3004", supplier=supplier))
    cases.transition(case.id, Status.REJECTED, note="Used", now=now)
    cases.transition(case.id, Status.CLOSED, now=now)
    result = contacts.record_decision(case.id, Decision.APPROVED, now=now)
    assert result.moved_to is None and "stays where it is" in result.why_not_moved
    assert Case.get_by_id(case.id).status == "closed"
    assert SupplierContact.get_by_id(result.contact.id).decision == "approved"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"decision": Decision.REJECTED}, "Say why"),
        ({"decision": Decision.PARTIAL}, "Enter the amount"),
        ({"decision": Decision.PARTIAL, "amount_minor": 10**9}, "more than the money"),
        ({"decision": "maybe"}, "Unknown decision"),
    ],
)
def test_bad_decisions_are_refused_and_write_nothing(store, now, kwargs, message):
    supplier = make_supplier("Strict")
    case = make_case(now, order=make_order("#3005", supplier=supplier))
    before = SupplierContact.select().count(), len(events_of(case.id))
    with pytest.raises(InputError, match=message):
        contacts.record_decision(case.id, now=now, **kwargs)
    assert (SupplierContact.select().count(), len(events_of(case.id))) == before


def test_bad_contacts_are_refused(store, now):
    supplier = make_supplier("Picky")
    case = make_case(now, order=make_order("#3006", supplier=supplier))
    other = make_case(now, order=make_order("#3007", supplier=supplier))
    from returnsdesk.store.models import Evidence, EvidenceFile

    file = EvidenceFile.create(sha256="a" * 64, size=1, mime="image/png")
    foreign = Evidence.create(
        case=other, file=file, supplied_by="customer", original_name="x.png", added_at=now
    )
    for data, message in [
        (ContactInput(supplier.id, Direction.SENT, case_id=case.id), "subject or a text"),
        (
            ContactInput(supplier.id, Direction.SENT, at=now + timedelta(days=2), subject="x"),
            "future",
        ),
        (ContactInput(supplier.id, "shouted", subject="x"), "Unknown direction"),
        (
            ContactInput(
                supplier.id, Direction.SENT, case_id=case.id, subject="x", evidence_ids=[foreign.id]
            ),
            "case's own evidence",
        ),
        (
            ContactInput(
                supplier.id,
                Direction.SENT,
                subject="x",
                expects_reply=True,
                reply_due_at=now - timedelta(hours=1),
                at=now,
            ),
            "before the message",
        ),
    ]:
        with pytest.raises(InputError, match=message):
            contacts.log_contact(data, now=now)
    assert SupplierContact.select().count() == 0
