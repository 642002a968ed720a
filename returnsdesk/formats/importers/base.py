"""From a read ``Table`` to ``ImportedOrder`` values: grouping rows into orders, reporting bad rows.

Every importer is a ``Layout``: which header names hold which field. Rows are
grouped by order number; an order's own values come from the first of its rows
that has them (Shopify fills them on the first row only, WooCommerce on every
row). Exact duplicate rows of an order are dropped. When any row of an order is
unusable the whole order becomes one ``Problem`` (line number and reason): an
order is never imported with some of its items missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo

from returnsdesk.domain.contact import check_country, check_email
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.money import check_currency
from returnsdesk.formats.importers.table import Table
from returnsdesk.formats.importers.values import (
    RowError,
    parse_date,
    parse_datetime,
    parse_money,
    parse_quantity,
    split_item_name,
)
from returnsdesk.services.imports import ImportedLine, ImportedOrder, Problem, validate_imported

#: Logical fields an importer can read. ``item_name`` is a combined "Title - Variant".
FIELDS = (
    "number",
    "email",
    "customer_name",
    "first_name",
    "last_name",
    "ship_name",
    "ship_first_name",
    "ship_last_name",
    "phone",
    "billing_country",
    "shipping_country",
    "address1",
    "address2",
    "city",
    "zip",
    "province",
    "currency",
    "subtotal",
    "shipping",
    "tax",
    "total",
    "placed_at",
    "paid_at",
    "shipped_at",
    "delivered_at",
    "payment_method",
    "payment_reference",
    "carrier",
    "tracking",
    "quantity",
    "item_name",
    "title",
    "variant",
    "sku",
    "price",
    "vendor",
)


@dataclass(frozen=True)
class Layout:
    store: str
    columns: dict[str, tuple[str, ...]]  # field -> candidate header names, first found wins
    head_field: str = ""  # Shopify: a row with this field filled starts the order's block
    default_currency: str = ""
    date_order: str = "ymd"


@dataclass
class ParseResult:
    format: str
    orders: list[ImportedOrder]
    problems: list[Problem]
    rows: int = 0
    duplicate_rows: int = 0
    encoding: str = "utf-8"
    delimiter: str = ","

    @property
    def bad_orders(self) -> int:
        return len({p.order_number or f"line {p.line}" for p in self.problems})


@dataclass
class _Group:
    line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    seen: set[tuple[str, ...]] = field(default_factory=set)


class _Failed(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def parse_table(
    table: Table,
    layout: Layout,
    fmt: str,
    *,
    tz: tzinfo | None = None,
    check: Callable[[], None] | None = None,
) -> ParseResult:
    positions = {name: table.column(*names) for name, names in layout.columns.items()}
    positions = {name: pos for name, pos in positions.items() if pos is not None}
    result = ParseResult(fmt, [], [], len(table.rows), 0, table.encoding, table.delimiter)
    if "number" not in positions:
        raise InputError(t("The file has no order number column."))

    def cell(cells: list[str], name: str) -> str:
        pos = positions.get(name)
        return cells[pos].strip() if pos is not None and pos < len(cells) else ""

    groups: dict[str, _Group] = {}
    for count, (line, cells) in enumerate(table.rows):
        if check is not None and count % 1000 == 0:
            check()
        number = cell(cells, "number")
        if not number:
            result.problems.append(Problem(line, "No order number."))
            continue
        key = tuple(c.strip() for c in cells)
        group = groups.get(number)
        if group is not None and key in group.seen:
            result.duplicate_rows += 1
            continue
        restart = group is not None and layout.head_field and cell(cells, layout.head_field)
        if group is None or restart:
            group = groups[number] = _Group(line)
        group.rows.append((line, cells))
        group.seen.add(key)

    for number, group in groups.items():
        try:
            order = _build(number, group, layout, cell, tz)
            try:
                validate_imported(order)
            except InputError as exc:
                raise _Failed(group.line, str(exc)) from None
        except _Failed as failure:
            result.problems.append(Problem(failure.line, failure.reason, number))
            continue
        result.orders.append(order)
    result.problems.sort(key=lambda p: p.line)
    return result


def _country(text: str, field: str) -> str:
    try:
        return check_country(text, field)
    except InputError as exc:
        raise RowError(str(exc)) from None


def _email(text: str) -> str:
    try:
        return check_email(text, "Customer e-mail")
    except InputError as exc:
        raise RowError(str(exc)) from None


def _build(number: str, group: _Group, layout: Layout, cell, tz) -> ImportedOrder:
    def first(name: str) -> tuple[str, int]:
        for line, cells in group.rows:
            value = cell(cells, name)
            if value:
                return value, line
        return "", group.line

    def value(name: str) -> str:
        return first(name)[0]

    def parsed(name: str, parser, *args, **kwargs):
        text, line = first(name)
        try:
            return parser(text, *args, **kwargs)
        except RowError as exc:
            raise _Failed(line, str(exc)) from None

    currency_text, currency_line = first("currency")
    currency_text = currency_text or layout.default_currency
    if not currency_text:
        raise _Failed(currency_line, "No currency.")
    try:
        currency = check_currency(currency_text)
    except InputError as exc:
        raise _Failed(currency_line, str(exc)) from None

    dates = {"date_order": layout.date_order, "tz": tz}
    placed_at = parsed("placed_at", parse_datetime, "Order date", **dates)
    if placed_at is None:
        raise _Failed(group.line, "No order date.")

    lines = []
    for line_no, cells in group.rows:
        combined = cell(cells, "item_name")
        title, variant = cell(cells, "title"), cell(cells, "variant")
        if combined and not title:
            title, split_variant = split_item_name(combined)
            variant = variant or split_variant
        if not title:
            continue
        try:
            lines.append(
                ImportedLine(
                    title=title,
                    variant=variant,
                    sku=cell(cells, "sku"),
                    quantity=parse_quantity(cell(cells, "quantity")),
                    unit_price_minor=parse_money(cell(cells, "price"), currency, "Item price"),
                    supplier_name=cell(cells, "vendor"),
                )
            )
        except RowError as exc:
            raise _Failed(line_no, str(exc)) from None
    if not lines:
        raise _Failed(group.line, f"Order {number} has no items.")

    def money(name: str, what: str) -> int | None:
        text, line = first(name)
        if not text:
            return None
        try:
            return parse_money(text, currency, what)
        except RowError as exc:
            raise _Failed(line, str(exc)) from None

    name = value("customer_name") or " ".join(
        filter(None, (value("first_name"), value("last_name")))
    )
    ship_name = value("ship_name") or " ".join(
        filter(None, (value("ship_first_name"), value("ship_last_name")))
    )
    shipping_country = parsed("shipping_country", _country, "Shipping country")
    billing_country = parsed("billing_country", _country, "Billing country")
    email = parsed("email", _email)
    city_line = " ".join(filter(None, (value("zip"), value("city"))))
    street = (value("address1"), value("address2"), city_line, value("province"))
    address = ""
    if any(street):  # a country alone is not an address
        address = "\n".join(filter(None, (ship_name, *street, shipping_country)))
    delivered = parsed("delivered_at", parse_date, "Delivery date", **dates)
    return ImportedOrder(
        store=layout.store,
        number=number,
        placed_at=placed_at,
        currency=currency,
        lines=tuple(lines),
        customer_name=name or ship_name,
        customer_email=email,
        customer_phone=value("phone"),
        customer_address=address,
        # Where the consumer lives decides their rights: the billing country, not where a
        # parcel (perhaps a gift) was sent.
        customer_country=billing_country or shipping_country,
        paid_at=parsed("paid_at", parse_datetime, "Payment date", **dates),
        shipped_on=parsed("shipped_at", parse_date, "Shipping date", **dates),
        delivered_on=delivered,
        subtotal_minor=money("subtotal", "Subtotal"),
        shipping_minor=money("shipping", "Shipping") or 0,
        tax_minor=money("tax", "Taxes") or 0,
        total_minor=money("total", "Total"),
        payment_method=value("payment_method"),
        payment_reference=value("payment_reference"),
        carrier=value("carrier"),
        tracking_number=value("tracking"),
        billing_country=billing_country,
        shipping_country=shipping_country,
        shipping_address=address,
        line_no=group.line,
    )
