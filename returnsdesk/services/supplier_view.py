"""What the supplier screens and dialogs read: small frozen view objects, each built with
one or two joined queries (never a lazy walk from row to row).

- ``supplier_choices()``: every supplier's id and name, the one list every dialog and
  filter that offers suppliers shows;
- ``supplier_detail(id)``: a supplier's contacts and policy for the detail pane;
- ``contacts_of_supplier(id)`` / ``case_supplier_side(case_id)``: contact-log rows;
- ``case_for_contact(case_id)`` / ``case_for_decision(case_id)``: the few case facts a
  contact or decision dialog needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, ModelSelect, fn

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.services.contacts import follow_up_hours
from returnsdesk.store.models import Case, Evidence, Supplier, SupplierContact
from returnsdesk.store.row_ids import fk_id


@dataclass(frozen=True, slots=True)
class SupplierChoice:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class SupplierDetail:
    """A supplier as the detail pane and the contact dialog show it."""

    id: int
    name: str
    email: str
    phone: str
    chat_url: str
    language: str
    timezone: str
    return_days: int | None
    evidence_days: int | None
    follow_up_hours: int | None
    #: The follow-up threshold in force: the supplier's own, else the store's.
    follow_up_in_force: int
    restocking_fee_percent: int
    pays_return_shipping_at_fault: bool
    reimburses_without_return: bool
    dispute_platform: str
    escalation_days: int | None
    return_address: str


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One logged message with its supplier's name and zone and its case's RMA."""

    id: int
    at: datetime
    supplier_name: str
    supplier_timezone: str
    case_id: int | None
    rma: str
    channel: str
    direction: str
    subject: str
    body: str
    quoted: str
    supplier_reference: str
    awaiting_reply: bool
    awaiting: str
    reply_due_at: datetime | None
    answered_at: datetime | None
    decision: str

    @property
    def pending(self) -> bool:
        return self.awaiting_reply and self.answered_at is None


@dataclass(frozen=True, slots=True)
class EvidenceChoice:
    id: int
    original_name: str
    caption: str


@dataclass(frozen=True, slots=True)
class CaseSupplierSide:
    """The supplier tab of a case: who the supplier is (if any) and the messages."""

    case_id: int
    rma: str
    supplier: SupplierChoice | None
    contacts: tuple[ContactRow, ...]

    @property
    def pending(self) -> int:
        return sum(1 for c in self.contacts if c.pending)


@dataclass(frozen=True, slots=True)
class ContactCase:
    """What the contact dialog needs to know about the case a message is about."""

    case_id: int
    rma: str
    evidence: tuple[EvidenceChoice, ...]


@dataclass(frozen=True, slots=True)
class DecisionCase:
    case_id: int
    rma: str
    currency: str
    supplier_reference: str


def supplier_choices() -> list[SupplierChoice]:
    """Every supplier, by name (case aside): what any dialog or filter offering suppliers
    lists, in the Suppliers area's order."""
    query = Supplier.select(Supplier.id, Supplier.name).order_by(
        fn.lower(Supplier.name), Supplier.id
    )
    return [SupplierChoice(row.id, row.name) for row in query]


def _supplier(supplier_id: int) -> Supplier:
    supplier = Supplier.get_or_none(Supplier.id == supplier_id)
    if supplier is None:
        raise InputError(t("The supplier no longer exists."))
    return supplier


def supplier_detail(supplier_id: int) -> SupplierDetail:
    s = _supplier(supplier_id)
    return SupplierDetail(
        id=s.id,
        name=s.name,
        email=s.email,
        phone=s.phone,
        chat_url=s.chat_url,
        language=s.language,
        timezone=s.timezone,
        return_days=s.return_days,
        evidence_days=s.evidence_days,
        follow_up_hours=s.follow_up_hours,
        follow_up_in_force=follow_up_hours(s),
        restocking_fee_percent=s.restocking_fee_percent,
        pays_return_shipping_at_fault=bool(s.pays_return_shipping_at_fault),
        reimburses_without_return=bool(s.reimburses_without_return),
        dispute_platform=s.dispute_platform,
        escalation_days=s.escalation_days,
        return_address=s.return_address,
    )


