"""Each supplier's median reply time, kept ready.

``suppliers_sql.median_reply_hours`` walks every answered message of each supplier along
its index (a count, then half of them again to the middle): a third of a second on a
store of a million cases, each time the Suppliers area opens. ``supplier_reply_kept``
holds the medians, and triggers on ``supplier_contact`` mark them stale on any change to
a message's supplier, direction, time or answer (``store/kept_state.py``); ``rebuild``,
run off the GUI thread, reads them afresh.
"""

from __future__ import annotations

from returnsdesk.store.connection import Database, database
from returnsdesk.store.kept_state import KeptState
from returnsdesk.store.sql_script import execute_script
from returnsdesk.store.suppliers_sql import median_reply_hours

TABLE = """
CREATE TABLE supplier_reply_kept (
    supplier_id INTEGER PRIMARY KEY NOT NULL,
    median_hours REAL NOT NULL
) STRICT;
"""
STATE = KeptState("supplier_reply_state", "built_key")
#: The one key: the medians are over every message, not a period.
KEY = "all"
_CHANGED = " OR ".join(
    f"OLD.{c} IS NOT NEW.{c}" for c in ("supplier_id", "direction", "at", "answered_at")
)
TRIGGERS = f"""
CREATE TRIGGER supplier_reply_contact_insert AFTER INSERT ON supplier_contact {STATE.bump}
CREATE TRIGGER supplier_reply_contact_delete AFTER DELETE ON supplier_contact {STATE.bump}
CREATE TRIGGER supplier_reply_contact_update AFTER UPDATE ON supplier_contact
WHEN {_CHANGED} {STATE.bump}
"""


def create(db: Database) -> None:
    """The tables and their triggers (the migration step); built on first refresh."""
    execute_script(db, TABLE + STATE.schema())
    execute_script(db, TRIGGERS)


def rebuild() -> bool:
    """Bring the kept medians up to date unless they are; True when rebuilt."""

    def read() -> list[list[object]]:
        ids = [row[0] for row in database.execute_sql("SELECT id FROM supplier").fetchall()]
        return [[sid, hours] for sid, hours in median_reply_hours(ids).items()]

    return STATE.rebuild(KEY, "supplier_reply_kept", ("supplier_id", "median_hours"), read)


def kept() -> dict[int, float] | None:
    """Each supplier's median reply hours (absent: none answered); None when stale."""
    if not STATE.fresh(KEY):
        return None
    rows = database.execute_sql("SELECT supplier_id, median_hours FROM supplier_reply_kept")
    return {int(sid): float(hours) for sid, hours in rows.fetchall()}


def median_reply_hours_of(supplier_ids: list[int]) -> dict[int, float]:
    """The medians of ``supplier_ids``: kept when fresh, else read along the index."""
    found = kept()
    if found is None:
        return median_reply_hours(supplier_ids)
    wanted = set(supplier_ids)
    return {sid: hours for sid, hours in found.items() if sid in wanted}
