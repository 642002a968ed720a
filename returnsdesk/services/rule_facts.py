"""The facts the rules engine judges a case on, read from the store, and the use cases that
record them: a delivery date per line, line flags, the customer's country of residence and
the withdrawal-notice, goods-received and proof-of-sending dates of a case.

Days are taken in the shop's calendar (the time zone of the store policy); the policy that
judges a case is the one in force on the day its order was placed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from returnsdesk.domain.countries import parse_country
from returnsdesk.domain.deadlines import zone
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.policy import (
    CaseFacts,
    LineFacts,
    StorePolicy,
    end_of_day,
    local_day,
)
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import FINISHED, Status
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.services.orders import OrderInput
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import (
    Case,
    CaseEvent,
    CaseLine,
    Customer,
    Order,
    OrderLine,
    Product,
    SupplierContact,
)
from returnsdesk.store.rules_sql import refund_completed_on

if TYPE_CHECKING:
    from returnsdesk.services.cases import OpenCaseInput

_ANSWERED_CHARGEBACK = (Status.EVIDENCE_SUBMITTED, Status.WON, Status.LOST)


def shop_time_zone() -> str:
    return settings.store_policy().time_zone


def policy_for_order(order: Order) -> StorePolicy:
    """The store policy in force on the day (shop calendar) the order was placed."""
    return settings.store_policy(local_day(order.placed_at, shop_time_zone()))


def residence_country(customer: Customer, order: Order) -> str:
    """Where the consumer lives: the customer's country, else the order's billing country.
    Never the shipping country (a gift sent abroad keeps the buyer's rights). "" when
    neither names a country."""
    for text in (customer.country, order.billing_country):
        if text and text.strip():
            try:
                return parse_country(text)
            except InputError:
                continue
    return ""


def line_facts(line: OrderLine, order: Order) -> LineFacts:
    return LineFacts(
        id=str(line.id),
        delivered_on=line.delivered_on or order.delivered_on,
        personalised=bool(line.personalised),
        sealed_hygiene_opened=bool(line.sealed_hygiene),
        perishable=bool(line.perishable),
        title=line.title,
    )


def start_of_day(day: date | None, tz: str) -> datetime | None:
    return datetime.combine(day, time.min, zone(tz)) if day else None


def order_facts(
    order: Order,
    kind: str,
    reason: Reason | str,
    line_ids: list[int] | None,
    opened_at: datetime,
    now: datetime,
    chargeback_due_on: date | None = None,
    delivered: dict[int, date | None] | None = None,
) -> CaseFacts:
    """Facts of a case not saved yet (the new-case preview); ``delivered`` overrides the
    delivery dates of some lines (typed in the dialog, not saved yet)."""
    tz = shop_time_zone()
    lines = tuple(
        replace(line_facts(line, order), delivered_on=delivered[line.id])
        if delivered and line.id in delivered
        else line_facts(line, order)
        for line in order.lines
    )
    return CaseFacts(
        kind=kind,
        reason=Reason(reason),
        placed_at=order.placed_at,
        customer_country=residence_country(order.customer, order),
        lines=lines,
        case_line_ids=tuple(str(i) for i in line_ids or ()),
        opened_at=opened_at,
        now=now,
        shipped_on=order.shipped_on,
        chargeback_due_at=end_of_day(chargeback_due_on, tz) if chargeback_due_on else None,
    )


def typed_facts(
    data: OrderInput,
    kind: str,
    reason: Reason | str,
    now: datetime,
    chargeback_due_on: date | None = None,
) -> CaseFacts:
    """Facts of a hand-typed order and case not saved yet (every line in the case)."""
    tz = shop_time_zone()
    country = (
        parse_country(data.customer_country, "Customer country")
        if (data.customer_country or "").strip()
        else ""
    )
    return CaseFacts(
        kind=kind,
        reason=Reason(reason),
        placed_at=data.placed_at,
        customer_country=country,
        lines=tuple(
            LineFacts(
                id=str(i),
                delivered_on=line.delivered_on or data.delivered_on,
                personalised=line.personalised,
                sealed_hygiene_opened=line.sealed_hygiene,
                perishable=line.perishable,
                title=line.title,
            )
            for i, line in enumerate(data.lines, start=1)
        ),
        opened_at=now,
        now=now,
        shipped_on=data.shipped_on,
        chargeback_due_at=end_of_day(chargeback_due_on, tz) if chargeback_due_on else None,
    )


def case_facts(case: Case, now: datetime | None = None) -> CaseFacts:
    now = resolve(now)
    order: Order = case.order
    tz = shop_time_zone()
    chosen = [str(row.order_line_id) for row in CaseLine.select().where(CaseLine.case == case)]
    pending = (
        SupplierContact.select(SupplierContact.at)
        .where(
            (SupplierContact.case == case)
            & SupplierContact.awaiting_reply
            & SupplierContact.answered_at.is_null()
        )
        .order_by(SupplierContact.at.desc())
        .first()
    )
    first_claim = (
        SupplierContact.select(SupplierContact.at)
        .where((SupplierContact.case == case) & (SupplierContact.direction == "sent"))
        .order_by(SupplierContact.at)
        .first()
    )
    answered = None
    if case.kind == "chargeback" and Status(case.status) in _ANSWERED_CHARGEBACK:
        event = (
            CaseEvent.select(CaseEvent.at)
            .where(
                (CaseEvent.case == case)
                & (CaseEvent.to_status << [s.value for s in _ANSWERED_CHARGEBACK])
            )
            .order_by(CaseEvent.at)
            .first()
        )
        answered = event.at if event else case.updated_at
    return CaseFacts(
        kind=case.kind,
        reason=Reason(case.reason),
        placed_at=order.placed_at,
        customer_country=residence_country(order.customer, order),
        lines=tuple(line_facts(line, order) for line in order.lines),
        case_line_ids=tuple(chosen),
        opened_at=case.opened_at,
        now=now,
        shipped_on=order.shipped_on,
        first_response_at=case.first_response_at,
        claim_sent_at=first_claim.at if first_claim else None,
        awaiting_supplier_since=pending.at if pending else None,
        chargeback_due_at=case.chargeback_due_at
        or (end_of_day(case.chargeback_due_on, tz) if case.chargeback_due_on else None),
        chargeback_answered_at=answered,
        withdrawal_notice_at=start_of_day(case.withdrawal_notice_on, tz),
        goods_received_on=case.goods_received_on,
        proof_of_sending_on=case.proof_of_sending_on,
        refunded_on=refund_completed_on(case.id, case.amount_minor),
        is_open=Status(case.status) not in FINISHED,
    )


# --- recording the facts ----------------------------------------------------------------


def _refresh_cases_of_order(order_id: int, now: datetime) -> None:
    from returnsdesk.services.cases import refresh_next_due

    for case in Case.select().where(Case.order == order_id):
        refresh_next_due(case, now)


def _check_day(day: date | None, order: Order, what: str, now: datetime) -> None:
    if day is None:
        return
    tz = shop_time_zone()
    if day < local_day(order.placed_at, tz):
        raise InputError(
            t("{what} ({day}) is before the order was placed.", what=what, day=day.isoformat())
        )
    if day > local_day(now, tz):
        raise InputError(t("{what} ({day}) is in the future.", what=what, day=day.isoformat()))


@dataclass(frozen=True)
class LineRuleFacts:
    """What the user records about one order line."""

    delivered_on: date | None
    personalised: bool
    sealed_hygiene: bool
    perishable: bool


def save_line_facts(line_id: int, data: LineRuleFacts, now: datetime | None = None) -> None:
    """Record a line's delivery date (its own parcel) and flags; cases of the order get
    their deadlines recomputed."""
    now = resolve(now)
    with write():
        line = OrderLine.get_or_none(OrderLine.id == line_id)
        if line is None:
            raise InputError(t("The order line no longer exists."))
        order: Order = line.order
        _check_day(data.delivered_on, order, f"Delivery date of {line.title!r}", now)
        if order.shipped_on and data.delivered_on and data.delivered_on < order.shipped_on:
            raise InputError(
                t("{title!r} cannot be delivered before it was shipped.", title=line.title)
            )
        changes = {
            "delivered_on": data.delivered_on,
            "personalised": data.personalised,
            "sealed_hygiene": data.sealed_hygiene,
            "perishable": data.perishable,
        }
        before = {name: getattr(line, name) for name in changes}
        if before == changes:
            return
        OrderLine.update(**changes).where(OrderLine.id == line_id).execute()
        facts = {
            name: value.isoformat() if isinstance(value, date) else value
            for name, value in changes.items()
            if before[name] != value
        }
        for case in Case.select().join(CaseLine).where(CaseLine.order_line == line_id):
            record_event(
                case,
                EventKind.EDIT,
                "",
                now,
                code="line_facts",
                params={"line": line.title, "facts": facts},
            )
        _refresh_cases_of_order(order.id, now)


def save_product_flags(line_id: int, data: LineRuleFacts, now: datetime | None = None) -> int:
    """Set the flags on the line's product and on every order line of that product (made to
    order, hygiene, perishable are properties of the product); returns the lines changed."""
    now = resolve(now)
    with write():
        line = OrderLine.get_or_none(OrderLine.id == line_id)
        if line is None:
            raise InputError(t("The order line no longer exists."))
        if line.product_id is None:
            raise InputError(
                t("{title!r} has no product (no SKU) to apply the flags to.", title=line.title)
            )
        flags = {
            "personalised": data.personalised,
            "sealed_hygiene": data.sealed_hygiene,
            "perishable": data.perishable,
        }
        Product.update(**flags).where(Product.id == line.product_id).execute()
        lines = list(OrderLine.select().where(OrderLine.product == line.product_id))
        changed = OrderLine.update(**flags).where(OrderLine.product == line.product_id).execute()
        for order_id in {ln.order_id for ln in lines}:
            _refresh_cases_of_order(order_id, now)
    return int(changed)


def save_line_dates(
    order_id: int, delivered: dict[int, date | None], now: datetime | None = None
) -> None:
    """Record the delivery date of each given line of an order (its own parcel) where it
    differs from what the line has now; flags are kept."""
    now = resolve(now)
    with write():
        for line in OrderLine.select().where(OrderLine.order == order_id):
            if line.id not in delivered:
                continue
            day = delivered[line.id]
            if day == (line.delivered_on or line.order.delivered_on):
                continue
            save_line_facts(
                line.id,
                LineRuleFacts(
                    day, bool(line.personalised), bool(line.sealed_hygiene), bool(line.perishable)
                ),
                now,
            )


@dataclass(frozen=True)
class CaseRuleDates:
    """Dates the user records on a case (shop calendar)."""

    withdrawal_notice_on: date | None
    goods_received_on: date | None
    proof_of_sending_on: date | None


_DATE_LABELS = {
    "withdrawal_notice_on": "withdrawal notice",
    "goods_received_on": "goods received",
    "proof_of_sending_on": "proof of sending",
}


def save_case_dates(case_id: int, data: CaseRuleDates, now: datetime | None = None) -> Case:
    now = resolve(now)
    with write():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise InputError(t("The case no longer exists."))
        order: Order = case.order
        changed = []
        for name, label in _DATE_LABELS.items():
            value = getattr(data, name)
            _check_day(value, order, label.capitalize(), now)
            if getattr(case, name) != value:
                changed.append(name)
                setattr(case, name, value)
        if not changed:
            return case
        case.save(only=[getattr(Case, name) for name in changed])
        dates = {n: getattr(case, n).isoformat() if getattr(case, n) else None for n in changed}
        record_event(case, EventKind.EDIT, "", now, code="dates_recorded", params={"dates": dates})
        from returnsdesk.services.cases import refresh_next_due

        refresh_next_due(case, now)
    return case


def save_customer_country(customer_id: int, text: str, now: datetime | None = None) -> str:
    """Record where the customer lives (a code or a name; empty = not known)."""
    now = resolve(now)
    code = parse_country(text, "Customer country") if text and text.strip() else ""
    with write():
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise InputError(t("The customer no longer exists."))
        if customer.country == code:
            return code
        Customer.update(country=code).where(Customer.id == customer_id).execute()
        for order in Order.select(Order.id).where(Order.customer == customer_id):
            _refresh_cases_of_order(order.id, now)
    return code


def save_policy(policy: StorePolicy, effective_from: date, now: datetime | None = None) -> int:
    """Record a store policy version and recompute the next deadline of every open case
    (hours, days and the shop's calendar may have changed). Returns how many were checked."""
    now = resolve(now)
    zone(policy.time_zone)
    settings.save_store_policy(policy, effective_from, now=now)
    from returnsdesk.services.cases import refresh_next_due

    count = 0
    with write():
        open_statuses = [s.value for s in Status if s not in FINISHED]
        for case in Case.select().where(Case.status << open_statuses):
            refresh_next_due(case, now)
            count += 1
    return count


@dataclass(frozen=True)
class LineFactsRow:
    line_id: int
    title: str
    #: The line's own delivery date, and the order's (used when the line has none).
    delivered_on: date | None
    order_delivered_on: date | None
    personalised: bool
    sealed_hygiene: bool
    perishable: bool
    in_case: bool
    #: The product's SKU when the line has a product (its flags can be set for all orders).
    sku: str = ""


@dataclass(frozen=True)
class CaseFactsView:
    """What the case workspace shows and lets the user record for the rules."""

    case_id: int
    customer_id: int
    customer_country: str
    lines: tuple[LineFactsRow, ...]
    dates: CaseRuleDates


def facts_view(case_id: int) -> CaseFactsView:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise InputError(t("The case no longer exists."))
    order: Order = case.order
    chosen = {row.order_line_id for row in CaseLine.select().where(CaseLine.case == case)}
    lines = tuple(
        LineFactsRow(
            line.id,
            line.title,
            line.delivered_on,
            order.delivered_on,
            bool(line.personalised),
            bool(line.sealed_hygiene),
            bool(line.perishable),
            line.id in chosen,
            line.sku if line.product_id else "",
        )
        for line in order.lines.order_by(OrderLine.id)
    )
    return CaseFactsView(
        case.id,
        order.customer_id,
        residence_country(order.customer, order),
        lines,
        CaseRuleDates(case.withdrawal_notice_on, case.goods_received_on, case.proof_of_sending_on),
    )


def open_case_with_line_dates(
    data: OpenCaseInput, delivered: dict[int, date | None], now: datetime | None = None
) -> Case:
    """Record the delivery dates typed in the new-case dialog and open the case: both or
    neither."""
    from returnsdesk.services.cases import open_case

    now = resolve(now)
    with write():
        save_line_dates(data.order_id, delivered, now)
        return open_case(data, now)
