"""The inbox sorted by a column of another table (order, customer, supplier), read along
that table's index, so a page stops after its rows.

SQLite's planner, left to itself, joins every case of the view to its order, customer
and supplier and sorts them all: 1–2 s at 1,000,000 cases for each click on one of these
headers. These reads walk the other table in the order shown (``CROSS JOIN`` keeps it
outermost, ``INDEXED BY`` stops the planner building an index on the fly) and reach its
cases through their index. Two customers (suppliers, orders) of the same name are
told apart by their id, so one customer's cases come together, by case id, and the
walk never has to sort every case of a common name. Each gives exactly what the plain
sort gives (``tests/store/test_inbox_sorts.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from returnsdesk.store.inbox_order import ids, in_turn


def _walked(
    source: str,
    joined: str,
    keys: Sequence[str],
    where: str,
    params: list[object],
    descending: bool,
    limit: int | None,
) -> list[int]:
    """The cases of ``source`` (tables joined by ``joined``) matching ``where``, by
    ``keys`` then case id, all in one direction."""
    d = " DESC" if descending else ""
    order = ", ".join(f"{key}{d}" for key in (*keys, "c.id"))
    return ids(
        f"SELECT c.id FROM {source} WHERE {joined} AND {where} ORDER BY {order}", params, limit
    )


def by_order_number(
    where: str, params: list[object], descending: bool, limit: int | None
) -> list[int]:
    source = '"order" o INDEXED BY order_number CROSS JOIN "case" c INDEXED BY case_order'
    keys = ("o.number", "o.id")
    return _walked(source, "c.order_id = o.id", keys, where, params, descending, limit)


def by_customer_name(
    where: str, params: list[object], descending: bool, limit: int | None
) -> list[int]:
    source = (
        "customer cu INDEXED BY customer_name_nocase "
        'CROSS JOIN "order" o INDEXED BY order_customer '
        'CROSS JOIN "case" c INDEXED BY case_order'
    )
    joined = "o.customer_id = cu.id AND c.order_id = o.id"
    keys = ("cu.name COLLATE NOCASE", "cu.id")
    return _walked(source, joined, keys, where, params, descending, limit)


def by_supplier_name(
    where: str, params: list[object], descending: bool, limit: int | None
) -> list[int]:
    """Cases with no supplier come first (their name is empty), last when descending."""
    source = (
        'supplier s INDEXED BY supplier_name_nocase CROSS JOIN "case" c INDEXED BY case_supplier'
    )
    keys = ("s.name COLLATE NOCASE", "s.id")

    def named(count: int | None) -> list[int]:
        return _walked(source, "c.supplier_id = s.id", keys, where, params, descending, count)

    def unnamed(count: int | None) -> list[int]:
        return _walked('"case" c', "c.supplier_id IS NULL", (), where, params, descending, count)

    return in_turn(limit, named, unnamed) if descending else in_turn(limit, unnamed, named)
