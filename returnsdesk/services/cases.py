"""Case use cases: open, assess, change status, edit details, add notes.

Each function runs in one IMMEDIATE transaction and records what it did on
the case timeline. Concurrent editors are detected with ``Case.version``:
a save based on an older version is refused rather than overwriting.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.policy import (
    CaseFacts,
    Deadline,
    StorePolicy,
    SupplierPolicy,
    Verdict,
    compute_deadlines,
    evaluate,
    local_day,
    next_deadline,
)
from returnsdesk.domain.reasons import (
    Fault,
    Reason,
    Resolution,
    default_fault,
    reason_requires_note,
)
from returnsdesk.domain.rma import format_rma
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.domain.workflow import (
    Kind,
    Status,
    TransitionRequest,
    check_transition,
    initial_status,
    status_label,
)
from returnsdesk.services import rule_facts, settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.orders import OrderInput, create_order
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import (
    Case,
    CaseLine,
    Order,
    RmaCounter,
    Supplier,
)
from returnsdesk.store.search import index_case

E = TypeVar("E", bound=Enum)


class ConflictError(InputError):
    """The case changed since it was loaded (another window or process saved first)."""


@dataclass(frozen=True)
class OpenCaseInput:
    order_id: int
    kind: Kind
    reason: Reason
    reason_note: str = ""
    requested_resolution: str = ""
    #: (order line id, quantity); empty means every line of the order, in full.
    lines: list[tuple[int, int]] = field(default_factory=list)
    fault: Fault | None = None
    notes: str = ""
    chargeback_due_on: date | None = None
    chargeback_reference: str = ""


@dataclass(frozen=True)
class CaseDetails:
    """The fields a user edits in the case workspace."""

    reason: str
    reason_note: str
    fault: str
    requested_resolution: str
    agreed_resolution: str
    supplier_reference: str
    return_carrier: str
    return_tracking: str
    return_label_ref: str
    notes: str
    chargeback_due_on: date | None
    chargeback_reference: str

    @classmethod
    def of(cls, case: Case) -> CaseDetails:
        return cls(**{f.name: getattr(case, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    deadlines: list[Deadline]
    next: Deadline | None


def _enum(enum_type: type[E], value: object, what: str) -> E:
    try:
        return enum_type(value)
    except ValueError:
        raise InputError(t("Unknown {what}: {value!r}.", what=what, value=value)) from None


def next_rma(year: int) -> str:
    """Reserve the next RMA number of ``year`` (inside the caller's transaction)."""
    RmaCounter.insert(year=year, last=0).on_conflict_ignore().execute()
    RmaCounter.update(last=RmaCounter.last + 1).where(RmaCounter.year == year).execute()
    return format_rma(year, RmaCounter.get_by_id(year).last)


def supplier_policy(supplier: Supplier | None) -> SupplierPolicy | None:
    if supplier is None:
        return None
    return SupplierPolicy(
        return_days=supplier.return_days,
        evidence_days=supplier.evidence_days,
        follow_up_hours=supplier.follow_up_hours,
        restocking_fee_percent=supplier.restocking_fee_percent,
        reimburses_without_return=supplier.reimburses_without_return,
        timezone=supplier.timezone,
    )


def case_facts(case: Case, now: datetime | None = None) -> CaseFacts:
    return rule_facts.case_facts(case, now)


def assess_facts(facts: CaseFacts, supplier: Supplier | None, store: StorePolicy) -> Assessment:
    policy = supplier_policy(supplier)
    deadlines = compute_deadlines(facts, store, policy)
    return Assessment(
        verdict=evaluate(facts, store, policy),
        deadlines=deadlines,
        next=next_deadline(deadlines) if facts.is_open else None,
    )


def assess(case: Case, now: datetime | None = None) -> Assessment:
    store = rule_facts.policy_for_order(case.order)
    return assess_facts(case_facts(case, now), case.supplier, store)


def refresh_next_due(case: Case, now: datetime | None = None) -> None:
    """Store the case's next real work so the inbox can sort and filter on it in SQL."""
    upcoming = assess(case, now).next
    case.next_due_on = upcoming.due if upcoming else None
    case.next_due_code = upcoming.code if upcoming else ""
    Case.update(next_due_on=case.next_due_on, next_due_code=case.next_due_code).where(
        Case.id == case.id
    ).execute()


def open_case(data: OpenCaseInput, now: datetime | None = None) -> Case:
    now = resolve(now)
    kind = _enum(Kind, data.kind, "case kind")
    reason = _enum(Reason, data.reason, "reason")
    reason_note = clean_text(data.reason_note, "Reason note", max_len=LONG)
    if reason_requires_note(reason) and not reason_note:
        raise InputError(t("Reason 'Other' needs a note explaining it."))
    requested = data.requested_resolution
    if requested:
        _enum(Resolution, requested, "resolution")
    if kind == Kind.CHARGEBACK and data.chargeback_due_on is None:
        raise InputError(
            t("A chargeback case needs the response due date from the processor's notice.")
        )
    with write():
        order = Order.get_or_none(Order.id == data.order_id)
        if order is None:
            raise InputError(t("The order no longer exists."))
        order_lines = {line.id: line for line in order.lines}
        chosen = data.lines or [(line_id, line.quantity) for line_id, line in order_lines.items()]
        if not chosen:
            raise InputError(t("The order has no lines to open a case on."))
        amount = 0
        for line_id, quantity in chosen:
            line = order_lines.get(line_id)
            if line is None:
                raise InputError(t("A chosen line does not belong to this order."))
            if not 1 <= quantity <= line.quantity:
                raise InputError(
                    t(
                        "Quantity for {title!r} must be between 1 and {quantity}.",
                        title=line.title,
                        quantity=line.quantity,
                    )
                )
            amount += quantity * line.unit_price_minor
        supplier = next(
            (order_lines[i].supplier for i, _ in chosen if order_lines[i].supplier_id), None
        )
        case = Case.create(
            rma=next_rma(now.year),
            order=order,
            supplier=supplier,
            kind=kind,
            reason=reason,
            reason_note=reason_note,
            fault=_enum(Fault, data.fault, "fault") if data.fault else default_fault(reason),
            requested_resolution=requested,
            status=initial_status(kind),
            notes=clean_text(data.notes, "Notes", max_len=LONG),
            currency=order.currency,
            amount_minor=amount,
            opened_at=now,
            updated_at=now,
            chargeback_due_on=data.chargeback_due_on,
            chargeback_reference=clean_text(data.chargeback_reference, "Chargeback reference"),
        )
        CaseLine.insert_many(
            [{"case": case.id, "order_line": i, "quantity": q} for i, q in chosen]
        ).execute()
        record_event(
            case,
            EventKind.CREATED,
            "",
            now,
            code="case_opened",
            params={"kind": kind.value, "reason": reason.value},
        )
        refresh_next_due(case, now)
        index_case(case.id)
    return case


def _load_for_write(case_id: int, expected_version: int | None) -> Case:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError(t("The case no longer exists."))
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            t(
                "{rma} was changed elsewhere since you opened it. Reload it to see the latest "
                "version, then make your change again.",
                rma=case.rma,
            )
        )
    return case


