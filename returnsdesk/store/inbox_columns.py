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

from returnsdesk.store.inbox_order import ids, in_turn


def _direction(descending: bool) -> str:
    return " DESC" if descending else ""


def by_order_number(
    where: str, params: list[object], descending: bool, limit: int | None
) -> list[int]:
    d = _direction(descending)
    return ids(
        'SELECT c.id FROM "order" o INDEXED BY order_number '
        'CROSS JOIN "case" c INDEXED BY case_order '
        f"WHERE c.order_id = o.id AND {where} ORDER BY o.number{d}, o.id{d}, c.id{d}",
        params,
        limit,
    )


def by_customer_name(
    where: str, params: list[object], descending: bool, limit: int | None
) -> list[int]:
    d = _direction(descending)
    return ids(
        "SELECT c.id FROM customer cu INDEXED BY customer_name_nocase "
        'CROSS JOIN "order" o INDEXED BY order_customer '
        'CROSS JOIN "case" c INDEXED BY case_order '
        f"WHERE o.customer_id = cu.id AND c.order_id = o.id AND {where} "
        f"ORDER BY cu.name COLLATE NOCASE{d}, cu.id{d}, c.id{d}",
        params,
        limit,
    )


def by_supplier_name(
    where: str, params: list[object], descending: bool, limit: int | None
) -> list[int]:
    """Cases with no supplier come first (their name is empty), last when descending."""
    d = _direction(descending)

    def named(count: int | None) -> list[int]:
        return ids(
            "SELECT c.id FROM supplier s INDEXED BY supplier_name_nocase "
            'CROSS JOIN "case" c INDEXED BY case_supplier '
            f"WHERE c.supplier_id = s.id AND {where} "
            f"ORDER BY s.name COLLATE NOCASE{d}, s.id{d}, c.id{d}",
            params,
            count,
        )

    def unnamed(count: int | None) -> list[int]:
        return ids(
            f'SELECT c.id FROM "case" c WHERE c.supplier_id IS NULL AND {where} ORDER BY c.id{d}',
            params,
            count,
        )

    return in_turn(limit, named, unnamed) if descending else in_turn(limit, unnamed, named)
