"""One import run inside one transaction: the rules of ``services.imports`` applied row by row.

It reads what it needs from the store once (``store.import_sql``) and writes every
order, line and customer through the one order writer (``store.orders_sql``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from returnsdesk.domain.money import check_currency
from returnsdesk.store import import_sql, orders_sql
from returnsdesk.store.models import to_stamp
from returnsdesk.store.search import index_cases

if TYPE_CHECKING:
    from returnsdesk.services.imports import ImportedLine, ImportedOrder, ImportSummary

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
#: A line as the file gives it, in ``import_sql.LINE_FIELDS`` order.
Line = tuple[Any, ...]


def _line_key(line: Line) -> tuple[str, ...]:
    """How a stored line is matched to the file: by SKU, else by title and variant."""
    sku, title, variant = line[2], line[3], line[4]
    return ("sku", sku) if sku else ("title", title.casefold(), variant.casefold())


class ImportWriter:
    """One import run inside one transaction; caches what it has looked up."""

    def __init__(self, now: datetime, summary: ImportSummary) -> None:
        self.now = to_stamp(now)
        self.summary = summary
        self.suppliers = import_sql.supplier_ids_by_name()
        self.products = import_sql.product_ids_by_sku()
        self.customers_by_email: dict[str, int] = {}
        self.customer_rows: dict[int, dict[str, str]] = {}
        for known in import_sql.customers():
            self.customer_rows[known.id] = {
                "name": known.name,
                "phone": known.phone,
                "address": known.address,
                "country": known.country,
            }
            if known.email:
                self.customers_by_email.setdefault(known.email.casefold(), known.id)
        self.referenced_lines = import_sql.lines_in_cases()
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
            self.suppliers[key] = import_sql.insert_supplier(name, self.now)
            self.summary.suppliers_created += 1
        return self.suppliers[key]

    def product_id(self, line: ImportedLine, supplier_id: int | None) -> int | None:
        sku = line.sku.strip()
        if not sku:
            return None
        if sku not in self.products:
            self.products[sku] = orders_sql.insert_product(
                {"sku": sku, "title": line.title.strip(), "supplier_id": supplier_id}
            )
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
        if cid is not None:
            self.customer_updates.setdefault(cid, []).append((order.placed_at, wanted))
            return cid
        wanted["name"] = wanted["name"] or email or f"Customer of order {order.number.strip()}"
        cid = orders_sql.insert_customer({**wanted, "email": email, "created_at": self.now})
        self.customer_rows[cid] = wanted
        if email:
            self.customers_by_email[email.casefold()] = cid
        self.created_customers.add(cid)
        self.summary.customers_created += 1
        return cid

    # -- orders ------------------------------------------------------------------------
    def order_values(
        self, order: ImportedOrder, customer_id: int, lines: list[Line]
    ) -> dict[str, Any]:
        subtotal = order.subtotal_minor
        if subtotal is None:
            subtotal = sum(line[5] * line[6] for line in lines)
        total = order.total_minor
        if total is None:
            total = subtotal + order.shipping_minor + order.tax_minor
        values = {
            "customer_id": customer_id,
            "placed_at": order.placed_at,
            "paid_at": order.paid_at,
            "shipped_on": order.shipped_on,
            "delivered_on": order.delivered_on,
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
        # Compared with the stored row, so in stored form (stamps, ISO days).
        return {name: orders_sql.stored(value) for name, value in values.items()}

    def line_values(self, order: ImportedOrder) -> list[Line]:
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

    def insert_lines(self, order_id: int, lines: list[Line]) -> None:
        fields = import_sql.LINE_FIELDS
        self.summary.lines_created += orders_sql.insert_lines(
            {"order_id": order_id, **dict(zip(fields, line, strict=True))} for line in lines
        )

    def create(self, order: ImportedOrder) -> None:
        lines = self.line_values(order)
        values = self.order_values(order, self.customer_id(order, None), lines)
        number = order.number.strip()
        order_id = orders_sql.insert_order({"store": order.store, "number": number, **values})
        self.insert_lines(order_id, lines)
        self.summary.orders_created += 1
        self.summary.created_numbers.append(number)

    def update(self, order: ImportedOrder, existing: dict[str, Any], old_lines: list[Line]) -> None:
        order_id = existing["id"]
        lines = self.line_values(order)
        values = self.order_values(order, self.customer_id(order, existing["customer_id"]), lines)
        changes = {
            k: v
            for k, v in values.items()
            if v != existing[k] and not (k in _KEEP_WHEN_BLANK and v in (None, ""))
        }
        orders_sql.update_order(order_id, changes)
        lines_changed = self.update_lines(order_id, old_lines, lines)
        if changes or lines_changed:
            self.summary.orders_updated += 1
            self.summary.updated_numbers.append(order.number.strip())
            self.touched_orders.add(order_id)
        else:
            self.summary.orders_unchanged += 1

    def update_lines(self, order_id: int, old: list[Line], new: list[Line]) -> bool:
        """Apply the line rule (``services.imports`` docstring); True if anything changed."""
        if [row[1:] for row in old] == new:
            return False
        old_ids = [row[0] for row in old]
        if not any(i in self.referenced_lines for i in old_ids):
            orders_sql.delete_lines(old_ids)
            self.summary.lines_removed += len(old_ids)
            self.insert_lines(order_id, new)
            return True
        unmatched: dict[tuple[str, ...], list[Line]] = {}
        for row in old:
            unmatched.setdefault(_line_key(row[1:]), []).append(row)
        to_add = []
        for line in new:
            candidates = unmatched.get(_line_key(line))
            if not candidates:
                to_add.append(line)
                continue
            row = candidates.pop(0)
            if row[1:] != line:
                orders_sql.update_line(row[0], dict(zip(import_sql.LINE_FIELDS, line, strict=True)))
                self.summary.lines_updated += 1
        leftovers = [
            row[0]
            for rows in unmatched.values()
            for row in rows
            if row[0] not in self.referenced_lines
        ]
        orders_sql.delete_lines(leftovers)
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
            orders_sql.update_customer(cid, changes)
            row.update(changes)
            if cid not in self.created_customers:
                self.summary.customers_updated += 1
                self.touched_customers.add(cid)

    def reindex(self) -> None:
        order_ids = set(self.touched_orders)
        order_ids |= import_sql.order_ids_of_customers(sorted(self.touched_customers))
        case_ids = import_sql.case_ids_of_orders(sorted(order_ids))
        index_cases(case_ids)
        self.summary.cases_reindexed = len(case_ids)
