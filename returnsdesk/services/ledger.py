"""Ledger use cases: post an entry, reverse one, and read the derived money figures.

Entries are append-only (the database refuses UPDATE and DELETE). A mistake
is corrected by a reversal: a new entry of the same kind, amount and
currency that points at the entry it cancels (at most one per entry) and
counts with the opposite sign. Every posting records a MONEY event on the
case timeline in the same transaction.

Guards, checked inside the write transaction so two windows cannot both pass:

- the currency must be the order's currency;
- payout guard: what the order has given back to its customer, over all its cases
  (refunds, store credit issued, chargeback debits net of won disputes, replacements
  sent at cost: ``domain.ledger.PAYOUT_SIGN``), cannot exceed what the customer paid,
  unless an override reason is given; that reason is stored on the entry and on the
  timeline. A refund, then a chargeback for the same money, is the "paying twice"
  this stops;
- store credit redeemed cannot exceed the customer's store credit balance,
  and reversing issued credit cannot leave the balance below zero;
- "other" kinds need a memo explaining them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import IntegrityError

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.ledger import LedgerKind, ledger_label, order_payout, payout_change
from returnsdesk.domain.money import MAX_MINOR, check_currency, format_money
from returnsdesk.domain.text import clean_text
from returnsdesk.services.cases import refresh_next_due
from returnsdesk.services.clock import resolve
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store import ledger_sql
from returnsdesk.store.db import write
from returnsdesk.store.ledger_sql import (
    CurrencyTotals,
    LedgerFilter,
    PeriodTotalRow,
    SupplierMoneyRow,
)
from returnsdesk.store.models import Case, LedgerEntry, Order

MEMO_MAX = 1000
OTHER_KINDS = {LedgerKind.OTHER_COST, LedgerKind.OTHER_RECOVERY}

__all__ = [
    "CaseMoney",
    "CurrencyTotals",
    "EntryInput",
    "LedgerError",
    "LedgerFilter",
    "OrderMoney",
    "OverRefundError",
    "PeriodTotalRow",
    "SupplierMoneyRow",
    "case_money",
    "customer_credit",
    "order_money",
    "period_totals",
    "post_entry",
    "refundable",
    "reverse_entry",
    "supplier_money",
]


class LedgerError(InputError):
    """A ledger posting the app refuses; the message says why."""


class OverRefundError(LedgerError):
    """The entry would give back more than the customer paid on the order; can be forced
    with an override (a reason kept with the entry)."""

    def __init__(self, message: str, available: int, currency: str) -> None:
        super().__init__(message)
        self.available = available
        self.currency = currency


@dataclass(frozen=True)
class EntryInput:
    case_id: int
    kind: LedgerKind | str
    amount_minor: int
    currency: str
    entry_date: date | None = None  # defaults to today (UTC)
    method: str = ""
    reference: str = ""
    memo: str = ""
    #: Why a refund may exceed what is left to refund; empty = no override.
    override_note: str = ""


@dataclass(frozen=True)
class CaseMoney:
    currency: str
    paid_out: int
    recovered: int

    @property
    def net_cost(self) -> int:
        """Paid out minus recovered (positive = the case cost the merchant money)."""
        return self.paid_out - self.recovered


def _kind(value: LedgerKind | str) -> LedgerKind:
    try:
        return LedgerKind(value)
    except ValueError:
        raise LedgerError(t("Unknown ledger entry kind: {value!r}.", value=value)) from None


def _amount(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LedgerError(t("Amounts are whole minor units."))
    if value <= 0:
        raise LedgerError(t("The amount must be more than zero."))
    if value > MAX_MINOR:
        raise LedgerError(t("The amount is too large."))
    return value


def _money(minor: int, currency: str) -> str:
    return format_money(minor, currency, "en")


def refundable(order: Order) -> int:
    """What is left to give back on the order: its total minus what every case of the
    order already paid back (refunds, credit, chargeback debits, replacements)."""
    return order.total_minor - order_payout(ledger_sql.order_kind_totals(order.id, order.currency))


@dataclass(frozen=True)
class OrderMoney:
    """The money of one order across all its cases."""

    order_number: str
    currency: str
    total: int
    by_kind: dict[LedgerKind, int]

    @property
    def paid_back(self) -> int:
        return order_payout(self.by_kind)

    @property
    def left(self) -> int:
        return self.total - self.paid_back


def order_money(order_id: int) -> OrderMoney:
    order = Order.get_by_id(order_id)
    totals = ledger_sql.order_kind_totals(order.id, order.currency)
    return OrderMoney(order.number, order.currency, order.total_minor, totals)


def _check_payout(order: Order, kind: LedgerKind, change: int, override: str) -> str:
    """Refuse a posting that gives back more than the customer paid, unless overridden;
    returns the override used (empty when none was needed)."""
    if change <= 0:
        return ""
    left = refundable(order)
    if change <= left:
        return ""
    if override:
        return override
    currency = order.currency
    raise OverRefundError(
        t(
            "The customer paid {paid} on order {number}; {left} is left to give back (refunds, "
            "store credit, chargebacks and replacements on all its cases count). {kind} of "
            "{amount} needs an override with a reason.",
            paid=_money(order.total_minor, currency),
            number=order.number,
            left=_money(max(left, 0), currency),
            kind=ledger_label(kind),
            amount=_money(change, currency),
        ),
        max(left, 0),
        currency,
    )


def customer_credit(customer_id: int) -> dict[str, int]:
    """Store credit balance per currency (issued − redeemed, net of reversals)."""
    return ledger_sql.customer_credit(customer_id)


def post_entry(data: EntryInput, now: datetime | None = None) -> LedgerEntry:
    """Append one entry after checking the guards; records a timeline event."""
    now = resolve(now)
    kind = _kind(data.kind)
    amount = _amount(data.amount_minor)
    currency = check_currency(data.currency)
    entry_date = data.entry_date or now.date()
    if entry_date > now.date():
        raise LedgerError(t("The entry date cannot be in the future."))
    method = clean_text(data.method, "Payment method")
    reference = clean_text(data.reference, "Reference")
    memo = clean_text(data.memo, "Memo", max_len=MEMO_MAX)
    override = clean_text(data.override_note, "Override reason", max_len=MEMO_MAX)
    if kind in OTHER_KINDS and not memo:
        raise LedgerError(t("“{kind}” needs a memo saying what it was.", kind=ledger_label(kind)))
    with write():
        case = Case.get_or_none(Case.id == data.case_id)
        if case is None:
            raise LedgerError(t("The case no longer exists."))
        order: Order = case.order
        if currency != order.currency:
            raise LedgerError(
                t(
                    "Order {number} was paid in {paid_in}; an entry in {currency} cannot be "
                    "posted on {rma}.",
                    number=order.number,
                    paid_in=order.currency,
                    currency=currency,
                    rma=case.rma,
                )
            )
        used_override = _check_payout(order, kind, payout_change(kind, amount, False), override)
        if kind == LedgerKind.STORE_CREDIT_REDEEMED:
            balance = ledger_sql.customer_credit(order.customer_id).get(currency, 0)
            if amount > balance:
                raise LedgerError(
                    t(
                        "The customer has {balance} of store credit; {amount} cannot be redeemed.",
                        balance=_money(balance, currency),
                        amount=_money(amount, currency),
                    )
                )
        entry = LedgerEntry.create(
            case=case,
            entry_date=entry_date,
            kind=kind.value,
            amount_minor=amount,
            currency=currency,
            method=method,
            reference=reference,
            memo=memo,
            override_note=used_override,
            created_at=now,
        )
        record_event(
            case,
            EventKind.MONEY,
            "",
            now,
            code="money_posted",
            params={
                "kind": LedgerKind(kind).value,
                "amount_minor": amount,
                "currency": currency,
                "entry": entry.id,
                "entry_date": entry_date.isoformat(),
                "details": ", ".join(p for p in (method, reference) if p),
                "memo": memo,
                "override": used_override,
            },
        )
        refresh_next_due(case, now)  # a refund in full closes the legal refund deadline
    return entry


def _refuse_irreversible(original: LedgerEntry) -> None:
    """A reversal cannot be reversed, and an entry is reversed at most once."""
    if original.reverses_id is not None:
        raise LedgerError(
            t(
                "Entry #{id} is itself a reversal and cannot be reversed; post a new entry "
                "instead.",
                id=original.id,
            )
        )
    existing = LedgerEntry.get_or_none(LedgerEntry.reverses == original.id)
    if existing is not None:
        raise LedgerError(
            t("Entry #{id} was already reversed by #{id2}.", id=original.id, id2=existing.id)
        )


def reverse_entry(
    entry_id: int,
    reason: str,
    now: datetime | None = None,
    entry_date: date | None = None,
    override_note: str = "",
) -> LedgerEntry:
    """Cancel an entry by posting its reversal (dated today unless given).

    Reversing a won dispute gives the money back to the customer's side, so it passes
    the payout guard like any posting (``override_note`` to force it)."""
    now = resolve(now)
    reason = clean_text(reason, "Reason for the reversal", max_len=MEMO_MAX, required=True)
    entry_date = entry_date or now.date()
    if entry_date > now.date():
        raise LedgerError(t("The entry date cannot be in the future."))
    with write():
        original = LedgerEntry.get_or_none(LedgerEntry.id == entry_id)
        if original is None:
            raise LedgerError(t("The entry no longer exists."))
        _refuse_irreversible(original)
        case: Case = original.case
        kind = LedgerKind(original.kind)
        override = clean_text(override_note, "Override reason", max_len=MEMO_MAX)
        used_override = _check_payout(
            case.order, kind, payout_change(kind, original.amount_minor, True), override
        )
        if kind == LedgerKind.STORE_CREDIT_ISSUED:
            customer_id = case.order.customer_id
            balance = ledger_sql.customer_credit(customer_id).get(original.currency, 0)
            if original.amount_minor > balance:
                raise LedgerError(
                    t(
                        "Part of this store credit was already redeemed (balance {balance}); "
                        "reverse the redemption first.",
                        balance=_money(balance, original.currency),
                    )
                )
        try:
            reversal = LedgerEntry.create(
                case=case,
                entry_date=entry_date,
                kind=original.kind,
                amount_minor=original.amount_minor,
                currency=original.currency,
                method=original.method,
                reference=original.reference,
                memo=reason,
                reverses=original.id,
                override_note=used_override,
                created_at=now,
            )
        except IntegrityError:
            raise LedgerError(t("Entry #{id} was already reversed.", id=original.id)) from None
        record_event(
            case,
            EventKind.MONEY,
            "",
            now,
            code="money_reversed",
            params={
                "reversal": reversal.id,
                "entry": original.id,
                "kind": LedgerKind(kind).value,
                "amount_minor": original.amount_minor,
                "currency": original.currency,
                "memo": reason,
                "override": used_override,
            },
        )
        refresh_next_due(case, now)
    return reversal


def case_money(case_id: int) -> CaseMoney:
    """Paid out, recovered and net cost of one case (one indexed SUM)."""
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise LedgerError(t("The case no longer exists."))
    paid_out, recovered = ledger_sql.case_totals(case_id)
    return CaseMoney(case.currency, paid_out, recovered)


def supplier_money(
    supplier_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[SupplierMoneyRow]:
    """Claimed / recovered / outstanding per supplier and currency.

    *Claimed* = what the merchant paid out (refunds, credit, replacements, labels,
    chargebacks and fees, net of reversals) on the supplier's cases whose fault
    is ``supplier``. *Recovered* = supplier reimbursements received on any of
    its cases. *Outstanding* = claimed − recovered, never below zero.
    """
    return ledger_sql.supplier_money(supplier_id, date_from, date_to)


def period_totals(date_from: date | None, date_to: date | None) -> list[PeriodTotalRow]:
    """Totals per month × kind × currency for the period (both ends included)."""
    if date_from and date_to and date_from > date_to:
        raise LedgerError(t("The period starts after it ends."))
    return ledger_sql.period_totals(date_from, date_to)


def entries_of_case(case_id: int) -> list[ledger_sql.LedgerRow]:
    """The case's entries, newest first, with their reversal links."""
    ids = ledger_sql.filtered_ids(LedgerFilter(case_id=case_id), "date", True)
    return ledger_sql.rows_by_ids(ids)
