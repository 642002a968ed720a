"""Risk-signal facts in SQL: the case rules as one mask expression for the inbox, the
same facts as columns for explanations, and the supplier figures of the last 12 months.

The rules themselves (thresholds, wording) live in ``domain/risk.py``; the SQL
here computes the same facts, and a test keeps mask and rules in step.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import lru_cache

from returnsdesk.domain.risk import (
    BIT,
    SETTING_KEY,
    WINDOW_DAYS,
    CaseFacts,
    Rule,
    SupplierFacts,
    Thresholds,
)
from returnsdesk.store.connection import database, write
from returnsdesk.store.sql_script import split_script

DEFECT_REASONS = (
    "damaged_in_transit",
    "defective",
    "wrong_item",
    "not_as_described",
    "missing_parts",
    "personalisation_error",
)
_DEFECTS = ", ".join(f"'{r}'" for r in DEFECT_REASONS)


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
    return _window(as_of)


def _window(as_of: date) -> tuple[str, str]:
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
SHIP_NAME = f"(CASE WHEN {_FIRST_LINE} GLOB '*[0-9]*' THEN '' ELSE {_FIRST_LINE} END)"
#: Orders the customer placed before ``o`` (ties on the moment broken by id); two range
#: counts on ``order_customer_placed`` rather than one scan with an OR.
_EARLIER = """((SELECT count(*) FROM "order" o2 WHERE o2.customer_id = o.customer_id
    AND o2.placed_at < o.placed_at) + (SELECT count(*) FROM "order" o2
    WHERE o2.customer_id = o.customer_id AND o2.placed_at = o.placed_at AND o2.id < o.id))"""


_UNIT = "(CASE {e} WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 3 THEN 1000 WHEN 4 THEN 10000 ELSE 100 END)"


def _unit_sql() -> str:
    return _UNIT.format(e=_exponent_sql())


def _conditions(as_of: date, t: Thresholds) -> list[tuple[Rule, str, list]]:
    start, end = _window(as_of)
    return [
        (Rule.REPEATED_REQUESTS, f"{_REQUESTS} >= ?", [start, end, t.repeat_requests]),
        (Rule.ADDRESS_MISMATCH, _MISMATCH, []),
        (Rule.PAST_CHARGEBACKS, f"{_CHARGEBACKS} >= ?", [t.past_chargebacks]),
        (Rule.BEFORE_DELIVERY, _BEFORE, []),
        (
            Rule.FIRST_ORDER_HIGH_VALUE,
            f"(o.total_minor >= ? * {_unit_sql()} AND {_EARLIER} = 0)",
            [t.first_order_value],
        ),
    ]


def mask_sql(as_of: date, t: Thresholds) -> tuple[str, list]:
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


_MISMATCH = (
    "((o.billing_country <> '' AND o.shipping_country <> '' "
    "AND o.billing_country <> o.shipping_country) "
    f"OR (o.shipping_address <> '' AND {SHIP_NAME} <> '' AND trim(cu.name) <> '' "
    f"AND lower({SHIP_NAME}) <> lower(trim(cu.name))))"
)
_BEFORE = (
    "(o.delivered_on IS NOT NULL AND substr(c.opened_at, 1, 10) < o.delivered_on "
    "AND c.kind <> 'not_received' AND c.reason NOT IN ('not_received', 'arrived_late'))"
)


def flagged_ids_sql(
    as_of: date, t: Thresholds, opened: tuple[str, str] | None = None
) -> tuple[str, list]:
    """A SELECT of the ids of every case with at least one signal (only those opened in
    ``opened`` = [start, end) stamps when given), set by set: one pass per rule, no
    per-case subquery. Equal to ``mask_sql(...) <> 0``; a test keeps them equal."""
    start, end = _window(as_of)
    within = " AND c.opened_at >= ? AND c.opened_at < ?" if opened else ""
    span = list(opened) if opened else []
    branches = [
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
            WHERE ({_MISMATCH} OR {_BEFORE})""",
            [],
        ),
        (
            f"""SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            WHERE o.total_minor >= ? * {_unit_sql()} AND {_EARLIER} = 0""",
            [t.first_order_value],
        ),
    ]
    params: list = []
    for _, values in branches:
        params += values + span
    return "\nUNION\n".join(sql + within for sql, _ in branches), params


