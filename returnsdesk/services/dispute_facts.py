"""Everything the store holds that a dispute pack may state, gathered from EVERY case of
the chargeback's order, as frozen view objects (the PDF code never touches the store).

Nothing is inferred: a missing billing address stays ``""`` (the pack says it is not
held), "shown at checkout" is whatever the merchant recorded on the policy in force on
the order date, and money is what the ledger holds, reversals included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import cast

from returnsdesk.domain.chargebacks import DisputeReason, Processor
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.ledger import GIVEN_BACK, LedgerKind
from returnsdesk.domain.policy import StorePolicy
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import settings
from returnsdesk.services.case_view import load_case
from returnsdesk.services.evidence_files import stored_path
from returnsdesk.services.settings import ShopDetails
from returnsdesk.services.timeline import EventKind, event_params
from returnsdesk.store.models import (
    Case,
    CaseEvent,
    Customer,
    Evidence,
    EvidenceFile,
    LedgerEntry,
    Order,
    OrderLine,
    SupplierContact,
)


@dataclass(frozen=True, slots=True)
class LineFacts:
    sku: str
    title: str
    variant: str
    quantity: int
    unit_price_minor: int
    personalised: bool


@dataclass(frozen=True, slots=True)
class CaseSummary:
    rma: str
    kind: str
    reason: str
    status: str
    opened_at: datetime
    return_carrier: str
    return_tracking: str


@dataclass(frozen=True, slots=True)
class MoneyFacts:
    rma: str
    entry_date: date
    kind: LedgerKind
    amount_minor: int
    currency: str
    reference: str
    memo: str
    is_reversal: bool
    is_reversed: bool


@dataclass(frozen=True, slots=True)
class TimelineFacts:
    """One dated item. ``what`` is a code the renderer turns into words: ``created``,
    ``status``, ``note``, ``customer_email``, ``first_response``, ``supplier_sent``,
    ``supplier_received``, ``linked``; ``value`` is a code (status, channel) or empty;
    ``text`` is the user's own words, printed as written."""

    at: datetime
    rma: str
    what: str
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class EvidenceFacts:
    rma: str
    path: Path
    mime: str
    original_name: str
    caption: str
    supplied_by: str
    captured_at: datetime | None
    added_at: datetime
    sha256: str


@dataclass(frozen=True, slots=True)
class DisputeFacts:
    shop: ShopDetails
    policy: StorePolicy
    reason: DisputeReason
    processor: Processor | None
    rma: str
    reference: str
    amount_minor: int
    currency: str
    due_at: datetime | None
    due_on: date | None
    order_number: str
    placed_at: datetime
    total_minor: int
    subtotal_minor: int
    shipping_minor: int
    tax_minor: int
    payment_method: str
    payment_reference: str
    carrier: str
    tracking_number: str
    shipped_on: date | None
    delivered_on: date | None
    shipping_address: str
    billing_address: str
    billing_country: str
    customer_name: str
    customer_email: str
    lines: tuple[LineFacts, ...]
    cases: tuple[CaseSummary, ...]
    money: tuple[MoneyFacts, ...]
    timeline: tuple[TimelineFacts, ...]
    evidence: tuple[EvidenceFacts, ...]

    def given_back(self) -> tuple[MoneyFacts, ...]:
        """Refunds and credit that still stand (not reversed), on any case of the order."""
        return tuple(
            m
            for m in self.money
            if m.kind in GIVEN_BACK and not m.is_reversal and not m.is_reversed
        )

    def given_back_total(self) -> int:
        return sum(m.amount_minor for m in self.given_back() if m.currency == self.currency)


def check_chargeback(case: Case) -> None:
    if case.kind != Kind.CHARGEBACK:
        raise InputError(
            t(
                "{rma} is not a chargeback case; evidence packs are made for chargeback cases "
                "only.",
                rma=case.rma,
            )
        )


def _reason(case: Case) -> DisputeReason:
    try:
        return DisputeReason(case.chargeback_reason)
    except ValueError:
        return DisputeReason.GENERAL


