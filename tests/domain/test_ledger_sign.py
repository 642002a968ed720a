"""The ledger's one sign convention (domain.ledger): a reversal is a new entry of the
opposite sign and the original stays, so an entry and its reversal always net to zero
(an append-only journal, as double-entry bookkeeping corrects with contra entries);
the signed amount is the effect on the merchant's cash (paid out < 0 < recovered)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from returnsdesk.domain.ledger import (
    DIRECTION,
    Direction,
    LedgerKind,
    cash_sign,
    net_amount,
    payout_change,
    signed_amount,
)

kinds = st.sampled_from(list(LedgerKind))
amounts = st.integers(min_value=1, max_value=10**12)


@given(kinds, amounts)
def test_an_entry_and_its_reversal_net_to_zero(kind, amount):
    assert net_amount(amount, False) + net_amount(amount, True) == 0
    assert signed_amount(kind, amount, False) + signed_amount(kind, amount, True) == 0
    assert payout_change(kind, amount, False) + payout_change(kind, amount, True) == 0


@given(kinds, amounts)
def test_signed_amount_is_the_cash_effect(kind, amount):
    signed = signed_amount(kind, amount, False)
    direction = DIRECTION[kind]
    if direction == Direction.PAID_OUT:
        assert signed == -amount  # money left the merchant
    elif direction == Direction.RECOVERED:
        assert signed == amount
    else:
        assert signed == 0  # store credit redeemed moves no cash
    assert signed_amount(kind, amount, True) == -signed


def test_cash_sign_accepts_stored_codes():
    assert cash_sign("customer_refund") == -1
    assert cash_sign(LedgerKind.SUPPLIER_REIMBURSEMENT) == 1
    assert cash_sign("store_credit_redeemed") == 0
