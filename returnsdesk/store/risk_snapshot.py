"""The flagged-case snapshot: which case rules fire on which case, kept ready.

The inbox's "Risk signals only" filter, its risk column and the report's customer
signals read ``risk_flagged``: every case with at least one case rule firing, with its
mask and its per-customer counts, as of one day and one set of thresholds. Triggers bump
``risk_state.version`` on every write that can change a rule's facts (a case opened,
moved to another order, re-kinded or re-reasoned; an order's customer, dates, addresses
or total; a customer's name), so the snapshot is used only while it is exactly what the
rules give; otherwise the set-based SQL of ``store/risk.py`` is read, and
``rebuild_flagged`` (run off the GUI thread) brings the snapshot up to date.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from returnsdesk.domain.risk import BIT, CaseFacts, Rule, Thresholds
from returnsdesk.store.connection import Database, database, write
from returnsdesk.store.kept_state import KeptState
from returnsdesk.store.risk import (
    BEFORE_SQL,
    EARLIER_SQL,
    MISMATCH_SQL,
    SUBJECT_SQL,
    Counts,
    case_counts,
    fact_columns,
    facts_of_row,
    flagged_ids_sql,
    unit_sql,
    window,
)
from returnsdesk.store.sql_script import execute_script

SNAPSHOT_SCHEMA = """
CREATE TABLE risk_flagged (
    case_id INTEGER PRIMARY KEY NOT NULL,
    mask INTEGER NOT NULL
) STRICT;
"""
STATE = KeptState("risk_state", "built_key")
_BUMP = STATE.bump


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


#: Each flagged case's per-customer counts (``store.risk.Counts``), kept with its mask
#: so the report describes a year of flags without counting every customer again. A
#: snapshot built before they existed is marked stale, to be rebuilt with them.
SNAPSHOT_COUNTS = """
ALTER TABLE risk_flagged ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risk_flagged ADD COLUMN chargebacks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risk_flagged ADD COLUMN earlier INTEGER NOT NULL DEFAULT 0;
UPDATE risk_state SET built_key = NULL;
"""


#: Each flagged case's opening time, customer (e-mail, else name) and the JSON array of
#: its ``risk.fact_columns()``, kept so the report's risk signals read one narrow table
#: for a year of flags, not every flagged case's order and customer. The triggers above
#: already mark the snapshot stale when any of those facts changes.
SNAPSHOT_FACTS = """
ALTER TABLE risk_flagged ADD COLUMN opened_at TEXT NOT NULL DEFAULT '';
ALTER TABLE risk_flagged ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE risk_flagged ADD COLUMN facts TEXT NOT NULL DEFAULT '[]';
UPDATE risk_state SET built_key = NULL;
"""


def create_snapshot(db: Database) -> None:
    """The snapshot table, its state row and the triggers (the migration step)."""
    execute_script(db, SNAPSHOT_SCHEMA + STATE.schema())
    execute_script(db, SNAPSHOT_TRIGGERS)


def add_snapshot_counts(db: Database) -> None:
    """The per-customer counts beside each flagged case (a later migration step)."""
    execute_script(db, SNAPSHOT_COUNTS)


def add_snapshot_facts(db: Database) -> None:
    """Each flagged case's opening time, customer and facts beside it (a later step)."""
    execute_script(db, SNAPSHOT_FACTS)


def _snapshot_key(as_of: date, t: Thresholds) -> str:
    return json.dumps({"as_of": as_of.isoformat(), "thresholds": asdict(t)}, sort_keys=True)


def snapshot_fresh(as_of: date, t: Thresholds) -> bool:
    """Whether ``risk_flagged`` holds exactly the flagged cases as of ``as_of`` under ``t``."""
    return STATE.fresh(_snapshot_key(as_of, t))