def _processor(case: Case) -> Processor | None:
    try:
        return Processor(case.chargeback_processor)
    except ValueError:
        return None


def gather(case_id: int, evidence_dir: Path) -> DisputeFacts:
    """The facts of a chargeback case and of every other case of its order: the case, its
    order and customer in one joined query, then one query per kind of row."""
    case = load_case(case_id)
    check_chargeback(case)
    order: Order = case.order
    customer: Customer = order.customer
    cases = list(Case.select().where(Case.order == order.id).order_by(Case.opened_at, Case.id))
    case_ids = [c.id for c in cases]
    return DisputeFacts(
        shop=settings.shop_details(),
        policy=settings.store_policy(order.placed_at.date()),
        reason=_reason(case),
        processor=_processor(case),
        rma=case.rma,
        reference=case.chargeback_reference,
        amount_minor=case.amount_minor,
        currency=case.currency,
        due_at=case.chargeback_due_at,
        due_on=case.chargeback_due_on,
        order_number=order.number,
        placed_at=order.placed_at,
        total_minor=order.total_minor,
        subtotal_minor=order.subtotal_minor,
        shipping_minor=order.shipping_minor,
        tax_minor=order.tax_minor,
        payment_method=order.payment_method,
        payment_reference=order.payment_reference,
        carrier=order.carrier,
        tracking_number=order.tracking_number,
        shipped_on=order.shipped_on,
        delivered_on=order.delivered_on,
        shipping_address=order.shipping_address,
        # The store keeps no billing street: only the billing country is known.
        billing_address="",
        billing_country=order.billing_country,
        customer_name=customer.name,
        customer_email=customer.email,
        lines=_lines(order.id),
        cases=tuple(
            CaseSummary(
                c.rma, c.kind, c.reason, c.status, c.opened_at, c.return_carrier, c.return_tracking
            )
            for c in cases
        ),
        money=_money(case_ids),
        timeline=_timeline(case_ids),
        evidence=_evidence(case_ids, evidence_dir),
    )


def _lines(order_id: int) -> tuple[LineFacts, ...]:
    rows = OrderLine.select().where(OrderLine.order == order_id).order_by(OrderLine.id)
    return tuple(
        LineFacts(
            line.sku,
            line.title,
            line.variant,
            line.quantity,
            line.unit_price_minor,
            line.personalised,
        )
        for line in rows
    )


#: id, RMA, date, kind, amount, currency, reference, memo, id of the entry it reverses.
_LedgerRow = tuple[int, str, date, str, int, str, str, str, int | None]


def _money(case_ids: list[int]) -> tuple[MoneyFacts, ...]:
    query = (
        LedgerEntry.select(
            LedgerEntry.id,
            Case.rma,
            LedgerEntry.entry_date,
            LedgerEntry.kind,
            LedgerEntry.amount_minor,
            LedgerEntry.currency,
            LedgerEntry.reference,
            LedgerEntry.memo,
            LedgerEntry.reverses,
        )
        .join(Case)
        .where(LedgerEntry.case.in_(case_ids))
        .order_by(LedgerEntry.entry_date, LedgerEntry.id)
        .tuples()
    )
    rows = list(cast(Iterable[_LedgerRow], query))  # peewee-stubs type tuples as models
    reversed_ids = {row[8] for row in rows if row[8]}
    return tuple(
        MoneyFacts(
            rma,
            entry_date,
            LedgerKind(kind),
            amount,
            currency,
            reference,
            memo,
            reverses is not None,
            entry_id in reversed_ids,
        )
        for entry_id, rma, entry_date, kind, amount, currency, reference, memo, reverses in rows
    )


_FIXED_NOTES = {"First response sent to the customer.": "first_response"}
_CUSTOMER_EMAIL = "E-mail sent to the customer: "