def _contact_query() -> ModelSelect[SupplierContact]:
    return (
        SupplierContact.select(SupplierContact, Supplier.name, Supplier.timezone, Case.id, Case.rma)
        .join(Supplier, on=(SupplierContact.supplier == Supplier.id))
        .switch(SupplierContact)
        .join(Case, join_type=JOIN.LEFT_OUTER, on=(SupplierContact.case == Case.id))
        .order_by(SupplierContact.at.desc(), SupplierContact.id.desc())
    )


def _contact_row(c: SupplierContact) -> ContactRow:
    case_id = fk_id(c, SupplierContact.case)
    return ContactRow(
        id=c.id,
        at=c.at,
        supplier_name=c.supplier.name,
        supplier_timezone=c.supplier.timezone,
        case_id=case_id,
        rma=c.case.rma if case_id is not None and c.case is not None else "",
        channel=c.channel,
        direction=c.direction,
        subject=c.subject,
        body=c.body,
        quoted=c.quoted,
        supplier_reference=c.supplier_reference,
        awaiting_reply=bool(c.awaiting_reply),
        awaiting=c.awaiting,
        reply_due_at=c.reply_due_at,
        answered_at=c.answered_at,
        decision=c.decision,
    )


def contacts_of_supplier(supplier_id: int, limit: int = 500) -> list[ContactRow]:
    """A supplier's messages, newest first (at most ``limit``)."""
    query = _contact_query().where(SupplierContact.supplier == supplier_id).limit(limit)
    return [_contact_row(c) for c in query]


def contacts_of_case(case_id: int) -> list[ContactRow]:
    query = _contact_query().where(SupplierContact.case == case_id)
    return [_contact_row(c) for c in query]


@dataclass(frozen=True, slots=True)
class _CaseFacts:
    id: int
    rma: str
    currency: str
    supplier_reference: str
    supplier: SupplierChoice | None


def _case(case_id: int) -> _CaseFacts:
    """The case's own facts and its supplier's name: one joined query."""
    row = (
        Case.select(
            Case.id, Case.rma, Case.currency, Case.supplier_reference, Supplier.id, Supplier.name
        )
        .join(Supplier, join_type=JOIN.LEFT_OUTER, on=(Case.supplier == Supplier.id))
        .where(Case.id == case_id)
        .tuples()
        .first()
    )
    if row is None:
        raise InputError(t("The case no longer exists."))
    case, rma, currency, reference, supplier_id, supplier_name = row
    supplier = SupplierChoice(supplier_id, supplier_name) if supplier_id is not None else None
    return _CaseFacts(case, rma, currency, reference, supplier)


def case_supplier_side(case_id: int) -> CaseSupplierSide:
    case = _case(case_id)
    return CaseSupplierSide(case.id, case.rma, case.supplier, tuple(contacts_of_case(case_id)))


def case_for_contact(case_id: int) -> tuple[ContactCase, int]:
    """The case's RMA and evidence, and its supplier's id (refused when it has none)."""
    case = _case(case_id)
    if case.supplier is None:
        raise InputError(t("This case has no supplier yet."))
    evidence = Evidence.select(Evidence.id, Evidence.original_name, Evidence.caption).where(
        (Evidence.case == case_id) & Evidence.removed_at.is_null()
    )
    choices = tuple(EvidenceChoice(e.id, e.original_name, e.caption) for e in evidence)
    return ContactCase(case.id, case.rma, choices), case.supplier.id


def case_for_decision(case_id: int) -> DecisionCase:
    case = _case(case_id)
    return DecisionCase(case.id, case.rma, case.currency, case.supplier_reference)
