"""What ``validate_imported`` refuses in an imported order, each with the sentence the
user sees: dates out of order, undated times, and item lines that cannot be stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from returnsdesk.domain.errors import InputError
from returnsdesk.services.imports import ImportedLine, ImportedOrder, validate_imported

PLACED = datetime(2026, 5, 2, 14, 30, tzinfo=UTC)
LINE = ImportedLine(title="Lampe Opaline", quantity=1, unit_price_minor=4900)
GOOD = ImportedOrder(
    store="shopify", number="#1042", placed_at=PLACED, currency="EUR", lines=(LINE,),
    shipped_on=date(2026, 5, 4), delivered_on=date(2026, 5, 9),
)  # fmt: skip


def test_a_well_formed_order_passes():
    validate_imported(GOOD)
    validate_imported(replace(GOOD, shipped_on=None, delivered_on=None))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"placed_at": PLACED.replace(tzinfo=None)}, "#1042: the order date needs a time zone"),
        ({"shipped_on": date(2026, 5, 1)}, "#1042: shipped before it was placed"),
        ({"shipped_on": None, "delivered_on": date(2026, 5, 1)},
         "#1042: delivered before it was placed"),
        ({"delivered_on": date(2026, 5, 3)}, "#1042: delivered before it was shipped"),
        # The dates are judged before the items: an undated order with no items names the date.
        ({"placed_at": PLACED.replace(tzinfo=None), "lines": ()}, "needs a time zone"),
        ({"lines": ()}, "Order #1042 has no items"),
        ({"lines": (replace(LINE, quantity=1.5),)}, "quantities are whole numbers"),
        ({"lines": (replace(LINE, quantity=True),)}, "quantities are whole numbers"),
        ({"lines": (replace(LINE, quantity=0),)}, "quantity of 'Lampe Opaline' must be at least 1"),
        ({"lines": (replace(LINE, unit_price_minor=-1),)}, "unit price cannot be negative"),
        ({"lines": (replace(LINE, title=""),)}, "Item title"),
    ],
)  # fmt: skip
def test_refusals_name_the_order_and_the_problem(changes, message):
    with pytest.raises(InputError, match=message):
        validate_imported(replace(GOOD, **changes))
