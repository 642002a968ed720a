"""Chargebacks: the facts of the processor's notice, opening one on an order that already
has cases, the order's other cases, and the "you may be paying twice" check.

Cases of the same order are linked through their order: a chargeback opened on an order
records the link on its own timeline and on the timeline of every other case of the
order, so each shows the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from returnsdesk.domain.chargebacks import PAYPAL_RESPONSE_DAYS, DisputeReason, Processor
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.ledger import GIVEN_BACK
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.text import clean_text
from returnsdesk.domain.workflow import Kind
from returnsdesk.services.cases import OpenCaseInput, open_case, refresh_next_due
from returnsdesk.services.clock import resolve
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import Case, LedgerEntry


@dataclass(frozen=True)
class ChargebackNotice:
    """What the processor's notice says."""

    reason: DisputeReason | str
    processor: Processor | str
    #: The response due moment, with its time zone (stored in UTC).
    due_at: datetime
    reference: str = ""


@dataclass(frozen=True)
class RelatedCase:
    id: int
    rma: str
    kind: str
    reason: str
    status: str
    opened_at: datetime


@dataclass(frozen=True)
class GivenBack:
    """A refund or store credit on another case of the chargeback's order."""

    rma: str
    kind: str
    entry_date: date
    amount_minor: int
    currency: str
    reference: str


def _notice(data: ChargebackNotice) -> tuple[DisputeReason, Processor, datetime, str]:
    try:
        reason = DisputeReason(data.reason)
    except ValueError:
        raise InputError(t("Unknown dispute reason: {reason!r}.", reason=data.reason)) from None
    try:
        processor = Processor(data.processor)
    except ValueError:
        raise InputError(
            t("Unknown payment processor: {processor!r}.", processor=data.processor)
        ) from None
    if data.due_at is None or data.due_at.tzinfo is None:
        raise InputError(
            t("Enter the response due time with its time zone, as the processor's notice gives it.")
        )
    reference = clean_text(data.reference, "Chargeback reference")
    return reason, processor, data.due_at, reference


def due_day(due_at: datetime) -> date:
    """The due day as the notice states it (in the notice's own time zone)."""
    return due_at.date()


def record_notice(case_id: int, data: ChargebackNotice, now: datetime | None = None) -> Case:
    """Store the notice's reason code, processor and due moment on a chargeback case."""
    now = resolve(now)
    reason, processor, due_at, reference = _notice(data)
    with write():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise InputError(t("The case no longer exists."))
        if case.kind != Kind.CHARGEBACK:
            raise InputError(t("{rma} is not a chargeback case.", rma=case.rma))
        Case.update(
            chargeback_reason=reason.value,
            chargeback_processor=processor.value,
            chargeback_due_at=due_at,
            chargeback_due_on=due_day(due_at),
            chargeback_reference=reference or case.chargeback_reference,
        ).where(Case.id == case.id).execute()
        case = Case.get_by_id(case_id)
        record_event(
            case,
            EventKind.EDIT,
            "",
            now,
            code="chargeback_notice",
            params={
                "processor": processor.value,
                "reason": reason.value,
                "due_at": due_at.astimezone(UTC).isoformat(),
            },
        )
        refresh_next_due(case, now)
    return Case.get_by_id(case_id)


def open_chargeback(
    order_id: int,
    data: ChargebackNotice,
    case_reason: Reason | str = Reason.OTHER,
    note: str = "",
    now: datetime | None = None,
) -> Case:
    """Open a chargeback case on an order and link it to the order's other cases."""
    now = resolve(now)
    _, _, due_at, reference = _notice(data)
    reason_note = note or ("Chargeback" if Reason(case_reason) == Reason.OTHER else "")
    case = open_case(
        OpenCaseInput(
            order_id=order_id,
            kind=Kind.CHARGEBACK,
            reason=Reason(case_reason),
            reason_note=reason_note,
            chargeback_due_on=due_day(due_at),
            chargeback_reference=reference,
        ),
        now=now,
    )
    record_notice(case.id, data, now)
    with write():
        others = [c for c in _order_cases(order_id) if c.id != case.id]
        for other in others:
            record_event(
                other, EventKind.NOTE, "", now, code="chargeback_linked", params={"rma": case.rma}
            )
        if others:
            record_event(
                Case.get_by_id(case.id),
                EventKind.NOTE,
                "",
                now,
                code="same_order",
                params={"rmas": ", ".join(o.rma for o in others)},
            )
    return Case.get_by_id(case.id)


def _order_cases(order_id: int) -> list[Case]:
    return list(Case.select().where(Case.order == order_id).order_by(Case.opened_at, Case.id))


def related_cases(case_id: int) -> list[RelatedCase]:
    """The other cases of the same order, oldest first."""
    case = Case.get_by_id(case_id)
    return [
        RelatedCase(c.id, c.rma, c.kind, c.reason, c.status, c.opened_at)
        for c in _order_cases(case.order_id)
        if c.id != case_id
    ]


def given_back_elsewhere(case_id: int) -> list[GivenBack]:
    """Refunds and store credit on the order's other cases, each net of its reversal."""
    case = Case.get_by_id(case_id)
    entries = (
        LedgerEntry.select(LedgerEntry, Case)
        .join(Case)
        .where(
            (Case.order == case.order_id)
            & (Case.id != case_id)
            & LedgerEntry.kind.in_([k.value for k in GIVEN_BACK])
        )
        .order_by(LedgerEntry.entry_date, LedgerEntry.id)
    )
    rows = list(entries)
    reversed_ids = {e.reverses_id for e in rows if e.reverses_id}
    return [
        GivenBack(e.case.rma, e.kind, e.entry_date, e.amount_minor, e.currency, e.reference)
        for e in rows
        if e.reverses_id is None and e.id not in reversed_ids
    ]


def paying_twice(case_id: int) -> list[GivenBack]:
    """For a chargeback case: what the customer already got back on the same order
    (empty when nothing was given back, or when the case is not a chargeback)."""
    case = Case.get_or_none(Case.id == case_id)
    if case is None or case.kind != Kind.CHARGEBACK:
        return []
    return given_back_elsewhere(case_id)


__all__ = [
    "PAYPAL_RESPONSE_DAYS",
    "ChargebackNotice",
    "GivenBack",
    "RelatedCase",
    "given_back_elsewhere",
    "open_chargeback",
    "paying_twice",
    "record_notice",
    "related_cases",
]
