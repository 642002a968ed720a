"""Kinds of money movement on a case, and which way each one moves money.

Amounts on entries are always positive; the kind says whether the merchant
paid out or recovered. A reversal entry has the same kind as the entry it
cancels and counts with the opposite sign.
"""

from __future__ import annotations

from enum import StrEnum

from returnsdesk.domain.i18n import N_, t


class LedgerKind(StrEnum):
    CUSTOMER_REFUND = "customer_refund"
    STORE_CREDIT_ISSUED = "store_credit_issued"
    STORE_CREDIT_REDEEMED = "store_credit_redeemed"
    REPLACEMENT_COST = "replacement_cost"
    RETURN_LABEL_COST = "return_label_cost"
    RESTOCKING_FEE_KEPT = "restocking_fee_kept"
    SUPPLIER_REIMBURSEMENT = "supplier_reimbursement"
    CHARGEBACK_DEBIT = "chargeback_debit"
    CHARGEBACK_FEE = "chargeback_fee"
    CHARGEBACK_REVERSAL = "chargeback_reversal"
    OTHER_COST = "other_cost"
    OTHER_RECOVERY = "other_recovery"


class Direction(StrEnum):
    PAID_OUT = "paid_out"
    RECOVERED = "recovered"
    NEUTRAL = "neutral"


DIRECTION: dict[LedgerKind, Direction] = {
    LedgerKind.CUSTOMER_REFUND: Direction.PAID_OUT,
    LedgerKind.STORE_CREDIT_ISSUED: Direction.PAID_OUT,
    LedgerKind.STORE_CREDIT_REDEEMED: Direction.NEUTRAL,
    LedgerKind.REPLACEMENT_COST: Direction.PAID_OUT,
    LedgerKind.RETURN_LABEL_COST: Direction.PAID_OUT,
    LedgerKind.RESTOCKING_FEE_KEPT: Direction.RECOVERED,
    LedgerKind.SUPPLIER_REIMBURSEMENT: Direction.RECOVERED,
    LedgerKind.CHARGEBACK_DEBIT: Direction.PAID_OUT,
    LedgerKind.CHARGEBACK_FEE: Direction.PAID_OUT,
    LedgerKind.CHARGEBACK_REVERSAL: Direction.RECOVERED,
    LedgerKind.OTHER_COST: Direction.PAID_OUT,
    LedgerKind.OTHER_RECOVERY: Direction.RECOVERED,
}

LABELS: dict[LedgerKind, str] = {
    LedgerKind.CUSTOMER_REFUND: N_("Customer refund"),
    LedgerKind.STORE_CREDIT_ISSUED: N_("Store credit issued"),
    LedgerKind.STORE_CREDIT_REDEEMED: N_("Store credit redeemed"),
    LedgerKind.REPLACEMENT_COST: N_("Replacement cost"),
    LedgerKind.RETURN_LABEL_COST: N_("Return label cost"),
    LedgerKind.RESTOCKING_FEE_KEPT: N_("Restocking fee kept"),
    LedgerKind.SUPPLIER_REIMBURSEMENT: N_("Supplier reimbursement"),
    LedgerKind.CHARGEBACK_DEBIT: N_("Chargeback debit"),
    LedgerKind.CHARGEBACK_FEE: N_("Chargeback fee"),
    LedgerKind.CHARGEBACK_REVERSAL: N_("Chargeback reversal (won)"),
    LedgerKind.OTHER_COST: N_("Other cost"),
    LedgerKind.OTHER_RECOVERY: N_("Other recovery"),
}


def ledger_label(kind: LedgerKind | str, lang: str | None = None) -> str:
    """The entry kind as a reader of ``lang`` (the window's language by default) names it."""
    return t(LABELS[LedgerKind(kind)], lang)


#: Money that reached the customer's hands: what a chargeback may be paying twice.
GIVEN_BACK = (LedgerKind.CUSTOMER_REFUND, LedgerKind.STORE_CREDIT_ISSUED)

#: What each kind does to the money an order has paid back to its customer, in any
#: form: refunds, store credit, money the bank took back for them (a chargeback debit,
#: given back to the merchant when the dispute is won), and a replacement sent at cost.
#: Their sum may not exceed what the customer paid without a recorded override.
PAYOUT_SIGN: dict[LedgerKind, int] = {
    LedgerKind.CUSTOMER_REFUND: 1,
    LedgerKind.STORE_CREDIT_ISSUED: 1,
    LedgerKind.CHARGEBACK_DEBIT: 1,
    LedgerKind.CHARGEBACK_REVERSAL: -1,
    LedgerKind.REPLACEMENT_COST: 1,
}


def order_payout(net_by_kind: dict[LedgerKind, int]) -> int:
    """Money given back on an order, from its per-kind totals net of reversals."""
    return sum(PAYOUT_SIGN.get(kind, 0) * amount for kind, amount in net_by_kind.items())


def payout_change(kind: LedgerKind, amount: int, is_reversal: bool) -> int:
    """How much posting this entry raises (positive) or lowers the order's payout."""
    return PAYOUT_SIGN.get(kind, 0) * net_amount(amount, is_reversal)


#: The one sign convention of the ledger. A correction is never an edit: it is a new
#: entry of the opposite sign, and the original stays (an append-only journal, as in
#: double-entry bookkeeping). So a reversal counts ``REVERSAL_SIGN`` times its amount,
#: and an entry's *signed amount* is its effect on the merchant's cash: paid out
#: negative, recovered positive, neutral kinds zero. A *cost* is the negated cash
#: effect. Every sum in store/ledger_sql.py is built from these functions.
REVERSAL_SIGN = -1
CASH_SIGN: dict[Direction, int] = {
    Direction.PAID_OUT: -1,
    Direction.RECOVERED: 1,
    Direction.NEUTRAL: 0,
}


def net_amount(amount: int, is_reversal: bool) -> int:
    """The entry's amount net of reversal: a reversal counts with the opposite sign."""
    return amount * (REVERSAL_SIGN if is_reversal else 1)


def cash_sign(kind: LedgerKind | str) -> int:
    """-1 for money paid out, +1 for money recovered, 0 for neutral kinds."""
    return CASH_SIGN[DIRECTION[LedgerKind(kind)]]


def signed_amount(kind: LedgerKind | str, amount: int, is_reversal: bool) -> int:
    """The entry's effect on the merchant's cash (negative = money out)."""
    return cash_sign(kind) * net_amount(amount, is_reversal)
