"""What an import needs to know about the store before it writes (read in a few queries).

The writes themselves go through ``store.orders_sql``, the one order writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from returnsdesk.store.connection import database
from returnsdesk.store.orders_sql import LINE_COLUMNS, ORDER_COLUMNS
from returnsdesk.store.sql_lists import rows_in

#: Order columns an import compares with its file (everything but id, store and number).
ORDER_FIELDS = ORDER_COLUMNS[3:]
#: Line columns an import compares with its file, in the order of its line tuples.
LINE_FIELDS = LINE_COLUMNS[2:9]


@dataclass(frozen=True, slots=True)
class KnownCustomer:
    id: int
    name: str
    email: str
    phone: str
    address: str
    country: str


def supplier_ids_by_name(db: Any = database) -> dict[str, int]:
    """Every supplier's id by its name folded for comparison (names are unique, any case)."""
    rows = db.execute_sql("SELECT id, name FROM supplier").fetchall()
    return {str(name).casefold(): int(sid) for sid, name in rows}


def insert_supplier(name: str, created_at: str, db: Any = database) -> int:
    cursor = db.execute_sql(
        "INSERT INTO supplier (name, created_at) VALUES (?, ?)", (name, created_at)
    )
    return int(cursor.lastrowid)


def product_ids_by_sku(db: Any = database) -> dict[str, int]:
    return {str(sku): int(pid) for sku, pid in db.execute_sql("SELECT sku, id FROM product")}


def customers(db: Any = database) -> list[KnownCustomer]:
    """Every customer, oldest first (the first of two sharing an e-mail is the one matched)."""
    rows = db.execute_sql(
        "SELECT id, name, email, phone, address, country FROM customer ORDER BY id"
    ).fetchall()
    return [KnownCustomer(*row) for row in rows]


def lines_in_cases(db: Any = database) -> set[int]:
    """Ids of the order lines some case refers to."""
    return {int(r[0]) for r in db.execute_sql("SELECT DISTINCT order_line_id FROM case_line")}


def existing_orders(
    store: str, numbers: Sequence[str], db: Any = database
) -> dict[str, dict[str, Any]]:
    """The stored orders of ``store`` among ``numbers``: number → column → value."""
    names = ("id", "number", *ORDER_FIELDS)
    rows = rows_in(
        db,
        f'SELECT {", ".join(names)} FROM "order" WHERE store = ? AND number IN ({{marks}})',
        list(numbers),
        before=[store],
    )
    return {row[1]: dict(zip(names, row, strict=True)) for row in rows}


def existing_lines(
    order_ids: Sequence[int], db: Any = database
) -> dict[int, list[tuple[Any, ...]]]:
    """Lines of the given orders as ``(id, *LINE_FIELDS)``, by order, in id order."""
    rows = rows_in(
        db,
        f"SELECT order_id, id, {', '.join(LINE_FIELDS)} FROM order_line "
        "WHERE order_id IN ({marks}) ORDER BY id",
        list(order_ids),
    )
    lines: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        lines.setdefault(row[0], []).append(tuple(row[1:]))
    return lines


def order_ids_of_customers(customer_ids: Sequence[int], db: Any = database) -> set[int]:
    rows = rows_in(db, 'SELECT id FROM "order" WHERE customer_id IN ({marks})', customer_ids)
    return {int(r[0]) for r in rows}


def case_ids_of_orders(order_ids: Sequence[int], db: Any = database) -> list[int]:
    rows = rows_in(db, 'SELECT id FROM "case" WHERE order_id IN ({marks})', order_ids)
    return [int(r[0]) for r in rows]
