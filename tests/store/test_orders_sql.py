"""The one order writer (issue 17): single rows and the batch write the same columns."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from returnsdesk.store import orders_sql
from returnsdesk.store.connection import database, write
from returnsdesk.store.models import Customer, Order, OrderLine

PLACED = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)


def _order(customer_id: int, number: str) -> dict[str, object]:
    return {
        "store": "shopify",
        "number": number,
        "customer_id": customer_id,
        "placed_at": PLACED,
        "delivered_on": date(2026, 3, 9),
        "currency": "EUR",
        "subtotal_minor": 2500,
        "total_minor": 2500,
    }


def test_single_rows_convert_python_values_and_fill_defaults(store):
    with write():
        cid = orders_sql.insert_customer({"name": "Zoë", "created_at": PLACED})
        oid = orders_sql.insert_order(_order(cid, "#1"))
        added = orders_sql.insert_lines(
            [{"order_id": oid, "title": "Lamp", "quantity": 1, "unit_price_minor": 2500}]
        )
    assert added == 1
    order = Order.get_by_id(oid)
    assert order.placed_at == PLACED and order.delivered_on == date(2026, 3, 9)
    assert order.paid_at is None and order.carrier == ""
    assert Customer.get_by_id(cid).language == "en"  # the schema's default
    line = OrderLine.get(OrderLine.order == oid)
    assert (line.sku, line.personalised, line.delivered_on) == ("", False, None)


def test_unknown_columns_are_refused(store):
    with pytest.raises(KeyError, match="not a column"), write():
        orders_sql.insert_order({**_order(1, "#2"), "colour": "red"})
    with pytest.raises(KeyError, match="not a column"):
        orders_sql.update_order(1, {"id": 5})


def test_updates_and_deletes(store):
    with write():
        cid = orders_sql.insert_customer({"name": "Ana", "created_at": PLACED})
        oid = orders_sql.insert_order(_order(cid, "#3"))
        orders_sql.insert_lines(
            {"order_id": oid, "title": f"Item {i}", "quantity": 1, "unit_price_minor": 100}
            for i in range(3)
        )
        ids = [line.id for line in OrderLine.select().where(OrderLine.order == oid)]
        orders_sql.update_order(oid, {"shipped_on": date(2026, 3, 3), "carrier": "DHL"})
        orders_sql.update_line(ids[0], {"quantity": 2})
        orders_sql.update_customer(cid, {"phone": "+33 6 12"})
        orders_sql.delete_lines(ids[1:])
    assert Order.get_by_id(oid).shipped_on == date(2026, 3, 3)
    assert [(line.id, line.quantity) for line in OrderLine.select()] == [(ids[0], 2)]
    assert Customer.get_by_id(cid).phone == "+33 6 12"


def test_batch_writes_parents_first_and_holds_at_most_a_chunk(store):
    """Foreign keys are on: a line written before its order would fail."""
    stamp = "2026-03-02 09:15:00"
    batch = orders_sql.OrderBatch(database, chunk=2)
    with write():
        for n in range(1, 6):
            batch.add_customer((n, f"C{n}", "", "", "", "FR", "fr", stamp))
        for n in range(1, 6):
            batch.add_order(
                (n, "shopify", f"#{n}", n, stamp, None, None, None, "EUR", 100, 0, 0, 100)
                + ("", "", "", "", "FR", "FR", "")
            )
            batch.add_line((n, n, None, None, "", f"T{n}", "", 1, 100, 0, None, 0, 0))
            assert all(len(rows) < 2 for rows in batch.pending.values())
        batch.flush()
    assert batch.written == {"customer": 5, "order": 5, "line": 5}
    assert Order.select().count() == 5 and OrderLine.select().count() == 5
    assert Order.get_by_id(3).customer.name == "C3"
