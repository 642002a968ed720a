"""The one writer of orders, their lines and their customers.

Every path that puts an order in the store goes through here: an order typed in
by hand (``services.orders.create_order``), an import (``services.imports``) and
the sample-data generator (``returnsdesk.demo``). The column lists below are the
one statement of what an order, a line and a customer row hold.

Two ways in, over the same columns:

- one row at a time from a mapping of Python values (``insert_order`` and
  friends): dates, moments and flags are converted here, missing columns take
  the schema's default, the new id is returned;
- ``OrderBatch`` for bulk loads: tuples already in column order and in stored form
  (ISO dates, UTC stamps, 0/1 flags), written with ``executemany`` in chunks, in
  the order customers → orders → lines so each row's references exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from returnsdesk.store.connection import database
from returnsdesk.store.models import to_stamp
from returnsdesk.store.sql_lists import execute_in

CUSTOMER_COLUMNS = ("id", "name", "email", "phone", "address", "country", "language", "created_at")
ORDER_COLUMNS = (
    "id",
    "store",
    "number",
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
LINE_COLUMNS = (
    "id",
    "order_id",
    "product_id",
    "supplier_id",
    "sku",
    "title",
    "variant",
    "quantity",
    "unit_price_minor",
    "personalised",
    "delivered_on",
    "sealed_hygiene",
    "perishable",
)
PRODUCT_COLUMNS = (
    "id",
    "sku",
    "title",
    "supplier_id",
    "personalised",
    "sealed_hygiene",
    "perishable",
)

#: Table name (quoted: ``order`` is an SQL keyword) and columns of each kind of row.
_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "customer": ("customer", CUSTOMER_COLUMNS),
    "order": ('"order"', ORDER_COLUMNS),
    "line": ("order_line", LINE_COLUMNS),
    "product": ("product", PRODUCT_COLUMNS),
}
#: Value of a column left out of a mapping: the schema's defaults.
_DEFAULTS: dict[str, object] = {
    "email": "",
    "phone": "",
    "address": "",
    "country": "",
    "language": "en",
    "store": "",
    "paid_at": None,
    "shipped_on": None,
    "delivered_on": None,
    "subtotal_minor": 0,
    "shipping_minor": 0,
    "tax_minor": 0,
    "total_minor": 0,
    "payment_method": "",
    "payment_reference": "",
    "carrier": "",
    "tracking_number": "",
    "billing_country": "",
    "shipping_country": "",
    "shipping_address": "",
    "product_id": None,
    "supplier_id": None,
    "sku": "",
    "variant": "",
    "personalised": 0,
    "sealed_hygiene": 0,
    "perishable": 0,
}


def stored(value: object) -> object:
    """A Python value as the store keeps it (UTC stamp, ISO day, 0/1 flag)."""
    if isinstance(value, datetime):
        return to_stamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def insert_sql(kind: str) -> str:
    """The INSERT statement of one row of ``kind`` (customer, order, line, product)."""
    table, columns = _TABLES[kind]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _row(kind: str, values: Mapping[str, object]) -> tuple[object, ...]:
    _table, columns = _TABLES[kind]
    unknown = set(values) - set(columns)
    if unknown:
        raise KeyError(f"not a column of {kind}: {', '.join(sorted(unknown))}")
    return tuple(stored(values[c]) if c in values else _DEFAULTS.get(c) for c in columns)


def _insert(kind: str, values: Mapping[str, object], db: Any) -> int:
    cursor = db.execute_sql(insert_sql(kind), _row(kind, values))
    return int(cursor.lastrowid)


def insert_customer(values: Mapping[str, object], db: Any = database) -> int:
    return _insert("customer", values, db)


def insert_order(values: Mapping[str, object], db: Any = database) -> int:
    return _insert("order", values, db)


def insert_product(values: Mapping[str, object], db: Any = database) -> int:
    return _insert("product", values, db)


def insert_lines(rows: Iterable[Mapping[str, object]], db: Any = database) -> int:
    """Insert order lines; returns how many."""
    values = [_row("line", row) for row in rows]
    if values:
        db.cursor().executemany(insert_sql("line"), values)
    return len(values)


def _update(table: str, row_id: int, changes: Mapping[str, object], db: Any) -> None:
    if not changes:
        return
    sets = ", ".join(f"{column} = ?" for column in changes)
    params = [stored(v) for v in changes.values()]
    db.execute_sql(f"UPDATE {table} SET {sets} WHERE id = ?", [*params, row_id])


def update_customer(customer_id: int, changes: Mapping[str, object], db: Any = database) -> None:
    _update("customer", customer_id, _checked("customer", changes), db)


def update_order(order_id: int, changes: Mapping[str, object], db: Any = database) -> None:
    _update('"order"', order_id, _checked("order", changes), db)


def update_line(line_id: int, changes: Mapping[str, object], db: Any = database) -> None:
    _update("order_line", line_id, _checked("line", changes), db)


def _checked(kind: str, changes: Mapping[str, object]) -> Mapping[str, object]:
    columns = _TABLES[kind][1]
    unknown = [c for c in changes if c not in columns or c == "id"]
    if unknown:
        raise KeyError(f"not a column of {kind}: {', '.join(unknown)}")
    return changes


def delete_lines(line_ids: Sequence[int], db: Any = database) -> None:
    execute_in(db, "DELETE FROM order_line WHERE id IN ({marks})", list(line_ids))


class OrderBatch:
    """Bulk insert of customers, orders and lines (tuples in column order, stored form).

    Rows wait in memory until one kind reaches ``chunk`` rows; then that kind and every
    kind it refers to are written (customers before orders before lines), so the
    memory held stays bounded however many rows pass through. ``after_flush`` runs
    after each write (a bulk load commits there).
    """

    _ORDER = ("customer", "order", "line")

    def __init__(
        self,
        db: Any = database,
        chunk: int = 20_000,
        after_flush: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.chunk = chunk
        self.after_flush = after_flush
        self.pending: dict[str, list[Sequence[object]]] = {kind: [] for kind in self._ORDER}
        self.written: dict[str, int] = dict.fromkeys(self._ORDER, 0)

    def add_customer(self, row: Sequence[object]) -> None:
        self._add("customer", row)

    def add_order(self, row: Sequence[object]) -> None:
        self._add("order", row)

    def add_line(self, row: Sequence[object]) -> None:
        self._add("line", row)

    def _add(self, kind: str, row: Sequence[object]) -> None:
        rows = self.pending[kind]
        rows.append(row)
        if len(rows) >= self.chunk:
            self.flush(kind)

    def flush(self, upto: str = "line") -> None:
        """Write the waiting rows of ``upto`` and of the kinds it refers to."""
        cursor = self.db.cursor()
        for kind in self._ORDER[: self._ORDER.index(upto) + 1]:
            rows = self.pending[kind]
            if rows:
                cursor.executemany(insert_sql(kind), rows)
                self.written[kind] += len(rows)
                rows.clear()
        if self.after_flush is not None:
            self.after_flush()
