"""The sales-per-day tables stay equal to a recomputation from the rows, whatever changes."""

from __future__ import annotations

from datetime import UTC, datetime

from returnsdesk.store import sales
from returnsdesk.store.db import database
from returnsdesk.store.models import Order, OrderLine
from returnsdesk.store.sql_script import execute_script
from tests import insight_store


def _tables() -> dict[str, list[tuple]]:
    return {
        table: sorted(
            row
            for row in database.execute_sql(f"SELECT * FROM {table}").fetchall()
            if any(row[-2:])  # rows emptied by deletions count as absent
        )
        for table in ("sales_day", "sales_sku_day", "sales_supplier_day")
    }


def _recomputed() -> dict[str, list[tuple]]:
    with database.atomic() as tx:
        execute_script(database, sales.SUMMARY.rebuild)
        fresh = _tables()
        tx.rollback()
    return fresh


def test_triggers_follow_inserts_edits_moves_and_deletions(store):
    made = insight_store.build()
    assert _tables() == _recomputed()
    order = Order.get(Order.number == "#2")
    lamp = [line for line in order.lines if line.sku == "LMP"][0]
    # a second lamp line in the same order must not count the order twice for LMP
    OrderLine.create(
        order=order,
        sku="LMP",
        title="Lamp",
        quantity=1,
        unit_price_minor=4900,
        supplier=made["a"].id,
    )
    assert _tables() == _recomputed()
    OrderLine.update(quantity=5, sku="LMP-XL").where(OrderLine.id == lamp.id).execute()
    assert _tables() == _recomputed()
    OrderLine.update(supplier=None).where(OrderLine.id == lamp.id).execute()
    assert _tables() == _recomputed()
    Order.update(placed_at=datetime(2026, 6, 1, 8, tzinfo=UTC)).where(
        Order.id == order.id
    ).execute()
    assert _tables() == _recomputed()
    other = Order.get(Order.number == "#3")
    OrderLine.update(order=other.id).where(OrderLine.id == lamp.id).execute()
    assert _tables() == _recomputed()
    OrderLine.delete().where(OrderLine.id == lamp.id).execute()
    assert _tables() == _recomputed()
    lonely = Order.get(Order.number == "#3")
    OrderLine.delete().where(OrderLine.order == lonely.id).execute()
    Order.delete().where(Order.id == lonely.id).execute()
    assert _tables() == _recomputed()
