"""What the new-case dialog reads and writes: order choices, the chosen order's lines, the
verdict a case would get, and the case opened (as a view the window can show at once)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import cases, rule_facts
from returnsdesk.services.case_view import CaseView, case_view
from returnsdesk.services.cases import Assessment, OpenCaseInput
from returnsdesk.services.inbox import supplier_choices
from returnsdesk.services.orders import OrderInput, find_orders
from returnsdesk.store.models import Order, OrderLine


@dataclass(frozen=True, slots=True)
class OrderChoice:
    """One search result: enough to recognise the order."""

    id: int
    number: str
    placed_on: date
    total_minor: int
    currency: str
    customer_name: str
    customer_email: str


def order_choices(query: str, limit: int = 50) -> tuple[OrderChoice, ...]:
    """Orders whose number, customer name or e-mail contains ``query``, newest first."""
    return tuple(
        OrderChoice(
            o.id,
            o.number,
            o.placed_at.date(),
            o.total_minor,
            o.currency,
            o.customer.name,  # joined by find_orders: no query per row
            o.customer.email,
        )
        for o in find_orders(query, limit=limit)
    )


@dataclass(frozen=True, slots=True)
class LineChoice:
    id: int
    title: str
    sku: str
    unit_price_minor: int
    quantity: int
    #: The line's own delivery day, else the order's.
    delivered_on: date | None


@dataclass(frozen=True, slots=True)
class OrderLines:
    id: int
    currency: str
    lines: tuple[LineChoice, ...]


def order_lines(order_id: int) -> OrderLines:
    order = Order.get_or_none(Order.id == order_id)
    if order is None:
        raise InputError(t("The order no longer exists."))
    rows = OrderLine.select().where(OrderLine.order == order_id).order_by(OrderLine.id)
    return OrderLines(
        order.id,
        order.currency,
        tuple(
            LineChoice(
                line.id,
                f"{line.title} {line.variant}".strip(),
                line.sku,
                line.unit_price_minor,
                line.quantity,
                line.delivered_on or order.delivered_on,
            )
            for line in rows
        ),
    )


def suppliers() -> tuple[tuple[str, int], ...]:
    """(name, id) of every supplier, by name."""
    return tuple(supplier_choices())


def preview_for_order(
    order_id: int,
    kind: Kind | str,
    reason: Reason | str,
    line_ids: list[int],
    chargeback_due_on: date | None = None,
    delivered: dict[int, date | None] | None = None,
    now: datetime | None = None,
) -> Assessment:
    """The verdict and deadlines a case on a stored order would get (nothing saved)."""
    order = Order.get_or_none(Order.id == order_id)
    if order is None:
        raise InputError(t("The order no longer exists."))
    return cases.preview(order, kind, reason, line_ids, chargeback_due_on, now, delivered)


def open_on_order(
    data: OpenCaseInput, delivered: dict[int, date | None], now: datetime | None = None
) -> CaseView:
    """Record the typed delivery days and open the case (both or neither)."""
    return case_view(rule_facts.open_case_with_line_dates(data, delivered, now).id)


def open_on_typed_order(
    order: OrderInput, data: OpenCaseInput, now: datetime | None = None
) -> CaseView:
    """Create the hand-typed order and its case together (both or neither)."""
    case = cases.open_case_with_new_order(order, replace(data, order_id=0), now)
    return case_view(case.id)