def _bits_sql(as_of: date, t: Thresholds) -> tuple[str, list[object]]:
    """(case id, rule bit) for every rule firing on every case, set by set."""
    start, end = window(as_of)
    branches: list[tuple[Rule, str, list[object]]] = [
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
            JOIN customer cu ON cu.id = o.customer_id WHERE {MISMATCH_SQL}""",
            [],
        ),
        (
            Rule.BEFORE_DELIVERY,
            f"""SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id WHERE {BEFORE_SQL}""",
            [],
        ),
        (
            Rule.FIRST_ORDER_HIGH_VALUE,
            f"""SELECT c.id FROM "case" c JOIN "order" o ON o.id = c.order_id
            WHERE o.total_minor >= ? * {unit_sql()} AND {EARLIER_SQL} = 0""",
            [t.first_order_value],
        ),
    ]
    params: list[object] = []
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
        version = STATE.current(key)
        if version is None:
            return False
        masks = dict(
            database.execute_sql(
                f"SELECT id, sum(DISTINCT bit) FROM ({bits}) GROUP BY id", params
            ).fetchall()
        )
        counts = case_counts(list(masks), as_of)
    rows = [[cid, mask, *counts[cid]] for cid, mask in masks.items()]
    with write():
        database.execute_sql("DELETE FROM risk_flagged")
        database.execute_sql(
            f"""WITH kept AS (
                    SELECT json_extract(value, '$[0]') AS case_id,
                           json_extract(value, '$[1]') AS mask,
                           json_extract(value, '$[2]') AS requests,
                           json_extract(value, '$[3]') AS chargebacks,
                           json_extract(value, '$[4]') AS earlier
                    FROM json_each(?))
                INSERT INTO risk_flagged (case_id, mask, requests, chargebacks, earlier,
                                          opened_at, subject, facts)
                SELECT k.case_id, k.mask, k.requests, k.chargebacks, k.earlier, c.opened_at,
                       {SUBJECT_SQL}, json_array({fact_columns()})
                FROM kept k JOIN "case" c ON c.id = k.case_id
                JOIN "order" o ON o.id = c.order_id JOIN customer cu ON cu.id = o.customer_id""",
            (json.dumps(rows),),
        )
        STATE.stamp(version, key)
    return True


def flagged_filter_sql(as_of: date, t: Thresholds) -> tuple[str, list[object]]:
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
    params: list[object] = []
    if snapshot_fresh(as_of, t):
        source = "SELECT case_id, mask FROM risk_flagged"
    else:
        bits, params = _bits_sql(as_of, t)
        source = f"SELECT id AS case_id, sum(DISTINCT bit) AS mask FROM ({bits}) GROUP BY id"
    rows: list[tuple[int, str, int]] = database.execute_sql(
        f"""SELECT c.id, {SUBJECT_SQL}, f.mask
            FROM ({source}) f JOIN "case" c ON c.id = f.case_id
            JOIN "order" o ON o.id = c.order_id JOIN customer cu ON cu.id = o.customer_id
            WHERE c.opened_at >= ? AND c.opened_at < ? ORDER BY c.id DESC""",
        [*params, start_stamp, end_stamp],
    ).fetchall()
    return rows


#: A flagged case as the report's risk signals read it from a fresh snapshot: (case id,
#: customer, rule mask, kept per-customer counts, the JSON array of its
#: ``risk.fact_columns()``: decoded only for the cases described).
FlaggedRow = tuple[int, str, int, Counts, str]


def flagged_with_facts(
    start_stamp: str, end_stamp: str, as_of: date, t: Thresholds
) -> list[FlaggedRow] | None:
    """The flagged cases opened in ``[start, end)``, newest id first, each with its
    customer, mask, kept counts and facts, read from the snapshot table alone; None when
    the snapshot is not fresh for ``as_of`` and ``t`` (then ``flagged_masks`` and
    ``risk.case_facts`` answer, more slowly)."""
    if not snapshot_fresh(as_of, t):
        return None
    rows = database.execute_sql(
        """SELECT case_id, subject, mask, requests, chargebacks, earlier, facts
           FROM risk_flagged WHERE opened_at >= ? AND opened_at < ? ORDER BY case_id DESC""",
        [start_stamp, end_stamp],
    ).fetchall()
    return [(row[0], row[1], row[2], (row[3], row[4], row[5]), row[6]) for row in rows]


def kept_facts(rows: list[FlaggedRow]) -> dict[int, CaseFacts]:
    """The facts the rules read, as the snapshot kept them, for each of ``rows`` by case id
    (their JSON decoded in one pass: a year of flags describes thousands of cases)."""
    decoded = json.loads(f"[{','.join(row[4] for row in rows)}]")
    return {row[0]: facts_of_row(facts, row[3]) for row, facts in zip(rows, decoded, strict=True)}