def transition(
    case_id: int,
    target: Status | str,
    note: str = "",
    resolution: str = "",
    now: datetime | None = None,
    expected_version: int | None = None,
) -> Case:
    now = resolve(now)
    status = _enum(Status, target, "status")
    note = clean_text(note, "Note", max_len=LONG)
    if resolution:
        _enum(Resolution, resolution, "resolution")
    with write():
        case = _load_for_write(case_id, expected_version)
        current = Status(case.status)
        check_transition(TransitionRequest(current, status, note, resolution))
        case.status = status
        if resolution:
            case.agreed_resolution = resolution
        if status == Status.CLOSED:
            case.closed_at = now
        elif status == Status.REOPENED:
            case.closed_at = None
        case.save(only=[Case.status, Case.agreed_resolution, Case.closed_at])
        record_event(
            case,
            EventKind.STATUS,
            "",
            now,
            from_status=current,
            to_status=status,
            code="status_changed",
            params={
                "from_status": current.value,
                "to_status": status.value,
                "resolution": resolution,
                "note": note,
            },
        )
        refresh_next_due(case, now)
    return case


@dataclass(frozen=True, slots=True)
class BulkMove:
    """What a status change of many cases did: how many moved, and why the others not."""

    moved: int
    #: "RMA: reason" for each case that could not move.
    refused: tuple[str, ...]


def transition_many(
    case_ids: list[int],
    target: Status | str,
    note: str = "",
    resolution: str = "",
    now: datetime | None = None,
) -> BulkMove:
    """Move each case where its workflow allows it; the others are listed with the reason."""
    moved, refused = 0, []
    for case_id in case_ids:
        try:
            transition(case_id, target, note=note, resolution=resolution, now=now)
            moved += 1
        except InputError as exc:
            rma = Case.select(Case.rma).where(Case.id == case_id).scalar() or str(case_id)
            refused.append(f"{rma}: {exc}")
    return BulkMove(moved, tuple(refused))


