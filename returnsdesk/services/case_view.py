"""The case as the window shows it: small immutable views read with joins, never walked.

``case_view(case_id)`` is one query (the case joined to its order, customer and supplier).
``case_screen(case_id, ...)`` is everything the case workspace shows at once — the case,
its verdict and deadlines, the order's timeline, the facts the rules use, the return side
and the order's other cases — read in one call the window runs off the GUI thread
(``ui.operations.read_op``), so opening a case costs the GUI thread only the filling of
its widgets. The risk signals are read apart (``services.risk``): the supplier's figures
cover a year of the whole store and must not hold the case back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import JOIN

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import current_language, t
from returnsdesk.domain.policy import Deadline
from returnsdesk.domain.workflow import Status
from returnsdesk.services import chargebacks
from returnsdesk.services.cases import Assessment, CaseDetails, assess
from returnsdesk.services.chargebacks import GivenBack, RelatedCase
from returnsdesk.services.clock import resolve
from returnsdesk.services.platform_checklist import CaseChecklist, case_checklist, extra_deadlines
from returnsdesk.services.return_address import (
    ReturnDestination,
    SavedAddressView,
    destination,
    list_addresses,
)
from returnsdesk.services.return_labels import LabelView, current_label
from returnsdesk.services.rule_facts import CaseFactsView, facts_view, shop_time_zone
from returnsdesk.services.satisfaction import answer_of
from returnsdesk.services.timeline import OrderEvent, order_timeline
from returnsdesk.store.models import Case, Customer, Order, Supplier


@dataclass(frozen=True, slots=True)
class CustomerView:
    id: int
    name: str
    email: str
    country: str


@dataclass(frozen=True, slots=True)
class OrderView:
    id: int
    number: str
    placed_at: datetime
    delivered_on: date | None
    currency: str
    total_minor: int


@dataclass(frozen=True, slots=True)
class SupplierView:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class CaseView:
    """One case with its order, customer and supplier, as read at one moment."""

    id: int
    rma: str
    version: int
    order_id: int
    kind: str
    status: str
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
    currency: str
    amount_minor: int
    opened_at: datetime
    chargeback_reason: str
    chargeback_processor: str
    chargeback_reference: str
    chargeback_due_at: datetime | None
    chargeback_due_on: date | None
    order: OrderView
    customer: CustomerView
    supplier: SupplierView | None

    def details(self) -> CaseDetails:
        """The fields the workspace lets the user edit, as stored."""
        return CaseDetails(
            reason=self.reason,
            reason_note=self.reason_note,
            fault=self.fault,
            requested_resolution=self.requested_resolution,
            agreed_resolution=self.agreed_resolution,
            supplier_reference=self.supplier_reference,
            return_carrier=self.return_carrier,
            return_tracking=self.return_tracking,
            return_label_ref=self.return_label_ref,
            notes=self.notes,
            chargeback_due_on=self.chargeback_due_on,
            chargeback_reference=self.chargeback_reference,
        )


def load_case(case_id: int) -> Case:
    """The case row with its order, customer and supplier joined in (one query), so the
    rules can read ``case.order.customer`` without a query per step."""
    case = (
        Case.select(Case, Order, Customer, Supplier)
        .join(Order)
        .join(Customer)
        .switch(Case)
        .join(Supplier, JOIN.LEFT_OUTER)
        .where(Case.id == case_id)
        .get_or_none()
    )
    if case is None:
        raise InputError(t("The case no longer exists."))
    return case


def _view_of(case: Case) -> CaseView:
    order: Order = case.order
    customer: Customer = order.customer
    supplier: Supplier | None = case.supplier if case.supplier_id else None
    return CaseView(
        id=case.id,
        rma=case.rma,
        version=case.version,
        order_id=order.id,
        kind=case.kind,
        status=case.status,
        reason=case.reason,
        reason_note=case.reason_note,
        fault=case.fault,
        requested_resolution=case.requested_resolution,
        agreed_resolution=case.agreed_resolution,
        supplier_reference=case.supplier_reference,
        return_carrier=case.return_carrier,
        return_tracking=case.return_tracking,
        return_label_ref=case.return_label_ref,
        notes=case.notes,
        currency=case.currency,
        amount_minor=case.amount_minor,
        opened_at=case.opened_at,
        chargeback_reason=case.chargeback_reason,
        chargeback_processor=case.chargeback_processor,
        chargeback_reference=case.chargeback_reference,
        chargeback_due_at=case.chargeback_due_at,
        chargeback_due_on=case.chargeback_due_on,
        order=OrderView(
            order.id,
            order.number,
            order.placed_at,
            order.delivered_on,
            order.currency,
            order.total_minor,
        ),
        customer=CustomerView(customer.id, customer.name, customer.email, customer.country),
        supplier=SupplierView(supplier.id, supplier.name) if supplier else None,
    )


def case_view(case_id: int) -> CaseView:
    """The case, its order, customer and supplier (one query); refused when it is gone."""
    return _view_of(load_case(case_id))


@dataclass(frozen=True, slots=True)
class ReturnSide:
    """Where the parcel goes, the label, and the supplier platform's evidence checklist."""

    destination: ReturnDestination
    addresses: tuple[SavedAddressView, ...]
    label: LabelView | None
    checklist: CaseChecklist


def return_side(case_id: int, evidence_dir: Path, lang: str | None = None) -> ReturnSide:
    """The checklist's items in ``lang`` (the window's language by default)."""
    return ReturnSide(
        destination(case_id),
        tuple(list_addresses()),
        current_label(case_id, evidence_dir),
        case_checklist(case_id, lang or current_language()),
    )


@dataclass(frozen=True, slots=True)
class OrderCases:
    """The order's other cases, and what was already given back on them (shown on a
    chargeback: the shop may be paying twice)."""

    related: tuple[RelatedCase, ...]
    given_back: tuple[GivenBack, ...]
    #: The shop's time zone, in which a chargeback's due moment is shown.
    shop_zone: str


def order_cases(case_id: int) -> OrderCases:
    return OrderCases(
        tuple(chargebacks.related_cases(case_id)),
        tuple(chargebacks.paying_twice(case_id)),
        shop_time_zone(),
    )


@dataclass(frozen=True, slots=True)
class CaseScreen:
    """Everything the case workspace shows, read together."""

    case: CaseView
    assessment: Assessment
    #: The rules' deadlines and the label's and platform's, soonest first.
    deadlines: tuple[Deadline, ...]
    #: Every case of the order, merged, newest first.
    timeline: tuple[OrderEvent, ...]
    #: Resolved and no satisfaction answer recorded yet.
    survey_pending: bool
    facts: CaseFactsView
    returns: ReturnSide
    order_cases: OrderCases


def case_screen(
    case_id: int, evidence_dir: Path, now: datetime | None = None, lang: str | None = None
) -> CaseScreen:
    """The workspace's one read (run it off the GUI thread), its texts in ``lang``."""
    now = resolve(now)
    case = load_case(case_id)
    assessment = assess(case, now)
    deadlines = sorted(
        [*assessment.deadlines, *extra_deadlines(case, now)],
        key=lambda d: (d.due or date.max, d.code),
    )
    return CaseScreen(
        case=_view_of(case),
        assessment=assessment,
        deadlines=tuple(deadlines),
        timeline=tuple(order_timeline(case_id, lang)),
        survey_pending=case.status == Status.RESOLVED and answer_of(case_id) is None,
        facts=facts_view(case_id),
        returns=return_side(case_id, evidence_dir, lang),
        order_cases=order_cases(case_id),
    )
