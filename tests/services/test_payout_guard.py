"""Payout guard: an order never gives back more than its customer paid, over all its
cases and every form of payout, unless an override with a reason is recorded.

Seen when tried: after a chargeback debit for the whole order, a full refund and full
store credit on top were accepted (a triple payout)."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_case, make_order, make_supplier
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from returnsdesk.domain.ledger import PAYOUT_SIGN
from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import ledger
from returnsdesk.services.ledger import EntryInput, LedgerError, OverRefundError
from returnsdesk.store.models import LedgerEntry

TOTAL = 9100  # make_order(): 49.00 + 2 × 21.00
DUE = date(2026, 6, 30)


def post(case, kind, amount, now, override=""):
    return ledger.post_entry(
        EntryInput(case.id, kind, amount, "EUR", override_note=override), now=now
    )


def test_triple_payout_is_refused(store, now):
    order = make_order()
    chargeback = make_case(now, order=order, kind=Kind.CHARGEBACK, chargeback_due_on=DUE)
    ret = make_case(now, order=order)
    post(chargeback, K.CHARGEBACK_DEBIT, TOTAL, now)
    with pytest.raises(OverRefundError, match="€0.00 is left to give back"):
        post(ret, K.CUSTOMER_REFUND, TOTAL, now)
    with pytest.raises(OverRefundError):
        post(ret, K.STORE_CREDIT_ISSUED, TOTAL, now)
    with pytest.raises(OverRefundError):
        post(ret, K.REPLACEMENT_COST, 1, now)
    assert LedgerEntry.select().count() == 1


def test_won_dispute_frees_the_amount_and_reversing_the_win_is_guarded(store, now):
    order = make_order()
    chargeback = make_case(now, order=order, kind=Kind.CHARGEBACK, chargeback_due_on=DUE)
    debit = post(chargeback, K.CHARGEBACK_DEBIT, TOTAL, now)
    won = post(chargeback, K.CHARGEBACK_REVERSAL, TOTAL, now)
    assert debit and ledger.refundable(order) == TOTAL
    post(make_case(now, order=order), K.CUSTOMER_REFUND, 5000, now)
    with pytest.raises(OverRefundError):
        ledger.reverse_entry(won.id, "Bank reversed its decision", now=now)
    entry = ledger.reverse_entry(
        won.id, "Bank reversed its decision", now=now, override_note="Bank's final ruling"
    )
    assert entry.override_note == "Bank's final ruling"


def test_costs_and_recoveries_that_do_not_reach_the_customer_are_not_payouts(store, now):
    case = make_case(now)
    post(case, K.CUSTOMER_REFUND, TOTAL, now)
    post(case, K.RETURN_LABEL_COST, 800, now)
    post(case, K.CHARGEBACK_FEE, 1500, now)
    post(case, K.SUPPLIER_REIMBURSEMENT, 2000, now)
    assert ledger.order_money(case.order_id).left == 0


KINDS = [*PAYOUT_SIGN, K.RETURN_LABEL_COST, K.SUPPLIER_REIMBURSEMENT]


class PayoutMachine(RuleBasedStateMachine):
    """Random refunds, credits, chargebacks, replacements and reversals on one order's
    cases; the database's payout is compared with a plain model after every step."""

    now = None  # set by the test

    def __init__(self) -> None:
        super().__init__()
        PayoutMachine.counter += 1
        supplier = make_supplier(f"Supplier {PayoutMachine.counter}")
        self.order = make_order(number=f"#{PayoutMachine.counter}", supplier=supplier)
        self.cases = [
            make_case(self.now, order=self.order),
            make_case(self.now, order=self.order, kind=Kind.CHARGEBACK, chargeback_due_on=DUE),
        ]
        self.payout = 0
        self.overridden = False
        self.entries: list[LedgerEntry] = []

    counter = 0

    @rule(
        case=st.integers(0, 1),
        kind=st.sampled_from(KINDS),
        amount=st.integers(1, TOTAL + 500),
        override=st.booleans(),
    )
    def post(self, case, kind, amount, override):
        change = PAYOUT_SIGN.get(kind, 0) * amount
        fits = change <= 0 or self.payout + change <= TOTAL
        try:
            entry = post(self.cases[case], kind, amount, self.now, "Goodwill" if override else "")
        except OverRefundError:
            assert not fits and not override
            return
        assert fits or override
        self.overridden |= bool(entry.override_note)
        self.payout += change
        self.entries.append(entry)

    @rule(pick=st.integers(0, 50), override=st.booleans())
    def reverse(self, pick, override):
        if not self.entries:
            return
        original = self.entries[pick % len(self.entries)]
        change = -PAYOUT_SIGN.get(K(original.kind), 0) * original.amount_minor
        try:
            entry = ledger.reverse_entry(
                original.id, "Mistake", now=self.now, override_note="Ruling" if override else ""
            )
        except OverRefundError:
            assert change > 0 and self.payout + change > TOTAL and not override
            return
        except LedgerError:
            return  # already reversed
        self.overridden |= bool(entry.override_note)
        self.payout += change

    @invariant()
    def never_more_than_paid_without_override(self):
        money = ledger.order_money(self.order.id)
        assert money.paid_back == self.payout
        if money.paid_back > TOTAL:
            assert self.overridden
            assert LedgerEntry.select().where(LedgerEntry.override_note != "").exists()


def test_random_payouts_never_exceed_the_order_total_without_override(store, now):
    PayoutMachine.now = now
    runner = PayoutMachine.TestCase()
    runner.settings = settings(
        max_examples=40,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    runner.runTest()
