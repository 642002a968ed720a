"""Writing imported orders into the store: all or nothing, idempotent on re-import.

Importers in ``formats/importers`` turn a store's export file into
``ImportedOrder`` values (plus ``Problem`` rows they could not use); this
module writes them in ONE immediate transaction, or rehearses the write and
rolls it back (``dry_run``) so a preview shows exactly what would happen.

Rules:

- Orders are keyed by (store, number): importing the same or an overlapping
  file again updates what changed and creates nothing twice.
- Customers are matched by e-mail (case-insensitive). A row without e-mail
  keeps the customer its order already has; a new order without e-mail gets a
  customer of its own (two guests who share a name are never merged).
- A blank value in the file never erases what the store knows (a delivery
  date typed in by hand, a tracking number, a phone number survive).
- Lines: when no case refers to any line of an order, a changed order's lines
  are replaced by the file's. When a case does, lines are matched to the file
  by SKU (by title + variant when there is no SKU) and updated in place, so the
  case keeps pointing at the same line; file lines that match nothing are
  added; old lines missing from the file are removed unless a case refers to
  them (those are kept as they are).
- Vendors become suppliers (matched by name, case-insensitive; created when new).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from returnsdesk.domain.contact import check_country, check_email
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.money import MAX_MINOR, check_currency
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.services.clock import resolve
from returnsdesk.services.import_writer import ImportWriter
from returnsdesk.store import import_sql
from returnsdesk.store.db import write

STORES = ("shopify", "woocommerce", "csv")


@dataclass(frozen=True)
class ImportedLine:
    title: str
    quantity: int
    unit_price_minor: int
    sku: str = ""
    variant: str = ""
    supplier_name: str = ""


@dataclass(frozen=True)
class ImportedOrder:
    store: str
    number: str
    placed_at: datetime
    currency: str
    lines: tuple[ImportedLine, ...]
    customer_name: str = ""
    customer_email: str = ""
    customer_phone: str = ""
    customer_address: str = ""
    customer_country: str = ""
    paid_at: datetime | None = None
    shipped_on: date | None = None
    delivered_on: date | None = None
    subtotal_minor: int | None = None  # None: sum of the lines
    shipping_minor: int = 0
    tax_minor: int = 0
    total_minor: int | None = None  # None: subtotal + shipping + tax
    payment_method: str = ""
    payment_reference: str = ""
    carrier: str = ""
    tracking_number: str = ""
    billing_country: str = ""
    shipping_country: str = ""
    shipping_address: str = ""
    line_no: int = 0  # first line of the order in its file, for messages


@dataclass(frozen=True)
class Problem:
    """A row of the file that cannot be imported, and why (message for the user)."""

    line: int
    reason: str
    order_number: str = ""


@dataclass
class ImportSummary:
    orders_created: int = 0
    orders_updated: int = 0
    orders_unchanged: int = 0
    customers_created: int = 0
    customers_updated: int = 0
    suppliers_created: int = 0
    products_created: int = 0
    lines_created: int = 0
    lines_updated: int = 0
    lines_removed: int = 0
    cases_reindexed: int = 0
    dry_run: bool = False
    created_numbers: list[str] = field(default_factory=list)
    updated_numbers: list[str] = field(default_factory=list)

    @property
    def orders_written(self) -> int:
        return self.orders_created + self.orders_updated


class _Rollback(Exception):
    pass


def _amount(value: int, what: str, number: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(
            t(
                "Order {number}: {what} must be a whole number of minor units.",
                number=number,
                what=what,
            )
        )
    if value < 0:
        raise InputError(t("Order {number}: {what} cannot be negative.", number=number, what=what))
    if value > MAX_MINOR:
        raise InputError(t("Order {number}: {what} is too large.", number=number, what=what))


def _check_dates(order: ImportedOrder, number: str) -> None:
    """The order is dated with a time zone, and shipped and delivered in order."""
    if order.placed_at.tzinfo is None:
        raise InputError(t("Order {number}: the order date needs a time zone.", number=number))
    placed = order.placed_at.date()
    if order.shipped_on and order.shipped_on < placed:
        raise InputError(t("Order {number}: shipped before it was placed.", number=number))
    if order.delivered_on and order.delivered_on < placed:
        raise InputError(t("Order {number}: delivered before it was placed.", number=number))
    if order.shipped_on and order.delivered_on and order.delivered_on < order.shipped_on:
        raise InputError(t("Order {number}: delivered before it was shipped.", number=number))


def _check_lines(order: ImportedOrder, number: str) -> None:
    """Each item has a title, clean text, a whole quantity of at least 1 and a price."""
    for line in order.lines:
        clean_text(line.title, "Item title", required=True)
        clean_text(line.sku, "SKU")
        clean_text(line.variant, "Variant")
        clean_text(line.supplier_name, "Vendor")
        if isinstance(line.quantity, bool) or not isinstance(line.quantity, int):
            raise InputError(t("Order {number}: quantities are whole numbers.", number=number))
        if line.quantity < 1:
            raise InputError(
                t(
                    "Order {number}: quantity of {title!r} must be at least 1.",
                    number=number,
                    title=line.title,
                )
            )
        _amount(line.unit_price_minor, "unit price", number)


def validate_imported(order: ImportedOrder) -> None:
    """Raise InputError (message for the user) if ``order`` cannot be stored."""
    number = clean_text(order.number, "Order number", required=True)
    if order.store not in STORES:
        raise InputError(t("Unknown store {store!r}.", store=order.store))
    check_currency(order.currency)
    _check_dates(order, number)
    if not order.lines:
        raise InputError(t("Order {number} has no items.", number=number))
    for name in ("customer_name", "customer_phone"):
        clean_text(getattr(order, name), name.replace("_", " ").capitalize())
    check_email(order.customer_email, f"Order {number}: customer e-mail")
    for name in ("customer_country", "billing_country", "shipping_country"):
        check_country(getattr(order, name), f"Order {number}: {name.replace('_', ' ')}")
    for name in ("payment_method", "payment_reference", "carrier", "tracking_number"):
        clean_text(getattr(order, name), name.replace("_", " ").capitalize())
    clean_text(order.customer_address, "Address", max_len=LONG)
    clean_text(order.shipping_address, "Shipping address", max_len=LONG)
    _check_lines(order, number)
    for name in ("shipping_minor", "tax_minor"):
        _amount(getattr(order, name), name.split("_")[0], number)
    for name in ("subtotal_minor", "total_minor"):
        if getattr(order, name) is not None:
            _amount(getattr(order, name), name.split("_")[0], number)


def import_orders(
    orders: Sequence[ImportedOrder],
    *,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    check: Callable[[], None] | None = None,
) -> ImportSummary:
    """Write ``orders`` in one IMMEDIATE transaction (rolled back when ``dry_run``).

    ``check`` is called between orders and may raise to abandon the import;
    any exception rolls everything back. Within one call, a number given twice
    is an error (the importers merge a file's rows per order before this).
    """
    seen: set[tuple[str, str]] = set()
    for order in orders:
        validate_imported(order)
        key = (order.store, order.number.strip())
        if key in seen:
            raise InputError(t("Order {key} appears twice in the import.", key=key[1]))
        seen.add(key)
    summary = ImportSummary(dry_run=dry_run)
    try:
        with write():
            _write_all(ImportWriter(resolve(now), summary), orders, progress, check)
            if dry_run:
                raise _Rollback()
    except _Rollback:
        pass
    return summary


def _write_all(
    writer: ImportWriter,
    orders: Sequence[ImportedOrder],
    progress: Callable[[int, int], None] | None,
    check: Callable[[], None] | None,
) -> None:
    """Create or update each order, then the customers and the search index."""
    by_store: dict[str, list[str]] = {}
    for order in orders:
        by_store.setdefault(order.store, []).append(order.number.strip())
    existing: dict[tuple[str, str], dict[str, Any]] = {}
    for store, numbers in by_store.items():
        for number, row in import_sql.existing_orders(store, numbers).items():
            existing[(store, number)] = row
    old_lines = import_sql.existing_lines([row["id"] for row in existing.values()])
    total = len(orders)
    for done, order in enumerate(orders, start=1):
        stored = existing.get((order.store, order.number.strip()))
        if stored is None:
            writer.create(order)
        else:
            writer.update(order, stored, old_lines.get(stored["id"], []))
        if done % 200 == 0 or done == total:
            if check is not None:
                check()
            if progress is not None:
                progress(done, total)
    writer.flush_customers()
    writer.reindex()
