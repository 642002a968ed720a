"""The supplier contact log: every message to and from a supplier, and their decisions.

A message *sent* that expects an answer is "awaiting reply" until a message is
*received* from that supplier on the same case (or, without a case, from that
supplier at all). Its reply is due after the supplier's follow-up threshold
(else the store's, 48 h by default) unless the user gives another time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from peewee import JOIN

from returnsdesk.domain import event_text
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.i18n.formatting import money_text
from returnsdesk.domain.reasons import Resolution
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.domain.workflow import Status, allowed_targets, status_label
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import Case, Evidence, Supplier, SupplierContact
from returnsdesk.store.row_ids import fk_id
from returnsdesk.store.search import index_case


class Channel(StrEnum):
    EMAIL = "email"
    CHAT = "chat"
    PHONE = "phone"
    DISPUTE = "platform_dispute"
    OTHER = "other"


#: How a message travelled (English, marked for translation: show with ``t()``).
CHANNEL_LABELS = {channel: event_text.CHANNEL_LABELS[channel.value] for channel in Channel}


class Direction(StrEnum):
    SENT = "sent"
    RECEIVED = "received"


class Decision(StrEnum):
    APPROVED = "approved"
    PARTIAL = "partially_approved"
    REJECTED = "rejected"


DECISION_LABELS = {
    Decision.APPROVED: N_("approved"),
    Decision.PARTIAL: N_("partially approved"),
    Decision.REJECTED: N_("rejected"),
}


@dataclass(frozen=True)
class ContactInput:
    supplier_id: int
    direction: Direction
    channel: Channel = Channel.EMAIL
    case_id: int | None = None
    at: datetime | None = None
    subject: str = ""
    body: str = ""
    supplier_reference: str = ""
    #: What answer the user is waiting for; empty for a message that needs none.
    awaiting: str = ""
    expects_reply: bool = False
    reply_due_at: datetime | None = None
    evidence_ids: list[int] = field(default_factory=list)


def follow_up_hours(supplier: Supplier) -> int:
    return supplier.follow_up_hours or settings.store_policy().follow_up_hours


E = TypeVar("E", bound=StrEnum)


def _enum(kind: type[E], value: str, what: str) -> E:
    try:
        return kind(value)
    except ValueError:
        raise InputError(t("Unknown {what}: {value!r}.", what=what, value=value)) from None


def log_contact(
    data: ContactInput, now: datetime | None = None, *, caseless_answers_all: bool = True
) -> SupplierContact:
    """Record a message in one transaction, with its timeline event on the case.

    A received message without a case answers every awaited message of the supplier,
    unless ``caseless_answers_all`` is False (an imported e-mail no case was found for
    must not close the claims of every case): then only messages without a case.
    """
    now = resolve(now)
    direction = _enum(Direction, data.direction, "direction")
    channel = _enum(Channel, data.channel, "channel")
    at = resolve(data.at) if data.at is not None else now
    if at > now + timedelta(minutes=5):
        raise InputError(t("A message cannot be logged in the future."))
    subject = clean_text(data.subject, "Subject")
    body = clean_text(data.body, "Message", max_len=LONG)
    if not subject and not body:
        raise InputError(t("Give the message a subject or a text."))
    reference = clean_text(data.supplier_reference, "Supplier reference")
    awaiting = clean_text(data.awaiting, "Awaited reply")
    expects = direction == Direction.SENT and (data.expects_reply or bool(awaiting))
    if data.reply_due_at is not None and data.reply_due_at <= at:
        raise InputError(t("The reply cannot be due before the message was sent."))
    with write():
        supplier = Supplier.get_or_none(Supplier.id == data.supplier_id)
        if supplier is None:
            raise InputError(t("The supplier no longer exists."))
        case = None
        if data.case_id is not None:
            case = Case.get_or_none(Case.id == data.case_id)
            if case is None:
                raise InputError(t("The case no longer exists."))
        due = None
        if expects:
            due = data.reply_due_at or at + timedelta(hours=follow_up_hours(supplier))
        contact = SupplierContact.create(
            supplier=supplier,
            case=case,
            at=at,
            channel=channel,
            direction=direction,
            subject=subject,
            body=body,
            supplier_reference=reference,
            awaiting_reply=expects,
            awaiting=awaiting,
            reply_due_at=due,
        )
        if direction == Direction.RECEIVED:
            _mark_answered(supplier, case, at, caseless_only=not caseless_answers_all)
        _link_evidence(contact, case, data.evidence_ids)
        if case is not None:
            _on_case(case, contact, supplier, at)
    return contact


def _mark_answered(
    supplier: Supplier, case: Case | None, at: datetime, caseless_only: bool = False
) -> None:
    query = SupplierContact.update(answered_at=at).where(
        (SupplierContact.supplier == supplier)
        & SupplierContact.awaiting_reply
        & SupplierContact.answered_at.is_null()
        & (SupplierContact.at <= at)
    )
    if case is not None:
        query = query.where(SupplierContact.case == case)
    elif caseless_only:
        query = query.where(SupplierContact.case.is_null())
    query.execute()


def _link_evidence(contact: SupplierContact, case: Case | None, evidence_ids: list[int]) -> None:
    if not evidence_ids:
        return
    if case is None:
        raise InputError(t("Evidence can only be sent with a message about a case."))
    items = list(Evidence.select().where(Evidence.id.in_(evidence_ids)))
    if len(items) != len(set(evidence_ids)) or any(
        fk_id(e, Evidence.case) != case.id for e in items
    ):
        raise InputError(t("Only the case's own evidence can be sent with this message."))
    Evidence.update(contact=contact).where(Evidence.id.in_(evidence_ids)).execute()


def _on_case(case: Case, contact: SupplierContact, supplier: Supplier, at: datetime) -> None:
    from returnsdesk.services.cases import refresh_next_due

    record_event(
        case,
        EventKind.CONTACT,
        "",
        at,
        code="contact",
        params={
            "channel": contact.channel,
            "direction": contact.direction,
            "supplier": supplier.name,
            "subject": contact.subject,
            "reference": contact.supplier_reference,
            "awaiting_reply": bool(contact.awaiting_reply),
            "awaiting": contact.awaiting,
        },
    )
    if contact.supplier_reference and not case.supplier_reference:
        case.supplier_reference = contact.supplier_reference
        case.save(only=[Case.supplier_reference])
        index_case(case.id)
    refresh_next_due(case)


@dataclass(frozen=True)
class DecisionResult:
    contact: SupplierContact
    moved_to: Status | None
    why_not_moved: str = ""


def _decision_target(decision: Decision) -> tuple[Status, str]:
    if decision == Decision.REJECTED:
        return Status.REJECTED, ""
    if decision == Decision.PARTIAL:
        return Status.APPROVED, Resolution.PARTIAL_REFUND.value
    return Status.APPROVED, ""


def record_decision(
    case_id: int,
    decision: Decision | str,
    *,
    amount_minor: int | None = None,
    reason: str = "",
    supplier_reference: str = "",
    channel: Channel = Channel.EMAIL,
    move_case: bool = True,
    now: datetime | None = None,
) -> DecisionResult:
    """Log the supplier's answer on a case and move the case along when the workflow allows.

    Approved moves the case to *approved* (with the resolution the customer asked
    for, else a refund); partially approved to *approved* with a partial refund;
    rejected to *rejected*. When the case is somewhere that move is not allowed,
    the decision is still recorded and the result says why the case stayed.
    """
    now = resolve(now)
    chosen = _enum(Decision, decision, "decision")
    reason = clean_text(reason, "Reason", max_len=LONG)
    if chosen == Decision.REJECTED and not reason:
        raise InputError(t("Say why the supplier rejected the claim."))
    with write():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise InputError(t("The case no longer exists."))
        supplier_id = fk_id(case, Case.supplier)
        if supplier_id is None:
            raise InputError(t("{rma} has no supplier to record a decision from.", rma=case.rma))
        if chosen == Decision.PARTIAL:
            if amount_minor is None or amount_minor <= 0:
                raise InputError(t("Enter the amount the supplier agreed to."))
            if amount_minor > case.amount_minor:
                raise InputError(
                    t("The agreed amount is more than the money at stake on the case.")
                )
        summary = _decision_summary(chosen, amount_minor, case.currency, reason)
        contact = log_contact(
            ContactInput(
                supplier_id=supplier_id,
                direction=Direction.RECEIVED,
                channel=channel,
                case_id=case.id,
                at=now,
                subject=summary,
                supplier_reference=supplier_reference,
            ),
            now=now,
        )
        contact.decision = chosen.value
        contact.decision_amount_minor = amount_minor if chosen == Decision.PARTIAL else None
        contact.decision_reason = reason
        contact.save(
            only=[
                SupplierContact.decision,
                SupplierContact.decision_amount_minor,
                SupplierContact.decision_reason,
            ]
        )
        if not move_case:
            return DecisionResult(contact, None, t("You chose to leave the case where it is."))
        return _move_after_decision(case_id, chosen, contact, summary, now)


def _decision_summary(
    decision: Decision, amount_minor: int | None, currency: str, reason: str
) -> str:
    """The decision as the log entry says it.

    Written in the window's language (English on the command line): it is the user's own
    record of the answer, kept as they read it.
    """
    label = t(DECISION_LABELS[decision])
    if decision == Decision.PARTIAL:
        amount = money_text(amount_minor or 0, currency)
        summary = t("Supplier decision: {decision}, {amount}", decision=label, amount=amount)
    else:
        summary = t("Supplier decision: {decision}", decision=label)
    return f"{summary} — {reason}" if reason else summary


def _move_after_decision(
    case_id: int, decision: Decision, contact: SupplierContact, summary: str, now: datetime
) -> DecisionResult:
    """Move the case where the decision leads, or say why the workflow does not allow it."""
    from returnsdesk.services.cases import transition

    case = Case.get_by_id(case_id)
    target, resolution = _decision_target(decision)
    if target not in allowed_targets(Status(case.status)):
        why = t(
            "{rma} is {status}, so it cannot become {target}; it stays where it is.",
            rma=case.rma,
            status=status_label(case.status).lower(),
            target=status_label(target).lower(),
        )
        return DecisionResult(contact, None, why)
    resolution = resolution or case.requested_resolution or Resolution.REFUND.value
    transition(
        case_id,
        target,
        note=summary,
        resolution=resolution if target == Status.APPROVED else "",
        now=now,
    )
    return DecisionResult(contact, target)


def contacts_of_case(case_id: int) -> list[SupplierContact]:
    return list(
        SupplierContact.select()
        .where(SupplierContact.case == case_id)
        .order_by(SupplierContact.at.desc(), SupplierContact.id.desc())
    )


def contacts_of_supplier(supplier_id: int, limit: int = 500) -> list[SupplierContact]:
    return list(
        SupplierContact.select(SupplierContact, Case)
        .join(Case, join_type=JOIN.LEFT_OUTER, on=(SupplierContact.case == Case.id))
        .where(SupplierContact.supplier == supplier_id)
        .order_by(SupplierContact.at.desc(), SupplierContact.id.desc())
        .limit(limit)
    )


@dataclass(frozen=True)
class PendingReply:
    contact: SupplierContact
    waiting_hours: float
    overdue: bool


def pending_replies(
    supplier_id: int | None = None, now: datetime | None = None
) -> list[PendingReply]:
    """Messages still waiting for the supplier's answer, oldest first, with how long."""
    now = resolve(now)
    query = SupplierContact.select().where(
        SupplierContact.awaiting_reply & SupplierContact.answered_at.is_null()
    )
    if supplier_id is not None:
        query = query.where(SupplierContact.supplier == supplier_id)
    result = []
    for contact in query.order_by(SupplierContact.at):
        hours = (now - contact.at).total_seconds() / 3600
        result.append(PendingReply(contact, hours, contact.reply_due_at <= now))
    return result


def log_customer_message(
    case_id: int, subject: str, body: str, now: datetime | None = None
) -> None:
    """Record a message sent to the customer on the case timeline.

    The first message also stops the first-response clock.
    """
    from returnsdesk.services.cases import refresh_next_due

    now = resolve(now)
    subject = clean_text(subject, "Subject")
    clean_text(body, "Message", max_len=LONG)
    if not subject and not body.strip():
        raise InputError(t("Give the message a subject or a text."))
    with write():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise InputError(t("The case no longer exists."))
        record_event(
            case, EventKind.CONTACT, "", now, code="customer_email", params={"subject": subject}
        )
        if case.first_response_at is None:
            case.first_response_at = now
            case.save(only=[Case.first_response_at])
        refresh_next_due(case, now)