def _event_item(event: CaseEvent, rma: str) -> TimelineFacts | None:
    """An event as the pack shows it; money, evidence and edits have their own sections
    (or are internal), so they are left out."""
    kind = EventKind(event.kind)
    if event.code:
        return _coded_item(event, rma)
    if kind == EventKind.CREATED:
        return TimelineFacts(event.at, rma, "created", "", "")
    if kind == EventKind.STATUS:
        note = event.text.split(": ", 1)[1] if ": " in event.text else ""
        return TimelineFacts(event.at, rma, "status", event.to_status, note)
    if kind == EventKind.NOTE:
        fixed = _FIXED_NOTES.get(event.text)
        if fixed:
            return TimelineFacts(event.at, rma, fixed, "", "")
        if event.text.startswith("Chargeback ") and event.text.endswith(" opened on this order."):
            linked = event.text[len("Chargeback ") : -len(" opened on this order.")]
            return TimelineFacts(event.at, rma, "linked", linked, "")
        if event.text.startswith("Same order as "):
            return None
        return TimelineFacts(event.at, rma, "note", "", event.text)
    if kind == EventKind.CONTACT and event.text.startswith(_CUSTOMER_EMAIL):
        subject = event.text[len(_CUSTOMER_EMAIL) :].rstrip(".")
        return TimelineFacts(event.at, rma, "customer_email", "", subject)
    return None


def _coded_item(event: CaseEvent, rma: str) -> TimelineFacts | None:
    params = event_params(event)
    code = event.code
    if code == "case_opened":
        return TimelineFacts(event.at, rma, "created", "", "")
    if code == "status_changed":
        return TimelineFacts(event.at, rma, "status", event.to_status, str(params.get("note", "")))
    if code == "first_response":
        return TimelineFacts(event.at, rma, "first_response", "", "")
    if code == "chargeback_linked":
        return TimelineFacts(event.at, rma, "linked", str(params.get("rma", "")), "")
    if code == "customer_email":
        return TimelineFacts(event.at, rma, "customer_email", "", str(params.get("subject", "")))
    return None


def _timeline(case_ids: list[int]) -> tuple[TimelineFacts, ...]:
    """Events and supplier messages of the cases, oldest first (same moment: case by case,
    in the order they were recorded); each row comes with its case's RMA by a join."""
    items: list[TimelineFacts] = []
    events = (
        CaseEvent.select(CaseEvent, Case.id, Case.rma)
        .join(Case)
        .where(CaseEvent.case.in_(case_ids))
        .order_by(CaseEvent.case, CaseEvent.id)
    )
    for event in events:
        item = _event_item(event, event.case.rma)
        if item is not None:
            items.append(item)
    messages = (
        SupplierContact.select(SupplierContact, Case.id, Case.rma)
        .join(Case)
        .where(SupplierContact.case.in_(case_ids))
        .order_by(SupplierContact.case, SupplierContact.id)
    )
    for msg in messages:
        body = "\n".join(x for x in (msg.subject, msg.body) if x)
        if msg.supplier_reference:
            body += f"\n({msg.supplier_reference})"
        what = "supplier_sent" if msg.direction == "sent" else "supplier_received"
        rma = msg.case.rma if msg.case is not None else ""  # never None: inner join
        items.append(TimelineFacts(msg.at, rma, what, msg.channel, body))
    items.sort(key=lambda item: item.at)
    return tuple(items)


def _evidence(case_ids: list[int], evidence_dir: Path) -> tuple[EvidenceFacts, ...]:
    rows = (
        Evidence.select(Evidence, EvidenceFile, Case.id, Case.rma)
        .join(EvidenceFile)
        .switch(Evidence)
        .join(Case)
        .where(Evidence.case.in_(case_ids) & Evidence.removed_at.is_null())
        .order_by(Evidence.added_at, Evidence.id)
    )
    return tuple(
        EvidenceFacts(
            item.case.rma,
            stored_path(evidence_dir, item.file.sha256),
            item.file.mime,
            item.original_name,
            item.caption,
            item.supplied_by,
            item.file.captured_at,
            item.added_at,
            item.file.sha256,
        )
        for item in rows
    )