def case_facts(case_ids: list[int], as_of: date) -> dict[int, CaseFacts]:
    """The facts the case rules read, for each case id (missing ids are absent).

    Per-customer counts are grouped once for all the given cases, not once per case.
    """
    if not case_ids:
        return {}
    start, end = _window(as_of)
    rows = database.execute_sql(
        f"""WITH wanted AS (
                SELECT c.id AS case_id, o.customer_id AS customer_id FROM "case" c
                JOIN "order" o ON o.id = c.order_id
                WHERE c.id IN (SELECT value FROM json_each(?))),
            who AS (SELECT DISTINCT customer_id FROM wanted),
            req AS (SELECT o2.customer_id AS customer_id, count(*) AS n
                    FROM who CROSS JOIN "order" o2 ON o2.customer_id = who.customer_id
                    JOIN "case" c2 ON c2.order_id = o2.id
                    WHERE c2.opened_at >= ? AND c2.opened_at < ? GROUP BY 1),
            cb AS (SELECT o2.customer_id AS customer_id, count(*) AS n
                   FROM who CROSS JOIN "order" o2 ON o2.customer_id = who.customer_id
                   JOIN "case" c2 ON c2.order_id = o2.id
                   WHERE c2.kind = 'chargeback' GROUP BY 1)
            SELECT c.id, CASE WHEN cu.email <> '' THEN cu.email ELSE cu.name END,
                   coalesce(req.n, 0), coalesce(cb.n, 0) - (c.kind = 'chargeback'),
                   o.billing_country, o.shipping_country, trim(cu.name), {SHIP_NAME},
                   substr(c.opened_at, 1, 10), o.delivered_on, c.kind, c.reason, {_EARLIER},
                   o.total_minor, o.currency, {_exponent_sql()}
            FROM wanted w JOIN "case" c ON c.id = w.case_id
            JOIN "order" o ON o.id = c.order_id
            JOIN customer cu ON cu.id = o.customer_id
            LEFT JOIN req ON req.customer_id = w.customer_id
            LEFT JOIN cb ON cb.customer_id = w.customer_id""",
        [json.dumps(list(case_ids)), start, end],
    ).fetchall()
    result: dict[int, CaseFacts] = {}
    for row in rows:
        (cid, who, requests, chargebacks, bc, sc, bn, sn, opened, delivered, *rest) = row
        kind, reason, earlier, total, currency, exponent = rest
        result[cid] = CaseFacts(
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
    return result


_MEDIAN_REPLY = """
WITH replies AS (
    SELECT supplier_id, julianday(first_reply) - julianday(first_sent) AS days
    FROM supplier_claim
    WHERE first_sent >= ? AND first_sent < ? AND first_reply IS NOT NULL
),
ranked AS (
    SELECT supplier_id, days,
           row_number() OVER (PARTITION BY supplier_id ORDER BY days) AS rn,
           count(*) OVER (PARTITION BY supplier_id) AS n
    FROM replies
)
SELECT supplier_id, max(n), avg(days) FROM ranked
WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY supplier_id
"""


def supplier_facts(as_of: date) -> dict[int, SupplierFacts]:
    """Each supplier's figures over the 12 months up to ``as_of``."""
    start, end = _window(as_of)
    names = dict(database.execute_sql("SELECT id, name FROM supplier").fetchall())
    replies = {
        sid: (n, days)
        for sid, n, days in database.execute_sql(_MEDIAN_REPLY, (start, end)).fetchall()
    }
    orders = dict(
        database.execute_sql(
            """SELECT supplier_id, sum(orders) FROM sales_supplier_day
               WHERE day >= ? AND day < ? AND supplier_id <> 0 GROUP BY 1""",
            (start[:10], end[:10]),
        ).fetchall()
    )
    defects = dict(
        database.execute_sql(
            f"""SELECT c.supplier_id, count(*) FROM "case" c
                WHERE c.opened_at >= ? AND c.opened_at < ? AND c.reason IN ({_DEFECTS})
                AND c.supplier_id IS NOT NULL GROUP BY 1""",
            (start, end),
        ).fetchall()
    )
    claims = {
        sid: (n, paid)
        for sid, n, paid in database.execute_sql(
            """SELECT supplier_id, count(*), sum(reimbursed_minor > 0) FROM supplier_claim
               WHERE first_sent >= ? AND first_sent < ? GROUP BY 1""",
            (start, end),
        ).fetchall()
    }
    result = {}
    for sid, name in names.items():
        n_replies, median = replies.get(sid, (0, None))
        n_claims, paid = claims.get(sid, (0, 0))
        result[sid] = SupplierFacts(
            supplier=name,
            replies=n_replies,
            median_reply_days=median,
            orders=orders.get(sid, 0),
            defect_cases=defects.get(sid, 0),
            claims=n_claims,
            reimbursed_claims=paid or 0,
        )
    return result


# --- The flagged-case snapshot ------------------------------------------------------------
#
# The inbox's "Risk signals only" filter, its risk column and the report's customer
# signals read ``risk_flagged``: every case with at least one case rule firing, with
# its mask, as of one day and one set of thresholds. Triggers bump
# ``risk_state.version`` on every write that can change a rule's facts (a case opened,
# moved to another order, re-kinded or re-reasoned; an order's customer, dates,
# addresses or total; a customer's name), so the snapshot is used only while it is
# exactly what the rules give; otherwise the set-based SQL above is read, and
# ``rebuild_flagged`` (run off the GUI thread) brings the snapshot up to date.

SNAPSHOT_SCHEMA = """
CREATE TABLE risk_flagged (
    case_id INTEGER PRIMARY KEY NOT NULL,
    mask INTEGER NOT NULL
) STRICT;
CREATE TABLE risk_state (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version INTEGER NOT NULL DEFAULT 0,
    built_version INTEGER,
    built_key TEXT
) STRICT;
INSERT INTO risk_state (id, version) VALUES (1, 0);
"""

_BUMP = "BEGIN UPDATE risk_state SET version = version + 1; END;"


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


_CASE_FACTS = ("order_id", "kind", "reason", "opened_at")
_ORDER_FACTS = (
    "customer_id",
    "placed_at",
    "billing_country",
    "shipping_country",
    "shipping_address",
    "delivered_on",
    "total_minor",
    "currency",
)
_CUSTOMER_FACTS = ("name", "email")

SNAPSHOT_TRIGGERS = f"""
CREATE TRIGGER risk_case_insert AFTER INSERT ON "case" {_BUMP}
CREATE TRIGGER risk_case_delete AFTER DELETE ON "case" {_BUMP}
CREATE TRIGGER risk_case_update AFTER UPDATE ON "case"
WHEN {_changed(_CASE_FACTS)} {_BUMP}
CREATE TRIGGER risk_order_insert AFTER INSERT ON "order" {_BUMP}
CREATE TRIGGER risk_order_delete AFTER DELETE ON "order" {_BUMP}
CREATE TRIGGER risk_order_update AFTER UPDATE ON "order"
WHEN {_changed(_ORDER_FACTS)} {_BUMP}
CREATE TRIGGER risk_customer_update AFTER UPDATE ON customer
WHEN {_changed(_CUSTOMER_FACTS)} {_BUMP}
"""


def create_snapshot(db) -> None:
    """The snapshot table, its state row and the triggers (the migration step)."""
    for statement in split_script(SNAPSHOT_SCHEMA) + split_script(SNAPSHOT_TRIGGERS):
        db.execute_sql(statement)


def _snapshot_key(as_of: date, t: Thresholds) -> str:
    from dataclasses import asdict

    return json.dumps({"as_of": as_of.isoformat(), "thresholds": asdict(t)}, sort_keys=True)


def snapshot_fresh(as_of: date, t: Thresholds) -> bool:
    """Whether ``risk_flagged`` holds exactly the flagged cases as of ``as_of`` under ``t``."""
    row = database.execute_sql(
        "SELECT version = built_version AND built_key = ? FROM risk_state WHERE id = 1",
        (_snapshot_key(as_of, t),),
    ).fetchone()
    return bool(row and row[0])


def _bits_sql(as_of: date, t: Thresholds) -> tuple[str, list]:
    """(case id, rule bit) for every rule firing on every case, set by set."""
    start, end = _window(as_of)
    branches = [
        (
            Rule.REPEATED_REQUESTS,
            """SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            WHERE o.customer_id IN (
                SELECT o2.customer_id FROM "case" c2 JOIN "order" o2 ON o2.id = c2.order_id
                WHERE c2.opened_at >= ? AND c2.opened_at < ? GROUP BY 1 HAVING count(*) >= ?)""",
            [start, end, t.repeat_requests],
        ),
        (
            Rule.PAST_CHARGEBACKS,
            """SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            JOIN (SELECT o2.customer_id AS customer_id, count(*) AS n
                  FROM "case" c2 JOIN "order" o2 ON o2.id = c2.order_id
                  WHERE c2.kind = 'chargeback' GROUP BY 1) cb ON cb.customer_id = o.customer_id
            WHERE cb.n - (c.kind = 'chargeback') >= ?""",
            [t.past_chargebacks],
        ),
        (
            Rule.ADDRESS_MISMATCH,
            f"""SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            JOIN customer cu ON cu.id = o.customer_id WHERE {_MISMATCH}""",
            [],
        ),
        (
            Rule.BEFORE_DELIVERY,
            f"""SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id WHERE {_BEFORE}""",
            [],
        ),
        (
            Rule.FIRST_ORDER_HIGH_VALUE,
            f"""SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            WHERE o.total_minor >= ? * {_unit_sql()} AND {_EARLIER} = 0""",
            [t.first_order_value],
        ),
    ]
    params: list = []
    parts = []
    for rule, sql, values in branches:
        parts.append(f"SELECT id, {BIT[rule]} AS bit FROM ({sql})")
        params += values
    return "\nUNION ALL\n".join(parts), params


def rebuild_flagged(as_of: date, t: Thresholds) -> bool:
    """Bring ``risk_flagged`` up to date unless it already is; True when it was rebuilt.

    The rules are evaluated in a read transaction (one consistent view of the store,
    writers not blocked), then written in a short write transaction stamped with the
    version that was read: a write in between leaves the snapshot marked stale.
    """
    key = _snapshot_key(as_of, t)
    bits, params = _bits_sql(as_of, t)
    with database.atomic("DEFERRED"):
        version, built_version, built_key = database.execute_sql(
            "SELECT version, built_version, built_key FROM risk_state WHERE id = 1"
        ).fetchone()
        if version == built_version and built_key == key:
            return False
        rows = database.execute_sql(
            f"SELECT id, sum(DISTINCT bit) FROM ({bits}) GROUP BY id", params
        ).fetchall()
    with write():
        database.execute_sql("DELETE FROM risk_flagged")
        database.execute_sql(
            "INSERT INTO risk_flagged (case_id, mask) "
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
            "FROM json_each(?)",
            (json.dumps(rows),),
        )
        database.execute_sql(
            "UPDATE risk_state SET built_version = ?, built_key = ? WHERE id = 1", (version, key)
        )
    return True


def flagged_filter_sql(as_of: date, t: Thresholds) -> tuple[str, list]:
    """A SELECT of the ids of every flagged case: the snapshot when it is fresh, else
    the set-based rules (the same ids, slower)."""
    if snapshot_fresh(as_of, t):
        return "SELECT case_id FROM risk_flagged", []
    return flagged_ids_sql(as_of, t)


def flagged_masks(
    start_stamp: str, end_stamp: str, as_of: date, t: Thresholds
) -> list[tuple[int, str, int]]:
    """(case id, customer e-mail or name, rule mask) of the flagged cases opened in
    ``[start, end)``, newest id first: from the snapshot when it is fresh."""
    if snapshot_fresh(as_of, t):
        source, params = "SELECT case_id, mask FROM risk_flagged", []
    else:
        bits, params = _bits_sql(as_of, t)
        source = f"SELECT id AS case_id, sum(DISTINCT bit) AS mask FROM ({bits}) GROUP BY id"
    return database.execute_sql(
        f"""SELECT c.id, CASE WHEN cu.email <> '' THEN cu.email ELSE cu.name END, f.mask
            FROM ({source}) f JOIN "case" c ON c.id = f.case_id
            JOIN "order" o ON o.id = c.order_id JOIN customer cu ON cu.id = o.customer_id
            WHERE c.opened_at >= ? AND c.opened_at < ? ORDER BY c.id DESC""",
        [*params, start_stamp, end_stamp],
    ).fetchall()
