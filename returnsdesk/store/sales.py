"""Sales per day, maintained by triggers, so a report over a year of orders reads a few
thousand summary rows instead of a million order lines.

Three tables, each keyed by the order's UTC placing day (``YYYY-MM-DD``):

- ``sales_day``: orders placed and units on their lines;
- ``sales_sku_day``: per SKU, the orders holding it and the units sold;
- ``sales_supplier_day``: per supplier (0 = none), the orders holding its goods and
  the units.

Triggers on ``order`` and ``order_line`` keep them equal to the rows, whatever
writes the rows (the order form, imports, the demo). ``rebuild`` recomputes them
from scratch (the migration and bulk loads use it); a test checks the triggers
against ``rebuild`` after inserts, edits, moves and deletions.
"""

from __future__ import annotations

from returnsdesk.store.summary_table import SummaryTable

TABLES = """
CREATE TABLE sales_day (
    day TEXT PRIMARY KEY NOT NULL,
    orders INTEGER NOT NULL DEFAULT 0,
    units INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE sales_sku_day (
    day TEXT NOT NULL,
    sku TEXT NOT NULL,
    orders INTEGER NOT NULL DEFAULT 0,
    units INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, sku)
) STRICT;
CREATE TABLE sales_supplier_day (
    day TEXT NOT NULL,
    supplier_id INTEGER NOT NULL,
    orders INTEGER NOT NULL DEFAULT 0,
    units INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, supplier_id)
) STRICT;
"""

_DAY_OF = '(SELECT substr(placed_at, 1, 10) FROM "order" WHERE id = {row}.order_id)'


def _line_effect(row: str, sign: str, exclude_self: bool) -> str:
    """Statements adding (sign '+') or removing ('-') the line ``row`` (NEW or OLD)."""
    day = _DAY_OF.format(row=row)
    self_clause = f"AND id <> {row}.id" if exclude_self else ""
    sku_first = (
        f"(NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = {row}.order_id "
        f"AND sku = {row}.sku {self_clause}))"
    )
    supplier_first = (
        f"(NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = {row}.order_id "
        f"AND coalesce(supplier_id, 0) = coalesce({row}.supplier_id, 0) {self_clause}))"
    )
    return f"""
    INSERT INTO sales_day (day, orders, units) VALUES ({day}, 0, {sign}{row}.quantity)
        ON CONFLICT (day) DO UPDATE SET units = units + excluded.units;
    INSERT INTO sales_sku_day (day, sku, orders, units)
        VALUES ({day}, {row}.sku, {sign}{sku_first}, {sign}{row}.quantity)
        ON CONFLICT (day, sku) DO UPDATE SET orders = orders + excluded.orders,
                                             units = units + excluded.units;
    INSERT INTO sales_supplier_day (day, supplier_id, orders, units)
        VALUES ({day}, coalesce({row}.supplier_id, 0), {sign}{supplier_first}, {sign}{row}.quantity)
        ON CONFLICT (day, supplier_id) DO UPDATE SET orders = orders + excluded.orders,
                                                     units = units + excluded.units;"""


def _order_move(old_day: str, new_day: str) -> str:
    """Move a whole order (NEW.id) from ``old_day`` to ``new_day``."""
    statements = []
    for day, sign in ((old_day, "-"), (new_day, "+")):
        statements.append(f"""
    INSERT INTO sales_day (day, orders, units)
        SELECT {day}, {sign}1, {sign}coalesce(sum(quantity), 0) FROM order_line
        WHERE order_id = NEW.id
        ON CONFLICT (day) DO UPDATE SET orders = orders + excluded.orders,
                                        units = units + excluded.units;
    INSERT INTO sales_sku_day (day, sku, orders, units)
        SELECT {day}, sku, {sign}1, {sign}sum(quantity) FROM order_line
        WHERE order_id = NEW.id GROUP BY sku
        ON CONFLICT (day, sku) DO UPDATE SET orders = orders + excluded.orders,
                                             units = units + excluded.units;
    INSERT INTO sales_supplier_day (day, supplier_id, orders, units)
        SELECT {day}, coalesce(supplier_id, 0), {sign}1, {sign}sum(quantity) FROM order_line
        WHERE order_id = NEW.id GROUP BY coalesce(supplier_id, 0)
        ON CONFLICT (day, supplier_id) DO UPDATE SET orders = orders + excluded.orders,
                                                     units = units + excluded.units;""")
    return "".join(statements)


TRIGGERS = f"""
CREATE TRIGGER sales_order_insert AFTER INSERT ON "order"
BEGIN
    INSERT INTO sales_day (day, orders, units) VALUES (substr(NEW.placed_at, 1, 10), 1, 0)
        ON CONFLICT (day) DO UPDATE SET orders = orders + 1;
END;
CREATE TRIGGER sales_order_delete AFTER DELETE ON "order"
BEGIN
    UPDATE sales_day SET orders = orders - 1 WHERE day = substr(OLD.placed_at, 1, 10);
END;
CREATE TRIGGER sales_order_move AFTER UPDATE OF placed_at ON "order"
WHEN substr(OLD.placed_at, 1, 10) <> substr(NEW.placed_at, 1, 10)
BEGIN{_order_move("substr(OLD.placed_at, 1, 10)", "substr(NEW.placed_at, 1, 10)")}
END;
CREATE TRIGGER sales_line_insert AFTER INSERT ON order_line
BEGIN{_line_effect("NEW", "+", True)}
END;
CREATE TRIGGER sales_line_delete AFTER DELETE ON order_line
BEGIN{_line_effect("OLD", "-", False)}
END;
CREATE TRIGGER sales_line_update AFTER UPDATE OF order_id, sku, supplier_id, quantity
ON order_line
BEGIN{_line_effect("OLD", "-", True)}{_line_effect("NEW", "+", True)}
END;
"""

REBUILD = """
DELETE FROM sales_day;
DELETE FROM sales_sku_day;
DELETE FROM sales_supplier_day;
INSERT INTO sales_day (day, orders, units)
    SELECT substr(o.placed_at, 1, 10), count(*),
           coalesce(sum((SELECT sum(quantity) FROM order_line WHERE order_id = o.id)), 0)
    FROM "order" o GROUP BY 1;
INSERT INTO sales_sku_day (day, sku, orders, units)
    SELECT substr(o.placed_at, 1, 10), ol.sku, count(DISTINCT ol.order_id), sum(ol.quantity)
    FROM order_line ol JOIN "order" o ON o.id = ol.order_id GROUP BY 1, 2;
INSERT INTO sales_supplier_day (day, supplier_id, orders, units)
    SELECT substr(o.placed_at, 1, 10), coalesce(ol.supplier_id, 0), count(DISTINCT ol.order_id),
           sum(ol.quantity)
    FROM order_line ol JOIN "order" o ON o.id = ol.order_id GROUP BY 1, 2;
"""


SUMMARY = SummaryTable(schema=TABLES, triggers=TRIGGERS, rebuild=REBUILD)
