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

import os
import signal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from returnsdesk.domain.contact import check_country, check_email
from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.money import MAX_MINOR, check_currency
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.services.clock import resolve
from returnsdesk.store.db import database, write
from returnsdesk.store.models import to_stamp
from returnsdesk.store.search import index_cases

STORES = ("shopify", "woocommerce", "csv")

#: Test hook: when set to N, the process SIGKILLs itself after writing N orders,
#: inside the open transaction (used to prove a crash leaves nothing half-imported).
KILL_HOOK_ENV = "RETURNSDESK_TEST_KILL_IMPORT_AFTER"


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


def validate_imported(order: ImportedOrder) -> None:
    """Raise InputError (message for the user) if ``order`` cannot be stored."""
    number = clean_text(order.number, "Order number", required=True)
    if order.store not in STORES:
        raise InputError(t("Unknown store {store!r}.", store=order.store))
    check_currency(order.currency)
    if order.placed_at.tzinfo is None:
        raise InputError(t("Order {number}: the order date needs a time zone.", number=number))
    placed = order.placed_at.date()
    if order.shipped_on and order.shipped_on < placed:
        raise InputError(t("Order {number}: shipped before it was placed.", number=number))
    if order.delivered_on and order.delivered_on < placed:
        raise InputError(t("Order {number}: delivered before it was placed.", number=number))
    if order.shipped_on and order.delivered_on and order.delivered_on < order.shipped_on:
        raise InputError(t("Order {number}: delivered before it was shipped.", number=number))
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
    for name in ("shipping_minor", "tax_minor"):
        _amount(getattr(order, name), name.split("_")[0], number)
    for name in ("subtotal_minor", "total_minor"):
        if getattr(order, name) is not None:
            _amount(getattr(order, name), name.split("_")[0], number)


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _t(value: datetime | None) -> str | None:
    return None if value is None else to_stamp(value)


def _chunks(items: Sequence, size: int = 500) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_ORDER_COLUMNS = (
    "customer_id",
    "placed_at",
    "paid_at",
    "shipped_on",
    "delivered_on",
    "currency",
    "subtotal_minor",
    "shipping_minor",
    "tax_minor",
    "total_minor",
    "payment_method",
    "payment_reference",
    "carrier",
    "tracking_number",
    "billing_country",
    "shipping_country",
    "shipping_address",
)
#: Columns the file may leave blank without erasing what the store has.
_KEEP_WHEN_BLANK = {
    "paid_at",
    "shipped_on",
    "delivered_on",
    "payment_method",
    "payment_reference",
    "carrier",
    "tracking_number",
    "billing_country",
    "shipping_country",
    "shipping_address",
}
_LINE_COLUMNS = (
    "product_id",
    "supplier_id",
    "sku",
    "title",
    "variant",
    "quantity",
    "unit_price_minor",
)


