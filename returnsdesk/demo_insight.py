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
from collections.abc import Iterator
from datetime import datetime, timedelta

from returnsdesk.store.models import to_stamp

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
#: Supplier (1-based id in demo.SUPPLIERS order) whose replies are slow.
SLOW_SUPPLIER = 7
CHUNK = 20_000
#: Lines per case in the case generator, on average, for the order volume estimate.
_LINES_PER_CASE = 1.4


def enrich(db, rng: random.Random, now: datetime, cases: int) -> None:
    """Add the insight demo rows to a freshly written demo store (inside its transaction)."""
    from returnsdesk import demo

    cursor = db.cursor()
    _insert_chunks(cursor, _extra_orders(db, rng, now, cases, demo))
    _mismatches(cursor, cases)
    _slow_supplier(cursor, now)
    _decisions(cursor)
    _insert_surveys(cursor, _surveys(db, rng, now))


_ORDER_COLUMNS = (
    "id, store, number, customer_id, placed_at, paid_at, shipped_on, delivered_on, currency, "
    "subtotal_minor, shipping_minor, tax_minor, total_minor, payment_method, payment_reference, "
    "carrier, tracking_number, billing_country, shipping_country, shipping_address"
)
_LINE_COLUMNS = (
    "id, order_id, product_id, supplier_id, sku, title, variant, quantity, unit_price_minor, "
    "personalised"
)


def _extra_orders(db, rng: random.Random, now: datetime, cases: int, demo) -> Iterator[tuple]:
    """("customer" | "order" | "line", row) for the orders without a case."""
    currency_of = {country: currency for country, currency, _, _ in demo.COUNTRIES}
    customers = [
        (cid, country, currency_of.get(country, "EUR"))
        for cid, country in db.execute_sql("SELECT id, country FROM customer ORDER BY id")
    ]
    next_customer = db.execute_sql("SELECT coalesce(max(id), 0) FROM customer").fetchone()[0]
    created = to_stamp(now - timedelta(days=600))
    regulars: list[tuple[int, str, str]] = []  # new customers who may order again
    order_id = db.execute_sql('SELECT coalesce(max(id), 0) FROM "order"').fetchone()[0]
    line_id = db.execute_sql("SELECT coalesce(max(id), 0) FROM order_line").fetchone()[0]
    per_product = cases * _LINES_PER_CASE / len(demo.PRODUCTS)
    plan = []
    for index, product in enumerate(demo.PRODUCTS):
        rate = RETURN_RATE.get(product[0][:3], 0.1)
        plan += [index] * round(per_product * (1 / rate - 1))
    rng.shuffle(plan)
    for product_index in plan:
        order_id += 1
        # Most buyers never write in: new customers, a few of whom order again.
        draw = rng.random()
        if draw < 0.15:
            customer_id, country, currency = rng.choice(customers)
        elif draw < 0.45 and regulars:
            customer_id, country, currency = rng.choice(regulars)
        else:
            next_customer += 1
            country, currency, language, _ = rng.choices(
                demo.COUNTRIES, [c[3] for c in demo.COUNTRIES]
            )[0]
            first, last = rng.choice(demo.FIRST_NAMES), rng.choice(demo.LAST_NAMES)
            customer_id = next_customer
            yield (
                "customer",
                (
                    customer_id,
                    f"{first} {last}",
                    f"buyer{customer_id}@example.com",
                    "",
                    "",
                    country,
                    language,
                    created,
                ),
            )
            if len(regulars) < 50_000:
                regulars.append((customer_id, country, currency))
            elif rng.random() < 0.1:
                regulars[rng.randrange(len(regulars))] = (customer_id, country, currency)
        factor = demo.PRICE_FACTOR[currency]
        recent = rng.random() < 0.3
        age = rng.uniform(5, 40) if recent else rng.uniform(40, 560)
        placed = (now - timedelta(days=age, minutes=rng.randrange(1440))).replace(second=0)
        delivered = placed + timedelta(days=rng.randrange(5, 20))
        subtotal = 0
        lines = []
        picks = [product_index]
        if rng.random() < 0.15:
            picks.append(rng.randrange(len(demo.PRODUCTS)))
        for pick in picks:
            sku, title, supplier_index, price, personalised, variants = demo.PRODUCTS[pick]
            quantity = 1 if rng.random() < 0.8 else 2
            unit = price * factor
            subtotal += quantity * unit
            line_id += 1
            lines.append(
                (
                    line_id,
                    order_id,
                    pick + 1,
                    supplier_index + 1,
                    sku,
                    title,
                    rng.choice(variants),
                    quantity,
                    unit,
                    int(personalised),
                )
            )
        shipping = rng.choice([0, 499, 699]) * factor // 100
        carrier = rng.choice(demo.CARRIERS)
        yield (
            "order",
            (
                order_id,
                "shopify",
                f"#{1000 + order_id}",
                customer_id,
                to_stamp(placed),
                to_stamp(placed + timedelta(minutes=3)),
                (placed + timedelta(days=2)).date().isoformat(),
                delivered.date().isoformat() if delivered < now else None,
                currency,
                subtotal,
                shipping,
                0,
                subtotal + shipping,
                rng.choice(["Card", "PayPal", "Shop Pay"]),
                f"ch_{rng.randrange(16**12):012x}",
                carrier,
                f"{carrier[:2].upper()}{rng.randrange(10**9, 10**10)}FR",
                country,
                country,
                "",
            ),
        )
        for line in lines:
            yield "line", line


