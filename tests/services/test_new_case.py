"""What the new-case dialog reads and writes, as view objects (issue 17)."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_order, make_supplier

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind
from returnsdesk.services import new_case
from returnsdesk.services.cases import OpenCaseInput
from returnsdesk.services.orders import LineInput, OrderInput
from returnsdesk.store.models import Case, Order, OrderLine


def test_order_choices_are_views_of_the_search(store):
    supplier = make_supplier()
    make_order("#1042", supplier=supplier)
    make_order(
        "#2001", supplier=supplier, customer_name="Bob Martin", customer_email="bob@example.com"
    )
    found = new_case.order_choices("bob@")
    assert [(o.number, o.customer_name, o.customer_email) for o in found] == [
        ("#2001", "Bob Martin", "bob@example.com")
    ]
    assert found[0].total_minor == Order.get_by_id(found[0].id).total_minor
    assert len(new_case.order_choices("")) == 2
    assert new_case.order_choices("100%_") == ()


def test_order_lines_take_the_order_delivery_day_when_a_line_has_none(store):
    order = make_order(delivered_on=date(2026, 5, 8))
    OrderLine.update(delivered_on=date(2026, 5, 12)).where(
        OrderLine.id == order.lines[1].id
    ).execute()
    lines = new_case.order_lines(order.id)
    assert lines.currency == "EUR"
    assert [(line.title, line.delivered_on) for line in lines.lines] == [
        ("Lampe écran LED", date(2026, 5, 8)),
        ("Coque personnalisée", date(2026, 5, 12)),
    ]
    with pytest.raises(InputError, match="no longer exists"):
        new_case.order_lines(424242)


def test_opening_on_an_order_records_the_typed_days_and_returns_the_view(store, now):
    order = make_order(delivered_on=None)
    lamp = order.lines[0]
    data = OpenCaseInput(order.id, Kind.RETURN, Reason.NO_LONGER_WANTED, lines=[(lamp.id, 1)])
    view = new_case.open_on_order(data, {lamp.id: date(2026, 5, 10)}, now=now)
    assert view.order_id == order.id and view.kind == Kind.RETURN
    assert OrderLine.get_by_id(lamp.id).delivered_on == date(2026, 5, 10)
    assert Case.get_by_id(view.id).rma == view.rma


def test_a_typed_order_and_its_case_are_made_together(store, now):
    order = OrderInput(
        number="#T-1",
        customer_name="Zoë",
        customer_email="zoe@example.com",
        customer_country="FR",
        currency="EUR",
        placed_at=now,
        lines=[LineInput("Lamp", 1, 1250)],
    )
    data = OpenCaseInput(0, Kind.RETURN, Reason.DEFECTIVE)
    view = new_case.open_on_typed_order(order, data, now=now)
    assert view.order.number == "#T-1" and view.amount_minor == 1250
    bad = OrderInput(**{**order.__dict__, "number": "#T-2", "customer_email": "=1+1"})
    before = Case.select().count()
    with pytest.raises(InputError):
        new_case.open_on_typed_order(bad, data, now=now)
    assert Case.select().count() == before  # neither the order nor the case


def test_the_preview_of_a_missing_order_is_refused(store, now):
    with pytest.raises(InputError, match="no longer exists"):
        new_case.preview_for_order(424242, Kind.RETURN, Reason.DEFECTIVE, [1], now=now)
