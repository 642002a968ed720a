"""Typing an order in by hand: checks and search."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from factories import make_order, make_supplier

from returnsdesk.domain.errors import InputError
from returnsdesk.services.orders import LineInput, OrderInput, create_order, find_orders
from returnsdesk.store.models import Customer, Order, OrderLine

BASE = OrderInput(
    number="#5001",
    customer_name="Łukasz Nowak",
    customer_email="lukasz@example.com",
    currency="PLN",
    placed_at=datetime.fromisoformat("2026-05-01T10:00:00+02:00"),
    lines=[LineInput("Portfel skórzany", 1, 25900)],
)


def _counts():
    return Order.select().count(), OrderLine.select().count(), Customer.select().count()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"currency": "XYZ"}, "Unknown currency"),
        ({"currency": "euro"}, "Unknown currency"),
        ({"number": "  "}, "Order number is required"),
        ({"customer_name": ""}, "Customer name is required"),
        ({"delivered_on": date(2026, 4, 1)}, "before the order date"),
        ({"lines": []}, "at least one line"),
        ({"lines": [LineInput("Thing", 0, 100)]}, "at least 1"),
        ({"lines": [LineInput("Thing", 1, -100)]}, "cannot be negative"),
        ({"lines": [LineInput("Thing", 1, 10**20)]}, "too large"),
        ({"shipping_minor": -1}, "cannot be negative"),
        ({"placed_at": datetime(2026, 5, 1)}, "time zone"),
        ({"number": "#1\n2"}, "one line"),
    ],
)
def test_bad_orders_are_refused_and_write_nothing(store, changes, message):
    before = _counts()
    with pytest.raises(InputError, match=message):
        create_order(replace(BASE, **changes))
    assert _counts() == before


def test_order_totals_and_customer_reuse_by_email(store):
    order = create_order(BASE)
    assert order.total_minor == 25900
    stored = Order.get_by_id(order.id).placed_at
    assert stored.utcoffset().total_seconds() == 0
    assert stored.hour == 8
    second = create_order(replace(BASE, number="#5002", customer_email="LUKASZ@example.com"))
    assert second.customer.id == order.customer.id
    with pytest.raises(InputError, match="already exists"):
        create_order(BASE)


def test_find_orders_by_number_name_and_email(store):
    supplier = make_supplier()
    order = make_order("#1042", supplier=supplier)
    make_order("#1043", supplier=supplier, customer_name="Bob", customer_email="bob@example.com")
    assert [o.id for o in find_orders("1042")] == [order.id]
    assert [o.id for o in find_orders("#1042")] == [order.id]
    assert [o.number for o in find_orders("bob@")] == ["#1043"]
    assert len(find_orders("")) == 2
    assert find_orders("100%_") == []
