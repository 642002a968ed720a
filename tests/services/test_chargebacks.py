"""Chargebacks: the notice's facts, cases of one order linked, "paying twice"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from factories import make_case, make_order

from returnsdesk.domain.chargebacks import (
    PAYPAL_RESPONSE_DAYS,
    SECTION_ORDER,
    DisputeReason,
    Processor,
    Section,
    paypal_due,
    suggested_reason,
)
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.reasons import Reason
from returnsdesk.services import ledger
from returnsdesk.services.chargebacks import (
    ChargebackNotice,
    open_chargeback,
    paying_twice,
    record_notice,
    related_cases,
)
from returnsdesk.services.ledger import EntryInput
from returnsdesk.services.timeline import events_of, order_timeline

PARIS = ZoneInfo("Europe/Paris")
DUE = datetime(2026, 6, 20, 23, 59, tzinfo=PARIS)


def _notice(**kw):
    data = {"reason": DisputeReason.CREDIT_NOT_PROCESSED, "processor": Processor.STRIPE}
    return ChargebackNotice(due_at=DUE, **(data | kw))


def test_opening_a_chargeback_links_it_to_the_order_cases(store, now):
    order = make_order()
    ret = make_case(now, order=order)
    chargeback = open_chargeback(order.id, _notice(reference="dp_1"), now=now)
    assert chargeback.chargeback_reason == "credit_not_processed"
    assert chargeback.chargeback_processor == "stripe"
    # The moment is kept in UTC; the day stays filled for the deadline rules.
    assert chargeback.chargeback_due_at == DUE.astimezone(UTC)
    assert chargeback.chargeback_due_on == date(2026, 6, 20)
    assert [c.rma for c in related_cases(chargeback.id)] == [ret.rma]
    assert [c.rma for c in related_cases(ret.id)] == [chargeback.rma]
    assert any(chargeback.rma in e.text for e in events_of(ret.id))
    assert any(ret.rma in e.text for e in events_of(chargeback.id))
    merged = order_timeline(ret.id)
    assert {e.rma for e in merged} == {ret.rma, chargeback.rma}
    assert all(e.own == (e.rma == ret.rma) for e in merged)
    assert [e.at for e in merged] == sorted((e.at for e in merged), reverse=True)


def test_paying_twice_lists_refunds_on_the_other_cases(store, now):
    order = make_order()
    ret = make_case(now, order=order)
    ledger.post_entry(
        EntryInput(ret.id, LedgerKind.CUSTOMER_REFUND, 9100, "EUR", reference="re_1"), now=now
    )
    chargeback = open_chargeback(order.id, _notice(), now=now)
    [given] = paying_twice(chargeback.id)
    assert (given.rma, given.amount_minor, given.reference) == (ret.rma, 9100, "re_1")
    assert paying_twice(ret.id) == []  # only chargebacks warn


def test_reversed_refund_does_not_warn(store, now):
    order = make_order()
    ret = make_case(now, order=order)
    entry = ledger.post_entry(EntryInput(ret.id, LedgerKind.CUSTOMER_REFUND, 500, "EUR"), now=now)
    ledger.reverse_entry(entry.id, "Refund bounced", now=now)
    chargeback = open_chargeback(order.id, _notice(), now=now)
    assert paying_twice(chargeback.id) == []


@pytest.mark.parametrize(
    "change, message",
    [
        ({"reason": "not_a_reason"}, "Unknown dispute reason"),
        ({"processor": "venmo"}, "Unknown payment processor"),
        ({"due_at": datetime(2026, 6, 20, 23, 59)}, "time zone"),
    ],
)
def test_bad_notice_is_refused_and_changes_nothing(store, now, change, message):
    order = make_order()
    case = make_case(now, order=order, kind="chargeback", chargeback_due_on=date(2026, 6, 1))
    with pytest.raises(InputError, match=message):
        record_notice(case.id, ChargebackNotice(**(_notice().__dict__ | change)), now=now)
    assert case.chargeback_reason == ""


def test_notice_on_a_return_case_is_refused(store, now):
    case = make_case(now)
    with pytest.raises(InputError, match="not a chargeback"):
        record_notice(case.id, _notice(), now=now)


def test_paypal_gives_ten_days_from_the_notice():
    # PayPal Help Center: the seller is asked to respond within 10 days (read 2026-11-23).
    notified = datetime(2026, 6, 1, 15, 30, tzinfo=UTC)
    assert PAYPAL_RESPONSE_DAYS == 10
    assert paypal_due(notified) == notified + timedelta(days=10)
    with pytest.raises(ValueError):
        paypal_due(datetime(2026, 6, 1))


def test_every_reason_orders_all_sections_once():
    for reason, order in SECTION_ORDER.items():
        assert sorted(order) == sorted(Section), reason
    assert SECTION_ORDER[DisputeReason.PRODUCT_NOT_RECEIVED][0] == Section.SHIPPING
    assert SECTION_ORDER[DisputeReason.CREDIT_NOT_PROCESSED][0] == Section.REFUNDS
    assert suggested_reason(Reason.NOT_RECEIVED) == DisputeReason.PRODUCT_NOT_RECEIVED
    assert suggested_reason("nonsense") == DisputeReason.GENERAL
