"""What the customer's return instructions state, gathered in one read of the store.

The ship-by date is the case's customer return deadline from the policy; when that is
unknown (no delivery date) or leaves the customer fewer than ``MIN_SHIP_DAYS`` days from
the day the instructions are issued, it is the issue date + ``MIN_SHIP_DAYS`` (the 14 days
EU law gives a consumer to send goods back after withdrawing: Directive 2011/83/EU art.
14(1)), so the sheet never asks for the impossible.

The parcel goes where the case's return destination says (``services.return_address``);
a prepaid label file on the case (``services.return_labels``) is printed after the
instructions when something goes back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import cast

from returnsdesk.domain.countries import country_name
from returnsdesk.domain.i18n import norm_lang
from returnsdesk.domain.reasons import Reason, is_fault_reason
from returnsdesk.services import settings
from returnsdesk.services.case_view import load_case
from returnsdesk.services.cases import Assessment, assess
from returnsdesk.services.clock import resolve
from returnsdesk.services.return_address import destination
from returnsdesk.services.return_labels import current_label
from returnsdesk.store.models import CaseLine, Customer, Order, OrderLine

MIN_SHIP_DAYS = 14


@dataclass(frozen=True, slots=True)
class ItemLine:
    sku: str
    title: str
    variant: str
    quantity: int


@dataclass(frozen=True, slots=True)
class LabelFacts:
    path: Path
    is_pdf: bool
    carrier: str
    tracking: str
    expires_on: date | None


@dataclass(frozen=True, slots=True)
class InstructionsFacts:
    lang: str
    issued_on: date
    shop: settings.ShopDetails
    rma: str
    order_number: str
    placed_on: date
    delivered_on: date | None
    customer_name: str
    customer_email: str
    customer_address: str
    items: tuple[ItemLine, ...]
    return_address: str
    #: Who the parcel is addressed to (supplier, shop or saved address name).
    recipient: str
    #: False when the customer keeps the item (nothing to send back).
    needs_parcel: bool
    ship_by: date
    faulty: bool
    label_ref: str
    carrier: str
    return_tracking: str
    resolution: str
    label: LabelFacts | None = None


def ship_by(assessment: Assessment, issued_on: date) -> date:
    """The last day to hand the parcel over (see the module docstring for the rule)."""
    floor = issued_on + timedelta(days=MIN_SHIP_DAYS)
    window = next((d.due for d in assessment.deadlines if d.code == "customer_return"), None)
    if window is None or window < floor:
        return floor
    return window


def _items(case_id: int) -> tuple[ItemLine, ...]:
    query = (
        OrderLine.select(
            OrderLine.sku, OrderLine.title, OrderLine.variant, CaseLine.quantity.alias("returned")
        )
        .join(CaseLine)
        .where(CaseLine.case == case_id)
        .order_by(OrderLine.id)
        .tuples()
    )
    # peewee-stubs type .tuples() as model rows; these are plain tuples.
    rows = cast(Iterable[tuple[str, str, str, int]], query)
    return tuple(ItemLine(sku, title, variant, returned) for sku, title, variant, returned in rows)


def _label(case_id: int, evidence_dir: Path | None) -> LabelFacts | None:
    if evidence_dir is None:
        from returnsdesk import session

        evidence_dir = session.current().evidence_dir
    found = current_label(case_id, evidence_dir)
    if found is None:
        return None
    return LabelFacts(found.path, found.is_pdf, found.carrier, found.tracking, found.expires_on)


def _customer_address(order: Order, customer: Customer, reader: str) -> str:
    """The order's shipping address (else the customer's), ending with the country's name
    in the reader's language when the address does not already name it."""
    address: str = order.shipping_address or customer.address
    if customer.country and customer.country not in address:
        country = country_name(customer.country, reader)  # a name, not the ISO code
        if country not in address:
            address = f"{address}\n{country}".strip()
    return address


def instructions_facts(
    case_id: int,
    lang: str | None = None,
    now: datetime | None = None,
    evidence_dir: Path | None = None,
) -> InstructionsFacts:
    """Everything the instructions print for ``case_id``, in ``lang`` (default: the
    customer's language, else the shop's)."""
    now = resolve(now)
    case = load_case(case_id)
    order: Order = case.order
    customer: Customer = order.customer
    shop = settings.shop_details()
    where = destination(case)
    label = _label(case.id, evidence_dir) if where.needs_parcel else None
    reader = norm_lang(lang or customer.language or shop.language)
    return InstructionsFacts(
        lang=reader,
        issued_on=now.date(),
        shop=shop,
        rma=case.rma,
        order_number=order.number,
        placed_on=order.placed_at.date(),
        delivered_on=order.delivered_on,
        customer_name=customer.name,
        customer_email=customer.email,
        customer_address=_customer_address(order, customer, reader),
        items=_items(case.id),
        return_address=where.address.strip(),
        recipient=where.recipient.strip(),
        needs_parcel=where.needs_parcel,
        ship_by=ship_by(assess(case, now), now.date()),
        faulty=is_fault_reason(Reason(case.reason)),
        label_ref=case.return_label_ref,
        carrier=(label.carrier if label else "") or case.return_carrier or order.carrier,
        return_tracking=(label.tracking if label else "") or case.return_tracking,
        resolution=case.agreed_resolution or case.requested_resolution or "refund",
        label=label,
    )
