"""Each supplier's risk facts over the last 12 months, kept ready.

The Suppliers area's risk badges and a case header's supplier badge read every
supplier's year of claims, defect cases and sales (``risk.supplier_facts``): seconds on a
store of a million cases. ``supplier_facts_kept`` holds those facts as of one day, and
triggers bump ``supplier_facts_state.version`` on every write that can change them (a
claim's summary row, a case's supplier, reason or opening, a supplier's sales day, a
supplier added, renamed or removed), so the kept facts are used only while they are
exactly what ``risk.supplier_facts`` gives; otherwise the facts are read afresh, and
``rebuild`` (run off the GUI thread) brings them up to date. The thresholds are not part
of the facts: the signals are made from them each time, in the domain.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from returnsdesk.domain.risk import SupplierFacts
from returnsdesk.store.connection import Database, database
from returnsdesk.store.kept_state import KeptState
from returnsdesk.store.risk import supplier_facts
from returnsdesk.store.sql_script import execute_script

SCHEMA = """
CREATE TABLE supplier_facts_kept (
    supplier_id INTEGER PRIMARY KEY NOT NULL,
    facts TEXT NOT NULL
) STRICT;
"""
STATE = KeptState("supplier_facts_state", "built_on")
_BUMP = STATE.bump
_CASE_FACTS = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ("supplier_id", "reason", "opened_at"))

TRIGGERS = f"""
CREATE TRIGGER supplier_facts_claim_insert AFTER INSERT ON supplier_claim {_BUMP}
CREATE TRIGGER supplier_facts_claim_update AFTER UPDATE ON supplier_claim {_BUMP}
CREATE TRIGGER supplier_facts_claim_delete AFTER DELETE ON supplier_claim {_BUMP}
CREATE TRIGGER supplier_facts_case_insert AFTER INSERT ON "case" {_BUMP}
CREATE TRIGGER supplier_facts_case_delete AFTER DELETE ON "case" {_BUMP}
CREATE TRIGGER supplier_facts_case_update AFTER UPDATE ON "case" WHEN {_CASE_FACTS} {_BUMP}
CREATE TRIGGER supplier_facts_sales_insert AFTER INSERT ON sales_supplier_day {_BUMP}
CREATE TRIGGER supplier_facts_sales_update AFTER UPDATE ON sales_supplier_day {_BUMP}
CREATE TRIGGER supplier_facts_sales_delete AFTER DELETE ON sales_supplier_day {_BUMP}
CREATE TRIGGER supplier_facts_supplier_insert AFTER INSERT ON supplier {_BUMP}
CREATE TRIGGER supplier_facts_supplier_delete AFTER DELETE ON supplier {_BUMP}
CREATE TRIGGER supplier_facts_supplier_update AFTER UPDATE ON supplier
WHEN OLD.name IS NOT NEW.name {_BUMP}
"""


def create(db: Database) -> None:
    """The tables and their triggers (the migration step); built on first refresh."""
    execute_script(db, SCHEMA + STATE.schema())
    execute_script(db, TRIGGERS)


def rebuild(as_of: date) -> bool:
    """Bring the kept facts up to date for ``as_of`` unless they are; True when rebuilt."""

    def read() -> list[list[object]]:
        return [[sid, json.dumps(asdict(f))] for sid, f in supplier_facts(as_of).items()]

    return STATE.rebuild(as_of.isoformat(), "supplier_facts_kept", ("supplier_id", "facts"), read)


def fresh(as_of: date) -> bool:
    """Whether the kept facts are exactly those of ``as_of``."""
    return STATE.fresh(as_of.isoformat())


def kept(as_of: date) -> dict[int, SupplierFacts] | None:
    """Every supplier's facts by id, as kept for ``as_of``; None when they are not fresh
    (then ``risk.supplier_facts`` answers, more slowly)."""
    rows = database.execute_sql(
        """SELECT k.supplier_id, k.facts FROM supplier_facts_state s
           JOIN supplier_facts_kept k
           WHERE s.id = 1 AND s.version = s.built_version AND s.built_on = ?
           ORDER BY k.supplier_id""",
        (as_of.isoformat(),),
    ).fetchall()
    if not rows and not fresh(as_of):
        return None
    return {sid: SupplierFacts(**json.loads(facts)) for sid, facts in rows}
