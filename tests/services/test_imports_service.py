"""Writing imported orders: idempotent re-import, the line rule, all or nothing, search."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from factories import make_case

from returnsdesk.domain.errors import InputError
from returnsdesk.formats.importers import parse_file
from returnsdesk.services.imports import import_orders
from returnsdesk.services.orders import find_orders
from returnsdesk.store.db import database
from returnsdesk.store.models import Case, CaseLine, Customer, Order, OrderLine, Product, Supplier
from returnsdesk.store.search import search_case_ids

FIXTURES = Path(__file__).resolve().parent.parent / "formats" / "fixtures"


def _orders():
    return parse_file(FIXTURES / "shopify_orders.csv").orders


def _snapshot():
    tables = ("customer", "supplier", "product", '"order"', "order_line", "case_line")
    return {t: database.execute_sql(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}


def test_first_import_creates_orders_customers_suppliers(store, now):
    summary = import_orders(_orders(), now=now)
    assert (summary.orders_created, summary.customers_created, summary.suppliers_created) == (
        5,
        4,
        4,
    )
    order = Order.get(Order.number == "#1001")
    assert order.store == "shopify"
    assert order.customer.email == "chloe.dubois@example.fr"
    assert order.shipped_on == date(2026, 5, 3) and order.delivered_on is None
    assert (order.subtotal_minor, order.total_minor, order.currency) == (9100, 9595, "EUR")
    lines = list(order.lines.order_by(OrderLine.id))
    assert [(ln.title, ln.variant, ln.supplier.name) for ln in lines] == [
        ("Lampe LED", "Bleu", "Atelier Lumière"),
        ("Coque iPhone", "Noir / iPhone 15", "CJ Dropshipping"),
    ]
    assert lines[0].product.sku == "LMP-002"
    # vendors matched case-insensitively: "atelier lumière" is the same supplier
    assert Supplier.select().count() == 4
    # customers matched by e-mail, case-insensitively (#1001 and #1005)
    assert Order.get(Order.number == "#1005").customer_id == order.customer_id
    # no e-mail: a customer of its own
    assert Order.get(Order.number == "#1003").customer.name == "Zoë Müller"


def test_reimport_is_idempotent(store, now):
    import_orders(_orders(), now=now)
    before = _snapshot()
    again = import_orders(_orders(), now=now)
    assert (again.orders_created, again.orders_updated, again.orders_unchanged) == (0, 0, 5)
    assert (again.customers_created, again.customers_updated, again.suppliers_created) == (0, 0, 0)
    assert _snapshot() == before


def test_overlapping_file_updates_what_changed(store, now):
    orders = _orders()
    import_orders(orders[:3], now=now)
    changed = replace(
        orders[0], tracking_number="LX123456789FR", shipping_minor=0, total_minor=9100
    )
    summary = import_orders([changed, *orders[1:]], now=now)
    assert (summary.orders_created, summary.orders_updated, summary.orders_unchanged) == (2, 1, 2)
    assert summary.updated_numbers == ["#1001"]
    order = Order.get(Order.number == "#1001")
    assert (order.tracking_number, order.shipping_minor, order.total_minor) == (
        "LX123456789FR",
        0,
        9100,
    )
    assert Order.select().count() == 5


def test_blank_values_in_the_file_do_not_erase_what_the_store_knows(store, now):
    import_orders(_orders(), now=now)
    Order.update(delivered_on=date(2026, 5, 9), tracking_number="TRK1").where(
        Order.number == "#1001"
    ).execute()
    summary = import_orders(_orders(), now=now)
    assert summary.orders_unchanged == 5
    order = Order.get(Order.number == "#1001")
    assert (order.delivered_on, order.tracking_number) == (date(2026, 5, 9), "TRK1")


def test_lines_without_cases_are_replaced(store, now):
    orders = _orders()
    import_orders(orders, now=now)
    first = orders[0]
    fewer = replace(first, lines=(replace(first.lines[0], quantity=3),), subtotal_minor=14700)
    summary = import_orders([fewer], now=now)
    assert summary.orders_updated == 1
    lines = list(Order.get(Order.number == "#1001").lines)
    assert [(ln.title, ln.quantity) for ln in lines] == [("Lampe LED", 3)]


def test_lines_a_case_refers_to_are_updated_in_place(store, now):
    orders = _orders()
    import_orders(orders, now=now)
    order = Order.get(Order.number == "#1001")
    lamp, cover = list(order.lines.order_by(OrderLine.id))
    make_case(now, order=order, lines=[(cover.id, 1)])
    first = orders[0]
    new_cover = replace(first.lines[1], unit_price_minor=2300, title="Coque iPhone Pro")
    file_lines = (new_cover, replace(first.lines[0], sku="", title="Lampe LED v2"))
    summary = import_orders([replace(first, lines=file_lines)], now=now)
    assert summary.orders_updated == 1
    cover = OrderLine.get_by_id(cover.id)  # same row, updated (matched by SKU)
    assert (cover.title, cover.unit_price_minor) == ("Coque iPhone Pro", 2300)
    titles = sorted(ln.title for ln in Order.get_by_id(order.id).lines)
    assert titles == ["Coque iPhone Pro", "Lampe LED v2"]  # the unreferenced lamp was replaced
    assert not OrderLine.select().where(OrderLine.id == lamp.id).exists()
    # a referenced line missing from the file is kept
    import_orders([replace(first, lines=(file_lines[1],))], now=now)
    assert OrderLine.get_or_none(OrderLine.id == cover.id) is not None
    assert CaseLine.select().count() == 1


def test_updated_orders_are_reindexed_for_search(store, now):
    import_orders(_orders(), now=now)
    order = Order.get(Order.number == "#1002")
    case = make_case(now, order=order)
    assert search_case_ids("Sweat") == [case.id]
    first = _orders()[1]
    renamed = replace(
        first,
        lines=(replace(first.lines[0], title="Pull en laine"),),
        customer_name="Seán Ó Briain",
    )
    summary = import_orders([renamed], now=now)
    assert summary.cases_reindexed == 1
    assert search_case_ids("laine") == [case.id]
    assert search_case_ids("Briain") == [case.id]
    assert search_case_ids("Sweat") == []


def test_imported_orders_are_found_for_a_new_case(store, now):
    import_orders(_orders(), now=now)
    assert [o.number for o in find_orders("1002")] == ["#1002"]
    assert [o.number for o in find_orders("#1006")] == ["#1006"]
    assert {o.number for o in find_orders("chloe.dubois@example.fr")} == {"#1001", "#1005"}
    assert [o.number for o in find_orders("Zoë")] == ["#1003"]
    assert [o.number for o in find_orders("O'Brien")] == ["#1002"]


def test_dry_run_reports_the_same_and_writes_nothing(store, now):
    before = _snapshot()
    preview = import_orders(_orders(), dry_run=True, now=now)
    assert _snapshot() == before
    real = import_orders(_orders(), now=now)
    assert preview.dry_run and not real.dry_run
    assert (preview.orders_created, preview.customers_created, preview.suppliers_created) == (
        real.orders_created,
        real.customers_created,
        real.suppliers_created,
    )


def test_failure_part_way_leaves_nothing(store, now):
    orders = parse_file_big(now)
    before = _snapshot()
    calls = []

    def check():
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        import_orders(orders, now=now, check=check)
    assert _snapshot() == before
    assert Customer.select().count() == 0 and Product.select().count() == 0


def parse_file_big(now):
    from import_data import generate_shopify

    from returnsdesk.formats.importers import parse, read_bytes

    return parse(read_bytes(generate_shopify(1000).encode()), "shopify").orders


def test_invalid_orders_are_refused_before_writing(store, now):
    orders = _orders()
    with pytest.raises(InputError, match="twice"):
        import_orders([orders[0], orders[0]], now=now)
    with pytest.raises(InputError, match="no items"):
        import_orders([replace(orders[0], lines=())], now=now)
    assert Order.select().count() == 0 and Case.select().count() == 0


def test_reimport_keeps_line_delivery_dates_and_flags_recorded_by_hand(store, now):
    """Per-line (parcel) delivery dates and flags are the user's facts: a re-import of the
    store's export (which has none) must not erase them."""
    from returnsdesk.services import rule_facts
    from returnsdesk.services.rule_facts import LineRuleFacts

    import_orders(_orders(), now=now)
    line = OrderLine.select().order_by(OrderLine.id).first()
    rule_facts.save_line_facts(line.id, LineRuleFacts(date(2026, 5, 9), True, True, False), now=now)
    import_orders(_orders(), now=now)
    again = OrderLine.get_by_id(line.id)
    assert (again.delivered_on, again.personalised, again.sealed_hygiene) == (
        date(2026, 5, 9),
        True,
        True,
    )
