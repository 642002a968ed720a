"""Demo data for the Reports area and the risk signals, added after the cases are written.

- orders that never became a case, so each product returns at its category's
  usual rate (5–20 %, apparel highest, kitchenware lowest);
- some billing/shipping mismatches (another country, another recipient's name);
- one slow supplier (its replies come days later) and the suppliers' recorded
  decisions on the claims they answered;
- satisfaction survey answers on about a third of the settled cases.

Rows are generated and inserted in chunks, so memory stays flat on a large demo.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from returnsdesk.demo.catalogue import (
    CARRIERS,
    COUNTRIES,
    FIRST_NAMES,
    LAST_NAMES,
    PRICE_FACTOR,
    PRODUCTS,
)
from returnsdesk.demo.generator import Customer
from returnsdesk.store import demo_extras_sql, demo_sql
from returnsdesk.store.models import to_stamp
from returnsdesk.store.orders_sql import OrderBatch

#: Share of orders that come back, by the product's SKU prefix (seed article: 5–20 %).
RETURN_RATE = {
    "TSH": 0.20,  # apparel: size and fit
    "BAG": 0.16,
    "WAL": 0.14,
    "WAT": 0.13,
    "EAR": 0.12,
    "LMP": 0.11,
    "HUM": 0.10,
    "CHG": 0.09,
    "RUG": 0.12,
    "MAS": 0.10,
    "PIL": 0.08,
    "ORG": 0.07,
    "PLT": 0.09,
    "MUG": 0.06,  # personalised: not returnable unless faulty
    "CSE": 0.06,
    "TNT": 0.08,
    "BTL": 0.05,
    "KNF": 0.06,
    "PAN": 0.05,
}
#: Supplier (1-based id in demo.catalogue.SUPPLIERS order) whose replies are slow.
SLOW_SUPPLIER = 7
CHUNK = 20_000
#: Lines per case in the case generator, on average, for the order volume estimate.
_LINES_PER_CASE = 1.4


def enrich(
    db: Any,
    rng: random.Random,
    now: datetime,
    cases: int,
    customers: Sequence[Customer],
    commit: Callable[[], None],
) -> None:
    """Add the insight demo rows to a freshly written demo store.

    ``customers`` are the case customers ``(id, country, currency)`` the orders draw from;
    ``commit`` ends the bulk load's transaction after each chunk of orders (a million-case
    demo adds some fifteen million orders without a case).
    """
    batch = OrderBatch(db, CHUNK, after_flush=commit)
    _extra_orders(db, batch, rng, now, cases, customers)
    batch.flush()
    demo_extras_sql.mismatch_addresses(db, cases)
    demo_extras_sql.delay_replies(db, SLOW_SUPPLIER, to_stamp(now))
    demo_extras_sql.record_decisions(db)
    _add_surveys(db, _surveys(db, rng, now))


def _order_plan(rng: random.Random, cases: int) -> array[int]:
    """Product index of each order without a case, shuffled (one byte per order)."""
    per_product = cases * _LINES_PER_CASE / len(PRODUCTS)
    plan = array("B")
    for index, product in enumerate(PRODUCTS):
        rate = RETURN_RATE.get(product[0][:3], 0.1)
        plan.extend(array("B", [index]) * round(per_product * (1 / rate - 1)))
    rng.shuffle(plan)
    return plan


class _Buyers:
    """Who places each order without a case: a case customer, a regular, or someone new."""

    def __init__(
        self, db: Any, batch: OrderBatch, customers: Sequence[Customer], now: datetime
    ) -> None:
        self.batch, self.customers = batch, customers
        self.next_id = demo_sql.max_id(db, "customer")
        self.created = to_stamp(now - timedelta(days=600))
        self.regulars: list[Customer] = []  # new customers who may order again

    def pick(self, rng: random.Random) -> Customer:
        # Most buyers never write in: new customers, a few of whom order again.
        draw = rng.random()
        if draw < 0.15:
            return rng.choice(self.customers)
        if draw < 0.45 and self.regulars:
            return rng.choice(self.regulars)
        self.next_id += 1
        country, currency, language, _ = rng.choices(COUNTRIES, [c[3] for c in COUNTRIES])[0]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        customer_id = self.next_id
        self.batch.add_customer(
            (customer_id, f"{first} {last}", f"buyer{customer_id}@example.com", "", "")
            + (country, language, self.created)
        )
        buyer = (customer_id, country, currency)
        if len(self.regulars) < 50_000:
            self.regulars.append(buyer)
        elif rng.random() < 0.1:
            self.regulars[rng.randrange(len(self.regulars))] = buyer
        return buyer


def _extra_orders(
    db: Any,
    batch: OrderBatch,
    rng: random.Random,
    now: datetime,
    cases: int,
    customers: Sequence[Customer],
) -> None:
    """The orders that never became a case, with their lines (and new customers)."""
    buyers = _Buyers(db, batch, customers, now)
    order_id = demo_sql.max_id(db, "order")
    line_id = demo_sql.max_id(db, "order_line")
    for product_index in _order_plan(rng, cases):
        order_id += 1
        customer_id, country, currency = buyers.pick(rng)
        factor = PRICE_FACTOR[currency]
        recent = rng.random() < 0.3
        age = rng.uniform(5, 40) if recent else rng.uniform(40, 560)
        placed = (now - timedelta(days=age, minutes=rng.randrange(1440))).replace(second=0)
        delivered = placed + timedelta(days=rng.randrange(5, 20))
        subtotal = 0
        lines = []
        picks = [product_index]
        if rng.random() < 0.15:
            picks.append(rng.randrange(len(PRODUCTS)))
        for pick in picks:
            sku, title, supplier_index, price, personalised, variants = PRODUCTS[pick]
            quantity = 1 if rng.random() < 0.8 else 2
            unit = price * factor
            subtotal += quantity * unit
            line_id += 1
            variant = rng.choice(variants)
            lines.append(
                (line_id, order_id, pick + 1, supplier_index + 1, sku, title, variant, quantity)
                + (unit, int(personalised), None, 0, 0)
            )
        shipping = rng.choice([0, 499, 699]) * factor // 100
        carrier = rng.choice(CARRIERS)
        method = rng.choice(["Card", "PayPal", "Shop Pay"])
        payment = f"ch_{rng.randrange(16**12):012x}"
        tracking = f"{carrier[:2].upper()}{rng.randrange(10**9, 10**10)}FR"
        batch.add_order(
            (order_id, "shopify", f"#{1000 + order_id}", customer_id, to_stamp(placed))
            + (to_stamp(placed + timedelta(minutes=3)), _day(placed + timedelta(days=2)))
            + (delivered.date().isoformat() if delivered < now else None, currency, subtotal)
            + (shipping, 0, subtotal + shipping, method, payment, carrier, tracking, country)
            + (country, "")
        )
        for line in lines:
            batch.add_line(line)


_DEFECTS = {"damaged_in_transit", "defective", "wrong_item", "not_as_described", "missing_parts"}


Survey = tuple[int, int, int, str, datetime]


def _day(moment: datetime) -> str:
    return moment.date().isoformat()


def _surveys(db: Any, rng: random.Random, now: datetime) -> Iterator[Survey]:
    comments = [
        "",
        "",
        "Quick and easy, thank you.",
        "Took a while but sorted in the end.",
        "Très bon service, merci !",
        "The return label was hard to print.",
        "I had to chase twice.",
    ]
    for case_id, reason, supplier_id, finished in demo_extras_sql.settled_cases(db):
        if rng.random() >= 0.35:
            continue
        ease = rng.choices([1, 2, 3, 4, 5], [2, 4, 14, 40, 40])[0]
        outcome = rng.choices([1, 2, 3, 4, 5], [3, 5, 12, 35, 45])[0]
        if reason in _DEFECTS:
            outcome = max(1, outcome - rng.choice([0, 0, 1]))
        if supplier_id == SLOW_SUPPLIER:
            ease = max(1, ease - rng.choice([1, 1, 2]))
        answered = min(
            datetime.fromisoformat(finished.replace(" ", "T") + "+00:00")
            + timedelta(days=rng.randrange(1, 6)),
            now,
        )
        yield case_id, ease, outcome, rng.choice(comments), answered


def _add_surveys(db: Any, answers: Iterator[Survey]) -> None:
    batch_answers: list[tuple[object, ...]] = []
    batch_events: list[tuple[object, ...]] = []

    def flush() -> None:
        demo_extras_sql.insert_surveys(db, batch_answers)
        demo_extras_sql.insert_plain_events(db, batch_events)
        batch_answers.clear()
        batch_events.clear()

    for case_id, ease, outcome, comment, answered in answers:
        stamp = to_stamp(answered)
        batch_answers.append((case_id, ease, outcome, comment, answered.date().isoformat(), stamp))
        text = f"Satisfaction survey answered: ease {ease}/5, outcome {outcome}/5"
        text += f". Comment: {comment}" if comment else ""
        batch_events.append((case_id, stamp, "survey", text))
        if len(batch_answers) >= CHUNK:
            flush()
    flush()