def _insert_chunks(cursor, rows: Iterator[tuple]) -> None:
    sql = {
        "customer": "INSERT INTO customer (id, name, email, phone, address, country, language, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        "order": f'INSERT INTO "order" ({_ORDER_COLUMNS}) VALUES ({", ".join("?" * 20)})',
        "line": f"INSERT INTO order_line ({_LINE_COLUMNS}) VALUES ({', '.join('?' * 10)})",
    }
    order = ("customer", "order", "line")  # each refers to the one before
    batches: dict[str, list[tuple]] = {table: [] for table in order}

    def flush(upto: str) -> None:
        for table in order[: order.index(upto) + 1]:
            cursor.executemany(sql[table], batches[table])
            batches[table].clear()

    for table, row in rows:
        batches[table].append(row)
        if len(batches[table]) >= CHUNK:
            flush(table)
    flush("line")


def _mismatches(cursor, cases: int) -> None:
    """About 3 % of the case orders ship abroad, 2 % to another recipient's name."""
    cursor.execute(
        """UPDATE "order" SET shipping_country = CASE billing_country
               WHEN 'FR' THEN 'BE' WHEN 'GB' THEN 'IE' WHEN 'US' THEN 'CA' ELSE 'FR' END
           WHERE id <= ? AND id % 33 = 5""",
        (cases,),
    )
    cursor.execute(
        """UPDATE "order" SET shipping_address =
               'Jordan Blake' || char(10) || '27 Quai des Brumes' || char(10) || '75010 Paris'
           WHERE id <= ? AND id % 47 = 11""",
        (cases,),
    )


def _slow_supplier(cursor, now: datetime) -> None:
    """The slow supplier answers 3–6 days after each claim, never after today."""
    shift = "'+' || (3 + (id % 4)) || ' days'"
    latest = to_stamp(now)
    cursor.execute(
        f"""UPDATE supplier_contact SET at = min(datetime(at, {shift}), ?)
            WHERE supplier_id = ? AND direction = 'received'""",
        (latest, SLOW_SUPPLIER),
    )
    cursor.execute(
        """UPDATE supplier_contact SET answered_at = (
               SELECT min(r.at) FROM supplier_contact r WHERE r.case_id = supplier_contact.case_id
               AND r.direction = 'received')
           WHERE supplier_id = ? AND direction = 'sent' AND answered_at IS NOT NULL""",
        (SLOW_SUPPLIER,),
    )
    cursor.execute(
        """UPDATE case_event SET at = (
               SELECT min(r.at) FROM supplier_contact r WHERE r.case_id = case_event.case_id
               AND r.direction = 'received')
           WHERE kind = 'contact' AND text LIKE 'Supplier replied%'
           AND case_id IN (SELECT id FROM "case" WHERE supplier_id = ?)""",
        (SLOW_SUPPLIER,),
    )


def _decisions(cursor) -> None:
    """Record the supplier's decision on each answered claim, as the case went on."""
    cursor.execute(
        """UPDATE supplier_contact SET decision = (
               SELECT CASE
                   WHEN c.status = 'rejected' THEN 'rejected'
                   WHEN c.status IN ('approved', 'awaiting_return', 'return_in_transit',
                                     'received', 'resolved', 'closed')
                        AND c.agreed_resolution = 'partial_refund' THEN 'partially_approved'
                   WHEN c.status IN ('approved', 'awaiting_return', 'return_in_transit',
                                     'received', 'resolved', 'closed') THEN 'approved'
                   ELSE '' END
               FROM "case" c WHERE c.id = supplier_contact.case_id)
           WHERE direction = 'received' AND case_id IS NOT NULL"""
    )


_DEFECTS = {"damaged_in_transit", "defective", "wrong_item", "not_as_described", "missing_parts"}


def _surveys(db, rng: random.Random, now: datetime) -> Iterator[tuple]:
    rows = db.execute_sql(
        """SELECT id, reason, supplier_id, coalesce(closed_at, updated_at) FROM "case"
           WHERE status IN ('resolved', 'closed') ORDER BY id"""
    )
    comments = [
        "",
        "",
        "Quick and easy, thank you.",
        "Took a while but sorted in the end.",
        "Très bon service, merci !",
        "The return label was hard to print.",
        "I had to chase twice.",
    ]
    for case_id, reason, supplier_id, finished in rows:
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


def _insert_surveys(cursor, answers: Iterator[tuple]) -> None:
    batch_answers, batch_events = [], []

    def flush() -> None:
        cursor.executemany(
            "INSERT INTO survey_answer (case_id, ease, outcome, comment, answered_on, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            batch_answers,
        )
        cursor.executemany(
            "INSERT INTO case_event (case_id, at, kind, from_status, to_status, text) "
            "VALUES (?, ?, 'survey', '', '', ?)",
            batch_events,
        )
        batch_answers.clear()
        batch_events.clear()

    for case_id, ease, outcome, comment, answered in answers:
        stamp = to_stamp(answered)
        batch_answers.append((case_id, ease, outcome, comment, answered.date().isoformat(), stamp))
        text = f"Satisfaction survey answered: ease {ease}/5, outcome {outcome}/5"
        batch_events.append((case_id, stamp, text + (f". Comment: {comment}" if comment else "")))
        if len(batch_answers) >= CHUNK:
            flush()
    flush()
