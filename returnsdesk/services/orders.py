"""Orders and customers typed in by hand (importers reuse the same checks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import fn

from returnsdesk.domain.contact import check_country, check_email
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.money import MAX_MINOR, check_currency
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.services.clock import resolve
from returnsdesk.store import orders_sql
from returnsdesk.store.db import write
from returnsdesk.store.models import Customer, Order, OrderLine, Product, Supplier
from returnsdesk.store.search import index_cases_of_order


@dataclass(frozen=True)
class LineInput:
    title: str
    quantity: int
    unit_price_minor: int
    sku: str = ""
    variant: str = ""
    personalised: bool = False
    supplier_id: int | None = None
    #: This line's own delivery date (its parcel), when it differs from the order's.
    delivered_on: date | None = None
    sealed_hygiene: bool = False
    perishable: bool = False


@dataclass(frozen=True)
class OrderInput:
    number: str
    customer_name: str
    currency: str
    placed_at: datetime
    lines: list[LineInput] = field(default_factory=list)
    customer_email: str = ""
    customer_country: str = ""
    customer_language: str = ""  # unknown: documents use the shop's language
    customer_phone: str = ""
    customer_address: str = ""
    store: str = ""
    delivered_on: date | None = None
    shipped_on: date | None = None
    shipping_minor: int = 0
    tax_minor: int = 0
    payment_method: str = ""
    payment_reference: str = ""
    carrier: str = ""
    tracking_number: str = ""


def _check_amount(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(t("{what} must be a whole number of minor units.", what=what))
    if value < 0:
        raise InputError(t("{what} cannot be negative.", what=what))
    if value > MAX_MINOR:
        raise InputError(t("{what} is too large.", what=what))
    return value


def validate_order(data: OrderInput) -> None:
    """Raise InputError describing the first problem with ``data``."""
    clean_text(data.number, "Order number", required=True)
    clean_text(data.customer_name, "Customer name", required=True)
    check_email(data.customer_email, "Customer e-mail")
    check_country(data.customer_country)
    check_currency(data.currency)
    if data.placed_at.tzinfo is None:
        raise InputError(t("The order date needs a time zone."))
    placed = data.placed_at.date()
    if data.delivered_on and data.delivered_on < placed:
        raise InputError(
            t(
                "Delivery date {delivered_on} is before the order date {placed}.",
                delivered_on=data.delivered_on.isoformat(),
                placed=placed.isoformat(),
            )
        )
    if data.shipped_on and data.shipped_on < placed:
        raise InputError(t("The shipping date is before the order date."))
    if data.shipped_on and data.delivered_on and data.delivered_on < data.shipped_on:
        raise InputError(t("The delivery date is before the shipping date."))
    if not data.lines:
        raise InputError(t("An order needs at least one line."))
    for line in data.lines:
        clean_text(line.title, "Item title", required=True)
        if isinstance(line.quantity, bool) or not isinstance(line.quantity, int):
            raise InputError(t("Quantities are whole numbers."))
        if line.quantity < 1:
            raise InputError(t("Quantity of {title!r} must be at least 1.", title=line.title))
        _check_amount(line.unit_price_minor, "Unit price")
    _check_amount(data.shipping_minor, "Shipping")
    _check_amount(data.tax_minor, "Tax")


def find_or_create_customer(
    name: str,
    email: str,
    country: str = "",
    language: str = "",
    now: datetime | None = None,
    **extra: str,
) -> Customer:
    name = clean_text(name, "Customer name", required=True)
    email = check_email(email, "Customer e-mail")
    country = check_country(country)
    if email:
        existing = Customer.get_or_none(fn.lower(Customer.email) == email.lower())
        if existing is not None:
            return existing
    customer_id = orders_sql.insert_customer(
        {
            "name": name,
            "email": email,
            "country": country,
            "language": (language or "").strip().lower(),
            "phone": clean_text(extra.get("phone", ""), "Phone"),
            "address": clean_text(extra.get("address", ""), "Address", max_len=LONG),
            "created_at": resolve(now),
        }
    )
    return Customer.get_by_id(customer_id)


def create_order(data: OrderInput, now: datetime | None = None) -> Order:
    """Create an order with its customer and lines in one transaction."""
    validate_order(data)
    number = data.number.strip()
    with write():
        if Order.select().where((Order.store == data.store) & (Order.number == number)).exists():
            raise InputError(t("Order {number} already exists.", number=number))
        customer = find_or_create_customer(
            data.customer_name,
            data.customer_email,
            data.customer_country,
            data.customer_language,
            now,
            phone=data.customer_phone,
            address=data.customer_address,
        )
        subtotal = sum(line.quantity * line.unit_price_minor for line in data.lines)
        order_id = orders_sql.insert_order(
            {
                "store": data.store,
                "number": number,
                "customer_id": customer.id,
                "placed_at": data.placed_at,
                "paid_at": data.placed_at,
                "shipped_on": data.shipped_on,
                "delivered_on": data.delivered_on,
                "currency": check_currency(data.currency),
                "subtotal_minor": subtotal,
                "shipping_minor": data.shipping_minor,
                "tax_minor": data.tax_minor,
                "total_minor": subtotal + data.shipping_minor + data.tax_minor,
                "payment_method": clean_text(data.payment_method, "Payment method"),
                "payment_reference": clean_text(data.payment_reference, "Payment reference"),
                "carrier": clean_text(data.carrier, "Carrier"),
                "tracking_number": clean_text(data.tracking_number, "Tracking number"),
                "billing_country": customer.country,
                "shipping_country": customer.country,
                "shipping_address": customer.address,
            }
        )
        orders_sql.insert_lines(_line_row(order_id, line) for line in data.lines)
        index_cases_of_order(order_id)
    return Order.get_by_id(order_id)


def _line_row(order_id: int, line: LineInput) -> dict[str, object]:
    """The stored line of ``line``, creating its product (by SKU) the first time."""
    sku = clean_text(line.sku, "SKU")
    product = Product.get_or_none(Product.sku == sku) if sku else None
    if sku and product is None:
        product_id = orders_sql.insert_product(
            {
                "sku": sku,
                "title": line.title.strip(),
                "supplier_id": line.supplier_id,
                "personalised": line.personalised,
                "sealed_hygiene": line.sealed_hygiene,
                "perishable": line.perishable,
            }
        )
        product = Product.get_by_id(product_id)
    return {
        "order_id": order_id,
        "product_id": product.id if product else None,
        "supplier_id": line.supplier_id,
        "sku": sku,
        "title": line.title.strip(),
        "variant": clean_text(line.variant, "Variant"),
        "quantity": line.quantity,
        "unit_price_minor": line.unit_price_minor,
        # Flags of the product (set once for every order) hold for its lines too.
        "personalised": line.personalised or bool(product and product.personalised),
        "delivered_on": line.delivered_on,
        "sealed_hygiene": line.sealed_hygiene or bool(product and product.sealed_hygiene),
        "perishable": line.perishable or bool(product and product.perishable),
    }


def find_orders(query: str, limit: int = 50) -> list[Order]:
    """Orders whose number, customer name or e-mail contains ``query`` (newest first)."""
    text = (query or "").strip()
    base = Order.select(Order, Customer).join(Customer)
    if text:
        bare = text.lstrip("#")
        base = base.where(
            (Order.number == text)
            | (Order.number == f"#{bare}")
            | Order.number.contains(bare)
            | Customer.name.contains(text)
            | Customer.email.contains(text)
        )
    return list(base.order_by(Order.placed_at.desc()).limit(limit))


def supplier_of_order(order: Order) -> Supplier | None:
    line = (
        OrderLine.select()
        .where((OrderLine.order == order) & OrderLine.supplier.is_null(False))
        .first()
    )
    return line.supplier if line else None
