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
from datetime import date, datetime, tzinfo
from typing import Concatenate, ParamSpec, TypeVar

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

_P = ParamSpec("_P")
_R = TypeVar("_R")

#: A row's cells and a logical field -> the field's text in that row ("" when absent).
Cell = Callable[[list[str], str], str]

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


class _Cells:
    """The cells of one order's rows: the first non-blank value of a column, parsed."""

    def __init__(self, group: _Group, layout: Layout, cell: Cell, tz: tzinfo | None) -> None:
        self.group, self.layout, self.cell, self.tz = group, layout, cell, tz
        self.currency = ""

    def first(self, name: str) -> tuple[str, int]:
        for line, cells in self.group.rows:
            value = self.cell(cells, name)
            if value:
                return value, line
        return "", self.group.line

    def value(self, name: str) -> str:
        return self.first(name)[0]

    def parsed(
        self,
        name: str,
        parser: Callable[Concatenate[str, _P], _R],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> _R:
        text, line = self.first(name)
        try:
            return parser(text, *args, **kwargs)
        except RowError as exc:
            raise _Failed(line, str(exc)) from None

    def moment(self, name: str, what: str) -> datetime | None:
        return self.parsed(
            name, parse_datetime, what, date_order=self.layout.date_order, tz=self.tz
        )

    def day(self, name: str, what: str) -> date | None:
        return self.parsed(name, parse_date, what, date_order=self.layout.date_order, tz=self.tz)

    def money(self, name: str, what: str) -> int | None:
        text, line = self.first(name)
        if not text:
            return None
        try:
            return parse_money(text, self.currency, what)
        except RowError as exc:
            raise _Failed(line, str(exc)) from None

    def joined(self, whole: str, *parts: str) -> str:
        """A name given whole, or in parts (first and last name)."""
        return self.value(whole) or " ".join(filter(None, (self.value(p) for p in parts)))


def _currency(cells: _Cells) -> str:
    currency_text, currency_line = cells.first("currency")
    currency_text = currency_text or cells.layout.default_currency
    if not currency_text:
        raise _Failed(currency_line, "No currency.")
    try:
        return check_currency(currency_text)
    except InputError as exc:
        raise _Failed(currency_line, str(exc)) from None


def _lines(cells: _Cells, number: str) -> tuple[ImportedLine, ...]:
    cell, lines = cells.cell, []
    for line_no, row in cells.group.rows:
        combined = cell(row, "item_name")
        title, variant = cell(row, "title"), cell(row, "variant")
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
                    sku=cell(row, "sku"),
                    quantity=parse_quantity(cell(row, "quantity")),
                    unit_price_minor=parse_money(cell(row, "price"), cells.currency, "Item price"),
                    supplier_name=cell(row, "vendor"),
                )
            )
        except RowError as exc:
            raise _Failed(line_no, str(exc)) from None
    if not lines:
        raise _Failed(cells.group.line, f"Order {number} has no items.")
    return tuple(lines)


def _address(cells: _Cells, shipping_country: str) -> str:
    """The shipping address as lines; blank when only a country is given."""
    ship_name = cells.joined("ship_name", "ship_first_name", "ship_last_name")
    value = cells.value
    city_line = " ".join(filter(None, (value("zip"), value("city"))))
    street = (value("address1"), value("address2"), city_line, value("province"))
    if not any(street):  # a country alone is not an address
        return ""
    return "\n".join(filter(None, (ship_name, *street, shipping_country)))


def _build(
    number: str, group: _Group, layout: Layout, cell: Cell, tz: tzinfo | None
) -> ImportedOrder:
    cells = _Cells(group, layout, cell, tz)
    cells.currency = _currency(cells)
    placed_at = cells.moment("placed_at", "Order date")
    if placed_at is None:
        raise _Failed(group.line, "No order date.")
    lines = _lines(cells, number)
    value = cells.value
    name = cells.joined("customer_name", "first_name", "last_name")
    ship_name = cells.joined("ship_name", "ship_first_name", "ship_last_name")
    shipping_country = cells.parsed("shipping_country", _country, "Shipping country")
    billing_country = cells.parsed("billing_country", _country, "Billing country")
    email = cells.parsed("email", _email)
    address = _address(cells, shipping_country)
    delivered = cells.day("delivered_at", "Delivery date")
    return ImportedOrder(
        store=layout.store,
        number=number,
        placed_at=placed_at,
        currency=cells.currency,
        lines=lines,
        customer_name=name or ship_name,
        customer_email=email,
        customer_phone=value("phone"),
        customer_address=address,
        # Where the consumer lives decides their rights: the billing country, not where a
        # parcel (perhaps a gift) was sent.
        customer_country=billing_country or shipping_country,
        paid_at=cells.moment("paid_at", "Payment date"),
        shipped_on=cells.day("shipped_at", "Shipping date"),
        delivered_on=delivered,
        subtotal_minor=cells.money("subtotal", "Subtotal"),
        shipping_minor=cells.money("shipping", "Shipping") or 0,
        tax_minor=cells.money("tax", "Taxes") or 0,
        total_minor=cells.money("total", "Total"),
        payment_method=value("payment_method"),
        payment_reference=value("payment_reference"),
        carrier=value("carrier"),
        tracking_number=value("tracking"),
        billing_country=billing_country,
        shipping_country=shipping_country,
        shipping_address=address,
        line_no=group.line,
    )
