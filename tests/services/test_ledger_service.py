"""Ledger services: guards, reversals, derived figures, append-only database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_case, make_order, make_supplier
from peewee import IntegrityError

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.services import ledger
from returnsdesk.services.ledger import EntryInput, LedgerError, OverRefundError
from returnsdesk.services.timeline import EventKind, events_of
from returnsdesk.store.db import database
from returnsdesk.store.models import LedgerEntry


def post(case, kind, amount, now, **extra):
    data = {"currency": "EUR"} | extra
    return ledger.post_entry(EntryInput(case.id, kind, amount, **data), now=now)


def test_refund_posts_and_writes_timeline(store, now):
    case = make_case(now)
    entry = post(case, K.CUSTOMER_REFUND, 4900, now, method="Card", memo="Full refund")
    assert entry.amount_minor == 4900
    assert ledger.case_money(case.id).paid_out == 4900
    money_events = [e for e in events_of(case.id) if e.kind == EventKind.MONEY]
    assert len(money_events) == 1
    assert "€49.00" in money_events[0].text and "Full refund" in money_events[0].text


def test_over_refund_refused_without_override_and_recorded_with_one(store, now):
    case = make_case(now)  # order total 91.00 EUR
    post(case, K.CUSTOMER_REFUND, 9000, now)
    with pytest.raises(OverRefundError) as info:
        post(case, K.CUSTOMER_REFUND, 200, now)
    assert info.value.available == 100
    assert "€1.00 is left to give back" in str(info.value)
    assert LedgerEntry.select().count() == 1
    entry = post(case, K.CUSTOMER_REFUND, 200, now, override_note="Goodwill for the delay")
    assert entry.override_note == "Goodwill for the delay"
    assert "Override: Goodwill" in events_of(case.id)[0].text


def test_refunds_on_other_cases_of_same_order_count(store, now):
    order = make_order()
    first = make_case(now, order=order)
    second = make_case(now, order=order)
    post(first, K.CUSTOMER_REFUND, 9100, now)
    with pytest.raises(OverRefundError):
        post(second, K.CUSTOMER_REFUND, 1, now)


def test_reversed_refund_frees_the_amount(store, now):
    case = make_case(now)
    entry = post(case, K.CUSTOMER_REFUND, 9100, now)
    ledger.reverse_entry(entry.id, "Wrong amount", now=now)
    post(case, K.CUSTOMER_REFUND, 9100, now)
    assert ledger.case_money(case.id).paid_out == 9100


def test_currency_must_match_order(store, now):
    case = make_case(now)
    with pytest.raises(LedgerError, match="paid in EUR"):
        post(case, K.RETURN_LABEL_COST, 500, now, currency="USD")
    with pytest.raises(InputError, match="Unknown currency"):
        post(case, K.RETURN_LABEL_COST, 500, now, currency="XXY")  # MoneyError


@pytest.mark.parametrize("amount", [0, -5, 10**14, True])
def test_bad_amounts_refused(store, now, amount):
    case = make_case(now)
    with pytest.raises(LedgerError):
        post(case, K.RETURN_LABEL_COST, amount, now)
    assert LedgerEntry.select().count() == 0


def test_other_needs_memo_and_future_date_refused(store, now):
    case = make_case(now)
    with pytest.raises(LedgerError, match="memo"):
        post(case, K.OTHER_COST, 100, now)
    with pytest.raises(LedgerError, match="future"):
        post(case, K.RETURN_LABEL_COST, 100, now, entry_date=now.date() + timedelta(days=1))
    post(case, K.OTHER_COST, 100, now, memo="Customs fee")


def test_store_credit_cannot_go_below_zero(store, now):
    case = make_case(now)
    with pytest.raises(LedgerError, match="store credit"):
        post(case, K.STORE_CREDIT_REDEEMED, 100, now)
    issued = post(case, K.STORE_CREDIT_ISSUED, 3000, now)
    post(case, K.STORE_CREDIT_REDEEMED, 1000, now)
    customer_id = case.order.customer_id
    assert ledger.customer_credit(customer_id) == {"EUR": 2000}
    with pytest.raises(LedgerError, match="already redeemed"):
        ledger.reverse_entry(issued.id, "Mistake", now=now)
    with pytest.raises(LedgerError):
        post(case, K.STORE_CREDIT_REDEEMED, 2001, now)


def test_reversal_rules(store, now):
    case = make_case(now)
    entry = post(case, K.RETURN_LABEL_COST, 750, now)
    with pytest.raises(InputError, match="required"):
        ledger.reverse_entry(entry.id, "  ", now=now)
    reversal = ledger.reverse_entry(entry.id, "Label not used", now=now)
    assert reversal.reverses_id == entry.id and reversal.memo == "Label not used"
    with pytest.raises(LedgerError, match="already reversed"):
        ledger.reverse_entry(entry.id, "again", now=now)
    with pytest.raises(LedgerError, match="itself a reversal"):
        ledger.reverse_entry(reversal.id, "again", now=now)
    assert ledger.case_money(case.id).paid_out == 0
    rows = ledger.entries_of_case(case.id)
    by_id = {r.id: r for r in rows}
    assert by_id[entry.id].reversed_by_id == reversal.id
    assert by_id[reversal.id].reverses_id == entry.id
    assert "Reversal" in events_of(case.id)[0].text


def test_database_refuses_update_delete_and_second_reversal(store, now):
    case = make_case(now)
    entry = post(case, K.RETURN_LABEL_COST, 750, now)
    for sql in (
        "UPDATE ledger_entry SET amount_minor = 1 WHERE id = ?",
        "DELETE FROM ledger_entry WHERE id = ?",
    ):
        with pytest.raises(IntegrityError, match="append-only"):
            database.execute_sql(sql, (entry.id,))
    ledger.reverse_entry(entry.id, "x", now=now)
    with pytest.raises(IntegrityError):
        LedgerEntry.create(
            case=case,
            entry_date=now.date(),
            kind=entry.kind,
            amount_minor=1,
            currency="EUR",
            reverses=entry.id,
            created_at=now,
        )


def test_supplier_and_period_figures(store, now):
    supplier = make_supplier("Bright Home")
    order = make_order(supplier=supplier)
    at_fault = make_case(now, order=order)  # defective → supplier fault
    assert at_fault.fault == "supplier"
    post(at_fault, K.CUSTOMER_REFUND, 4900, now)
    post(at_fault, K.RETURN_LABEL_COST, 600, now)
    post(at_fault, K.SUPPLIER_REIMBURSEMENT, 2000, now)
    (row,) = ledger.supplier_money(supplier.id)
    assert (row.claimed, row.recovered, row.outstanding) == (5500, 2000, 3500)
    totals = ledger.period_totals(date(2026, 5, 1), date(2026, 5, 31))
    by_kind = {t.kind: t for t in totals}
    assert by_kind["customer_refund"].signed == -4900
    assert by_kind["supplier_reimbursement"].signed == 2000
    assert ledger.period_totals(date(2026, 6, 1), None) == []
    with pytest.raises(LedgerError):
        ledger.period_totals(date(2026, 6, 1), date(2026, 5, 1))