def validate_details(details: CaseDetails) -> CaseDetails:
    """The edits checked and cleaned (no store access: the window checks before saving)."""
    reason = _enum(Reason, details.reason, "reason")
    note = clean_text(details.reason_note, "Reason note", max_len=LONG)
    if reason_requires_note(reason) and not note:
        raise InputError(t("Reason 'Other' needs a note explaining it."))
    for name in ("requested_resolution", "agreed_resolution"):
        value = getattr(details, name)
        if value:
            _enum(Resolution, value, "resolution")
    return replace(
        details,
        reason=reason.value,
        reason_note=note,
        fault=_enum(Fault, details.fault, "fault").value,
        supplier_reference=clean_text(details.supplier_reference, "Supplier reference"),
        return_carrier=clean_text(details.return_carrier, "Return carrier"),
        return_tracking=clean_text(details.return_tracking, "Return tracking number"),
        return_label_ref=clean_text(details.return_label_ref, "Return label reference"),
        notes=clean_text(details.notes, "Notes", max_len=LONG),
        chargeback_reference=clean_text(details.chargeback_reference, "Chargeback reference"),
    )


def update_details(
    case_id: int,
    details: CaseDetails,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Case:
    """Save edited details; records which fields changed. A no-op save writes nothing."""
    now = resolve(now)
    details = validate_details(details)
    with write():
        case = _load_for_write(case_id, expected_version)
        if Status(case.status) in {Status.CLOSED, Status.CANCELLED}:
            raise InputError(
                t(
                    "{rma} is {status}; reopen it to change its details.",
                    rma=case.rma,
                    status=status_label(case.status).lower(),
                )
            )
        before = CaseDetails.of(case)
        changed = [
            f.name
            for f in fields(CaseDetails)
            if getattr(before, f.name) != getattr(details, f.name)
        ]
        if not changed:
            return case
        for name in changed:
            setattr(case, name, getattr(details, name))
        case.save(only=[getattr(Case, name) for name in changed])
        record_event(
            case, EventKind.EDIT, "", now, code="details_changed", params={"fields": changed}
        )
        refresh_next_due(case, now)
        index_case(case.id)
    return case


def add_note(case_id: int, text: str, now: datetime | None = None) -> Case:
    now = resolve(now)
    text = clean_text(text, "Note", max_len=LONG, required=True)
    with write():
        case = _load_for_write(case_id, None)
        record_event(case, EventKind.NOTE, text, now)
    return case


def record_first_response(case_id: int, now: datetime | None = None) -> Case:
    """Mark that the customer got a first answer (stops the 24-hour clock)."""
    now = resolve(now)
    with write():
        case = _load_for_write(case_id, None)
        if case.first_response_at is None:
            case.first_response_at = now
            case.save(only=[Case.first_response_at])
            record_event(case, EventKind.NOTE, "", now, code="first_response")
            refresh_next_due(case, now)
    return case


def find_by_rma(rma: str) -> Case:
    case = Case.get_or_none(Case.rma == rma.strip().upper())
    if case is None:
        raise InputError(t("No case {rma!r}.", rma=rma.strip()))
    return case


def preview(
    order: Order,
    kind: Kind | str,
    reason: Reason | str,
    line_ids: list[int] | None = None,
    chargeback_due_on: date | None = None,
    now: datetime | None = None,
    delivered: dict[int, date | None] | None = None,
) -> Assessment:
    """Verdict and deadlines a case would get, computed before anything is saved
    (``delivered``: delivery dates typed for some lines, not saved yet)."""
    now = resolve(now)
    lines = [line for line in order.lines if not line_ids or line.id in line_ids]
    supplier = next((line.supplier for line in lines if line.supplier_id), None)
    facts = rule_facts.order_facts(
        order, Kind(kind).value, reason, line_ids, now, now, chargeback_due_on, delivered
    )
    return assess_facts(facts, supplier, rule_facts.policy_for_order(order))


def preview_typed(
    order_data: OrderInput,
    kind: Kind | str,
    reason: Reason | str,
    chargeback_due_on: date | None = None,
    now: datetime | None = None,
) -> Assessment:
    """Verdict and deadlines for a hand-typed order and case, before either is saved."""
    now = resolve(now)
    facts = rule_facts.typed_facts(order_data, Kind(kind).value, reason, now, chargeback_due_on)
    supplier_id = next((line.supplier_id for line in order_data.lines if line.supplier_id), None)
    supplier = Supplier.get_or_none(Supplier.id == supplier_id) if supplier_id else None
    store = settings.store_policy(local_day(order_data.placed_at, rule_facts.shop_time_zone()))
    return assess_facts(facts, supplier, store)


def open_case_with_new_order(
    order_data: OrderInput, case_data: OpenCaseInput, now: datetime | None = None
) -> Case:
    """Create a hand-typed order and its case together: both or neither."""
    with write():
        order = create_order(order_data, now=now)
        return open_case(replace(case_data, order_id=order.id, lines=[]), now=now)