class _Writer:
    """One import run inside one transaction; caches what it has looked up."""

    def __init__(self, now: datetime, summary: ImportSummary) -> None:
        self.now = to_stamp(now)
        self.summary = summary
        self.db = database
        self.suppliers = {
            name.casefold(): sid
            for sid, name in self.db.execute_sql("SELECT id, name FROM supplier").fetchall()
        }
        self.products = dict(self.db.execute_sql("SELECT sku, id FROM product").fetchall())
        self.customers_by_email: dict[str, int] = {}
        self.customer_rows: dict[int, dict] = {}
        for cid, name, email, phone, address, country in self.db.execute_sql(
            "SELECT id, name, email, phone, address, country FROM customer ORDER BY id"
        ).fetchall():
            self.customer_rows[cid] = {
                "name": name,
                "phone": phone,
                "address": address,
                "country": country,
            }
            if email:
                self.customers_by_email.setdefault(email.casefold(), cid)
        self.referenced_lines = {
            r[0] for r in self.db.execute_sql("SELECT DISTINCT order_line_id FROM case_line")
        }
        self.touched_orders: set[int] = set()
        self.touched_customers: set[int] = set()
        self.created_customers: set[int] = set()
        #: Per customer, what each of its orders in the file says. Merged at the end (the
        #: most recent order's non-blank values win) and written once, so two orders that
        #: disagree do not flip-flop the customer on every re-import.
        self.customer_updates: dict[int, list[tuple[datetime, dict[str, str]]]] = {}

    # -- suppliers, products, customers -------------------------------------------------
    def supplier_id(self, name: str) -> int | None:
        name = name.strip()
        if not name:
            return None
        key = name.casefold()
        if key not in self.suppliers:
            cur = self.db.execute_sql(
                "INSERT INTO supplier (name, created_at) VALUES (?, ?)", (name, self.now)
            )
            self.suppliers[key] = cur.lastrowid
            self.summary.suppliers_created += 1
        return self.suppliers[key]

    def product_id(self, line: ImportedLine, supplier_id: int | None) -> int | None:
        sku = line.sku.strip()
        if not sku:
            return None
        if sku not in self.products:
            cur = self.db.execute_sql(
                "INSERT INTO product (sku, title, supplier_id) VALUES (?, ?, ?)",
                (sku, line.title.strip(), supplier_id),
            )
            self.products[sku] = cur.lastrowid
            self.summary.products_created += 1
        return self.products[sku]

    def customer_id(self, order: ImportedOrder, current: int | None) -> int:
        email = order.customer_email.strip()
        wanted = {
            "name": order.customer_name.strip(),
            "phone": order.customer_phone.strip(),
            "address": order.customer_address.strip(),
            "country": order.customer_country.strip().upper(),
        }
        cid = self.customers_by_email.get(email.casefold()) if email else current
        if cid is None:
            name = wanted["name"] or email or f"Customer of order {order.number.strip()}"
            cur = self.db.execute_sql(
                "INSERT INTO customer (name, email, phone, address, country, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (name, email, wanted["phone"], wanted["address"], wanted["country"], self.now),
            )
            cid = cur.lastrowid
            wanted["name"] = name
            self.customer_rows[cid] = wanted
            if email:
                self.customers_by_email[email.casefold()] = cid
            self.created_customers.add(cid)
            self.summary.customers_created += 1
            return cid
        self.customer_updates.setdefault(cid, []).append((order.placed_at, wanted))
        return cid

    # -- orders ------------------------------------------------------------------------
    def order_values(self, order: ImportedOrder, customer_id: int, lines: list[tuple]) -> dict:
        subtotal = order.subtotal_minor
        if subtotal is None:
            subtotal = sum(q * p for (_, _, _, _, _, q, p) in lines)
        total = order.total_minor
        if total is None:
            total = subtotal + order.shipping_minor + order.tax_minor
        return {
            "customer_id": customer_id,
            "placed_at": _t(order.placed_at),
            "paid_at": _t(order.paid_at),
            "shipped_on": _d(order.shipped_on),
            "delivered_on": _d(order.delivered_on),
            "currency": check_currency(order.currency),
            "subtotal_minor": subtotal,
            "shipping_minor": order.shipping_minor,
            "tax_minor": order.tax_minor,
            "total_minor": total,
            "payment_method": order.payment_method.strip(),
            "payment_reference": order.payment_reference.strip(),
            "carrier": order.carrier.strip(),
            "tracking_number": order.tracking_number.strip(),
            "billing_country": order.billing_country.strip().upper(),
            "shipping_country": order.shipping_country.strip().upper(),
            "shipping_address": order.shipping_address.strip(),
        }

    def line_values(self, order: ImportedOrder) -> list[tuple]:
        values = []
        for line in order.lines:
            sid = self.supplier_id(line.supplier_name)
            pid = self.product_id(line, sid)
            values.append(
                (
                    pid,
                    sid,
                    line.sku.strip(),
                    line.title.strip(),
                    line.variant.strip(),
                    line.quantity,
                    line.unit_price_minor,
                )
            )
        return values

    def insert_lines(self, order_id: int, lines: list[tuple]) -> None:
        self.db.connection().executemany(
            "INSERT INTO order_line (order_id, product_id, supplier_id, sku, title, variant, "
            "quantity, unit_price_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(order_id, *line) for line in lines],
        )
        self.summary.lines_created += len(lines)

    def create(self, order: ImportedOrder) -> None:
        lines = self.line_values(order)
        values = self.order_values(order, self.customer_id(order, None), lines)
        cur = self.db.execute_sql(
            f'INSERT INTO "order" (store, number, {", ".join(_ORDER_COLUMNS)}) '
            f"VALUES (?, ?, {', '.join('?' * len(_ORDER_COLUMNS))})",
            (order.store, order.number.strip(), *values.values()),
        )
        self.insert_lines(cur.lastrowid, lines)
        self.summary.orders_created += 1
        self.summary.created_numbers.append(order.number.strip())

    def update(self, order: ImportedOrder, existing: dict, old_lines: list[tuple]) -> None:
        order_id = existing["id"]
        lines = self.line_values(order)
        values = self.order_values(order, self.customer_id(order, existing["customer_id"]), lines)
        changes = {
            k: v
            for k, v in values.items()
            if v != existing[k] and not (k in _KEEP_WHEN_BLANK and v in (None, ""))
        }
        if changes:
            sets = ", ".join(f"{k} = ?" for k in changes)
            self.db.execute_sql(
                f'UPDATE "order" SET {sets} WHERE id = ?', (*changes.values(), order_id)
            )
        lines_changed = self.update_lines(order_id, old_lines, lines)
        if changes or lines_changed:
            self.summary.orders_updated += 1
            self.summary.updated_numbers.append(order.number.strip())
            self.touched_orders.add(order_id)
        else:
            self.summary.orders_unchanged += 1

    def update_lines(self, order_id: int, old: list[tuple], new: list[tuple]) -> bool:
        """Apply the line rule (module docstring); True if anything changed."""
        if [row[1:] for row in old] == new:
            return False
        old_ids = [row[0] for row in old]
        if not any(i in self.referenced_lines for i in old_ids):
            self.db.execute_sql(
                f"DELETE FROM order_line WHERE id IN ({','.join('?' * len(old_ids))})", old_ids
            )
            self.summary.lines_removed += len(old_ids)
            self.insert_lines(order_id, new)
            return True

        def key(line: tuple) -> tuple:
            sku, title, variant = line[2], line[3], line[4]
            return ("sku", sku) if sku else ("title", title.casefold(), variant.casefold())

        unmatched = {}
        for row in old:
            unmatched.setdefault(key(row[1:]), []).append(row)
        to_add = []
        for line in new:
            candidates = unmatched.get(key(line))
            if not candidates:
                to_add.append(line)
                continue
            row = candidates.pop(0)
            if row[1:] != line:
                sets = ", ".join(f"{c} = ?" for c in _LINE_COLUMNS)
                self.db.execute_sql(f"UPDATE order_line SET {sets} WHERE id = ?", (*line, row[0]))
                self.summary.lines_updated += 1
        leftovers = [
            row[0]
            for rows in unmatched.values()
            for row in rows
            if row[0] not in self.referenced_lines
        ]
        for line_id in leftovers:
            self.db.execute_sql("DELETE FROM order_line WHERE id = ?", (line_id,))
        self.summary.lines_removed += len(leftovers)
        if to_add:
            self.insert_lines(order_id, to_add)
        return True

    def flush_customers(self) -> None:
        for cid, seen in self.customer_updates.items():
            wanted: dict[str, str] = {}
            for _placed, values in sorted(seen, key=lambda item: item[0]):
                wanted.update({k: v for k, v in values.items() if v})
            row = self.customer_rows[cid]
            changes = {k: v for k, v in wanted.items() if v != row[k]}
            if not changes:
                continue
            sets = ", ".join(f"{k} = ?" for k in changes)
            self.db.execute_sql(
                f"UPDATE customer SET {sets} WHERE id = ?", (*changes.values(), cid)
            )
            row.update(changes)
            if cid not in self.created_customers:
                self.summary.customers_updated += 1
                self.touched_customers.add(cid)

    def reindex(self) -> None:
        order_ids = set(self.touched_orders)
        customers = sorted(self.touched_customers)
        for chunk in _chunks(customers):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute_sql(
                f'SELECT id FROM "order" WHERE customer_id IN ({marks})', list(chunk)
            )
            order_ids.update(r[0] for r in rows)
        case_ids: list[int] = []
        for chunk in _chunks(sorted(order_ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute_sql(
                f'SELECT id FROM "case" WHERE order_id IN ({marks})', list(chunk)
            )
            case_ids.extend(r[0] for r in rows)
        index_cases(case_ids)
        self.summary.cases_reindexed = len(case_ids)


def _existing_orders(db, store: str, numbers: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    cols = ", ".join(("id", "number", *_ORDER_COLUMNS))
    for chunk in _chunks(numbers):
        marks = ",".join("?" * len(chunk))
        cur = db.execute_sql(
            f'SELECT {cols} FROM "order" WHERE store = ? AND number IN ({marks})',
            [store, *chunk],
        )
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            found[row[1]] = dict(zip(names, row, strict=True))
    return found


def _existing_lines(db, order_ids: list[int]) -> dict[int, list[tuple]]:
    lines: dict[int, list[tuple]] = {}
    for chunk in _chunks(order_ids):
        marks = ",".join("?" * len(chunk))
        cur = db.execute_sql(
            f"SELECT order_id, id, {', '.join(_LINE_COLUMNS)} FROM order_line "
            f"WHERE order_id IN ({marks}) ORDER BY id",
            list(chunk),
        )
        for row in cur.fetchall():
            lines.setdefault(row[0], []).append(tuple(row[1:]))
    return lines


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
    kill_after = int(os.environ.get(KILL_HOOK_ENV, "0") or 0)
    total = len(orders)
    try:
        with write():
            writer = _Writer(resolve(now), summary)
            by_store: dict[str, list[str]] = {}
            for order in orders:
                by_store.setdefault(order.store, []).append(order.number.strip())
            existing: dict[tuple[str, str], dict] = {}
            for store, numbers in by_store.items():
                for number, row in _existing_orders(database, store, numbers).items():
                    existing[(store, number)] = row
            old_lines = _existing_lines(database, [row["id"] for row in existing.values()])
            for done, order in enumerate(orders, start=1):
                row = existing.get((order.store, order.number.strip()))
                if row is None:
                    writer.create(order)
                else:
                    writer.update(order, row, old_lines.get(row["id"], []))
                if done % 200 == 0 or done == total:
                    if check is not None:
                        check()
                    if progress is not None:
                        progress(done, total)
                if kill_after and done == kill_after:
                    os.kill(os.getpid(), signal.SIGKILL)
            writer.flush_customers()
            writer.reindex()
            if dry_run:
                raise _Rollback()
    except _Rollback:
        pass
    return summary
