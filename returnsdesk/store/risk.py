"""Risk-signal facts in SQL: the case rules as one mask expression for the inbox, the
same facts as columns for explanations, and the supplier figures of the last 12 months.

The rules themselves (thresholds, wording) live in ``domain/risk.py``; the SQL
here computes the same facts, and a test keeps mask and rules in step.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from returnsdesk.domain.risk import (
    BIT,
    SETTING_KEY,
    WINDOW_DAYS,
    CaseFacts,
    Rule,
    SupplierFacts,
    Thresholds,
)
from returnsdesk.store import reports
from returnsdesk.store.connection import database

DEFECT_REASONS = (
    "damaged_in_transit",
    "defective",
    "wrong_item",
    "not_as_described",
    "missing_parts",
    "personalisation_error",
)


def thresholds() -> Thresholds:
    """The thresholds in force (stored setting, else the defaults)."""
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)).fetchone()
    if row is None:
        return Thresholds()
    try:
        return Thresholds.from_mapping(json.loads(row[0]))
    except json.JSONDecodeError:
        return Thresholds()


@lru_cache(maxsize=1)
def _exponent_sql() -> str:
    """``o.currency`` → decimal places, for every currency whose minor unit is not 1/100."""
    from babel.numbers import get_currency_precision, list_currencies

    odd = {}
    for code in sorted(list_currencies()):
        if len(code) == 3 and code.isalpha() and code.isupper():
            places = get_currency_precision(code)
            if places != 2:
                odd[code] = places
    whens = " ".join(f"WHEN '{code}' THEN {places}" for code, places in odd.items())
    return f"(CASE o.currency {whens} ELSE 2 END)"


def window(as_of: date) -> tuple[str, str]:
    """The [start, end) stamps of the 12 months up to ``as_of`` the rules look at."""
    start = as_of - timedelta(days=WINDOW_DAYS - 1)
    return f"{start.isoformat()} 00:00:00", f"{(as_of + timedelta(days=1)).isoformat()} 00:00:00"


_REQUESTS = """(SELECT count(*) FROM "case" c2 JOIN "order" o2 ON o2.id = c2.order_id
    WHERE o2.customer_id = o.customer_id AND c2.opened_at >= ? AND c2.opened_at < ?)"""
_CHARGEBACKS = """(SELECT count(*) FROM "case" c2 JOIN "order" o2 ON o2.id = c2.order_id
    WHERE o2.customer_id = o.customer_id AND c2.kind = 'chargeback' AND c2.id <> c.id)"""
_FIRST_LINE = (
    "(CASE WHEN instr(o.shipping_address, char(10)) > 1 "
    "THEN trim(substr(o.shipping_address, 1, instr(o.shipping_address, char(10)) - 1)) "
    "ELSE '' END)"
)
#: The recipient's name: the first line of a multi-line shipping address (the importers
#: write the "Shipping Name" there), unless that line holds digits (then it is a street).
#: Who a customer signal is about: the customer's e-mail, else (none given) the name.
SUBJECT_SQL = "(CASE WHEN cu.email <> '' THEN cu.email ELSE cu.name END)"
SHIP_NAME = f"(CASE WHEN {_FIRST_LINE} GLOB '*[0-9]*' THEN '' ELSE {_FIRST_LINE} END)"
#: Orders the customer placed before ``o`` (ties on the moment broken by id); two range
#: counts on ``order_customer_placed`` rather than one scan with an OR.
EARLIER_SQL = """((SELECT count(*) FROM "order" o2 WHERE o2.customer_id = o.customer_id
    AND o2.placed_at < o.placed_at) + (SELECT count(*) FROM "order" o2
    WHERE o2.customer_id = o.customer_id AND o2.placed_at = o.placed_at AND o2.id < o.id))"""


_UNIT = "(CASE {e} WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 3 THEN 1000 WHEN 4 THEN 10000 ELSE 100 END)"


def unit_sql() -> str:
    return _UNIT.format(e=_exponent_sql())


def _conditions(as_of: date, t: Thresholds) -> list[tuple[Rule, str, list[object]]]:
    start, end = window(as_of)
    return [
        (Rule.REPEATED_REQUESTS, f"{_REQUESTS} >= ?", [start, end, t.repeat_requests]),
        (Rule.ADDRESS_MISMATCH, MISMATCH_SQL, []),
        (Rule.PAST_CHARGEBACKS, f"{_CHARGEBACKS} >= ?", [t.past_chargebacks]),
        (Rule.BEFORE_DELIVERY, BEFORE_SQL, []),
        (
            Rule.FIRST_ORDER_HIGH_VALUE,
            f"(o.total_minor >= ? * {unit_sql()} AND {EARLIER_SQL} = 0)",
            [t.first_order_value],
        ),
    ]


def mask_sql(as_of: date, t: Thresholds) -> tuple[str, list[object]]:
    """An SQL expression on case alias ``c``: the OR of ``BIT[rule]`` for every rule that fires."""
    parts, params = [], []
    for rule, condition, values in _conditions(as_of, t):
        parts.append(f"(CASE WHEN {condition} THEN {BIT[rule]} ELSE 0 END)")
        params += values
    sql = (
        f'(SELECT {" | ".join(parts)} FROM "order" o JOIN customer cu ON cu.id = o.customer_id '
        "WHERE o.id = c.order_id)"
    )
    return sql, params


MISMATCH_SQL = (
    "((o.billing_country <> '' AND o.shipping_country <> '' "
    "AND o.billing_country <> o.shipping_country) "
    f"OR (o.shipping_address <> '' AND {SHIP_NAME} <> '' AND trim(cu.name) <> '' "
    f"AND lower({SHIP_NAME}) <> lower(trim(cu.name))))"
)
BEFORE_SQL = (
    "(o.delivered_on IS NOT NULL AND substr(c.opened_at, 1, 10) < o.delivered_on "
    "AND c.kind <> 'not_received' AND c.reason NOT IN ('not_received', 'arrived_late'))"
)


def flagged_ids_sql(
    as_of: date, t: Thresholds, opened: tuple[str, str] | None = None
) -> tuple[str, list[object]]:
    """A SELECT of the ids of every case with at least one signal (only those opened in
    ``opened`` = [start, end) stamps when given), set by set: one pass per rule, no
    per-case subquery. Equal to ``mask_sql(...) <> 0``; a test keeps them equal."""
    start, end = window(as_of)
    within = " AND c.opened_at >= ? AND c.opened_at < ?" if opened else ""
    span = list(opened) if opened else []
    branches: list[tuple[str, list[object]]] = [
        (
            """SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            WHERE o.customer_id IN (
                SELECT o2.customer_id FROM "case" c2 JOIN "order" o2 ON o2.id = c2.order_id
                WHERE c2.opened_at >= ? AND c2.opened_at < ? GROUP BY 1 HAVING count(*) >= ?)""",
            [start, end, t.repeat_requests],
        ),
        (
            """SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            JOIN (SELECT o2.customer_id AS customer_id, count(*) AS n
                  FROM "case" c2 JOIN "order" o2 ON o2.id = c2.order_id
                  WHERE c2.kind = 'chargeback' GROUP BY 1) cb ON cb.customer_id = o.customer_id
            WHERE cb.n - (c.kind = 'chargeback') >= ?""",
            [t.past_chargebacks],
        ),
        (
            f"""SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            JOIN customer cu ON cu.id = o.customer_id
            WHERE ({MISMATCH_SQL} OR {BEFORE_SQL})""",
            [],
        ),
        (
            f"""SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            WHERE o.total_minor >= ? * {unit_sql()} AND {EARLIER_SQL} = 0""",
            [t.first_order_value],
        ),
    ]
    params: list[object] = []
    for _, values in branches:
        params += values + span
    return "\nUNION\n".join(sql + within for sql, _ in branches), params


#: A case's per-customer counts: (cases opened in the 12 months, other chargebacks,
#: orders placed before this one).
Counts = tuple[int, int, int]


def case_counts(case_ids: list[int], as_of: date) -> dict[int, Counts]:
    """The counts the rules read for each case, grouped once per customer, not per case."""
    if not case_ids:
        return {}
    start, end = window(as_of)
    rows = database.execute_sql(
        f"""WITH wanted AS (
                SELECT c.id AS case_id, o.customer_id AS customer_id FROM json_each(?) w
                JOIN "case" c ON c.id = w.value JOIN "order" o ON o.id = c.order_id),
            who AS (SELECT DISTINCT customer_id FROM wanted),
            req AS (SELECT o2.customer_id AS customer_id, count(*) AS n
                    FROM who CROSS JOIN "order" o2 ON o2.customer_id = who.customer_id
                    JOIN "case" c2 ON c2.order_id = o2.id
                    WHERE c2.opened_at >= ? AND c2.opened_at < ? GROUP BY 1),
            cb AS (SELECT o2.customer_id AS customer_id, count(*) AS n
                   FROM who CROSS JOIN "order" o2 ON o2.customer_id = who.customer_id
                   JOIN "case" c2 ON c2.order_id = o2.id
                   WHERE c2.kind = 'chargeback' GROUP BY 1)
            SELECT c.id, coalesce(req.n, 0), coalesce(cb.n, 0) - (c.kind = 'chargeback'),
                   {EARLIER_SQL}
            FROM wanted w JOIN "case" c ON c.id = w.case_id
            JOIN "order" o ON o.id = c.order_id
            LEFT JOIN req ON req.customer_id = w.customer_id
            LEFT JOIN cb ON cb.customer_id = w.customer_id""",
        [json.dumps(list(case_ids)), start, end],
    ).fetchall()
    return {cid: (requests, chargebacks, earlier) for cid, requests, chargebacks, earlier in rows}


def case_facts(
    case_ids: list[int], as_of: date, counts: dict[int, Counts] | None = None
) -> dict[int, CaseFacts]:
    """The facts the case rules read, for each case id (missing ids are absent).

    ``counts`` are the cases' per-customer counts when already known (the flagged-case
    snapshot keeps them); the others are counted here.
    """
    if not case_ids:
        return {}
    known = counts or {}
    counted = {**case_counts([i for i in case_ids if i not in known], as_of), **known}
    rows = database.execute_sql(
        f"""SELECT c.id, {fact_columns()}
            FROM json_each(?) w JOIN "case" c ON c.id = w.value
            JOIN "order" o ON o.id = c.order_id
            JOIN customer cu ON cu.id = o.customer_id""",
        [json.dumps(list(case_ids))],
    ).fetchall()
    return {row[0]: facts_of_row(row[1:], counted[row[0]]) for row in rows}


@lru_cache(maxsize=1)
def fact_columns() -> str:
    """The columns ``facts_of_row`` reads, on aliases ``c`` (case), ``o`` (its order) and
    ``cu`` (its customer)."""
    return (
        f"{SUBJECT_SQL}, o.billing_country, o.shipping_country, trim(cu.name), "
        f"{SHIP_NAME}, substr(c.opened_at, 1, 10), o.delivered_on, c.kind, c.reason, "
        f"o.total_minor, o.currency, {_exponent_sql()}"
    )


def facts_of_row(row: Sequence[Any], counts: Counts) -> CaseFacts:
    """A case's facts from the ``fact_columns()`` of its row (aliases ``c``, ``o``, ``cu``)
    and its per-customer counts."""
    who, bc, sc, bn, sn, opened, delivered, kind, reason, total, currency, exponent = row
    requests, chargebacks, earlier = counts
    return CaseFacts(
        customer=who,
        requests_12_months=requests,
        other_chargebacks=chargebacks,
        billing_country=bc,
        shipping_country=sc,
        billing_name=bn,
        shipping_name=sn,
        opened_on=date.fromisoformat(opened),
        delivered_on=date.fromisoformat(delivered) if delivered else None,
        kind=kind,
        reason=reason,
        earlier_orders=earlier,
        order_total_minor=total,
        currency=currency,
        minor_exponent=exponent,
    )


def window_period(as_of: date) -> reports.Period:
    """The 12 months up to ``as_of`` the rules look at, as a report period."""
    return reports.Period(as_of - timedelta(days=WINDOW_DAYS - 1), as_of)


def supplier_facts(
    as_of: date,
    figures: reports.ClaimFigures | None = None,
    defect_rows: list[tuple[int, str, str, int]] | None = None,
    supplier_id: int | None = None,
) -> dict[int, SupplierFacts]:
    """Each supplier's figures over the 12 months up to ``as_of``.

    They are the report's own readings of that period (``reports.claim_figures``, and the
    defect cases counted per supplier): the Reports area passes its claim figures and its
    per-SKU defect rows when it has read them already for the same 12 months, so a report
    reads the year's claims once. Alone (a case header's badges), the defects are a plain
    count: the per-SKU rows look up each case's first product, seconds on a large store.
    With ``supplier_id``, only that supplier's facts are read (a case header's badge reads
    one supplier's year, not every supplier's).
    """
    period = window_period(as_of)
    if figures is None:
        figures = reports.claim_figures(period, supplier_id)
    defects: dict[int, int] = {}
    if defect_rows is None:
        defects = reports.defect_cases_by_supplier(period, DEFECT_REASONS, supplier_id)
    else:
        for sid, _sku, _reason, n in defect_rows:
            defects[sid] = defects.get(sid, 0) + n
    sold = reports.sold_by_supplier(period)
    result = {}
    for sid, name in reports.supplier_names().items():
        if supplier_id is not None and sid != supplier_id:
            continue
        n_replies, median = figures.replies.get(sid, (0, None))
        n_claims, _approved, paid = figures.counts.get(sid, (0, 0, 0))
        result[sid] = SupplierFacts(
            supplier=name,
            replies=n_replies,
            median_reply_days=median,
            orders=sold.get(sid, ("", 0, 0))[1],
            defect_cases=defects.get(sid, 0),
            claims=n_claims,
            reimbursed_claims=paid,
        )
    return result
