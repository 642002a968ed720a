"""The sample store's finishing touches, in SQL: mismatched addresses, a slow supplier, the
suppliers' decisions, survey answers, and prepaid labels (``demo.insight``, ``demo.labels``).

Each runs inside the demo's one bulk transaction; the set-based updates touch every case
in one statement, so they cost the same per case at any size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

#: Statuses in which a supplier's answered claim counts as approved.
_APPROVED = "'approved', 'awaiting_return', 'return_in_transit', 'received', 'resolved', 'closed'"


def mismatch_addresses(db: Any, cases: int) -> None:
    """About 3 % of the case orders ship abroad, 2 % to another recipient's name."""
    db.execute_sql(
        """UPDATE "order" SET shipping_country = CASE billing_country
               WHEN 'FR' THEN 'BE' WHEN 'GB' THEN 'IE' WHEN 'US' THEN 'CA' ELSE 'FR' END
           WHERE id <= ? AND id % 33 = 5""",
        (cases,),
    )
    db.execute_sql(
        """UPDATE "order" SET shipping_address =
               'Jordan Blake' || char(10) || '27 Quai des Brumes' || char(10) || '75010 Paris'
           WHERE id <= ? AND id % 47 = 11""",
        (cases,),
    )


def delay_replies(db: Any, supplier_id: int, latest: str) -> None:
    """The supplier answers 3–6 days after each claim, never after ``latest`` (a stamp)."""
    shift = "'+' || (3 + (id % 4)) || ' days'"
    db.execute_sql(
        f"""UPDATE supplier_contact SET at = min(datetime(at, {shift}), ?)
            WHERE supplier_id = ? AND direction = 'received'""",
        (latest, supplier_id),
    )
    db.execute_sql(
        """UPDATE supplier_contact SET answered_at = (
               SELECT min(r.at) FROM supplier_contact r WHERE r.case_id = supplier_contact.case_id
               AND r.direction = 'received')
           WHERE supplier_id = ? AND direction = 'sent' AND answered_at IS NOT NULL""",
        (supplier_id,),
    )
    db.execute_sql(
        """UPDATE case_event SET at = (
               SELECT min(r.at) FROM supplier_contact r WHERE r.case_id = case_event.case_id
               AND r.direction = 'received')
           WHERE kind = 'contact' AND text LIKE 'Supplier replied%'
           AND case_id IN (SELECT id FROM "case" WHERE supplier_id = ?)""",
        (supplier_id,),
    )


def record_decisions(db: Any) -> None:
    """Record the supplier's decision on each answered claim, as the case went on."""
    db.execute_sql(
        f"""UPDATE supplier_contact SET decision = (
               SELECT CASE
                   WHEN c.status = 'rejected' THEN 'rejected'
                   WHEN c.status IN ({_APPROVED})
                        AND c.agreed_resolution = 'partial_refund' THEN 'partially_approved'
                   WHEN c.status IN ({_APPROVED}) THEN 'approved'
                   ELSE '' END
               FROM "case" c WHERE c.id = supplier_contact.case_id)
           WHERE direction = 'received' AND case_id IS NOT NULL"""
    )


def settled_cases(db: Any) -> Iterator[tuple[int, str, int, str]]:
    """(id, reason, supplier id, finished stamp) of every settled case, streamed by id."""
    cursor = db.execute_sql(
        """SELECT id, reason, supplier_id, coalesce(closed_at, updated_at) FROM "case"
           WHERE status IN ('resolved', 'closed') ORDER BY id"""
    )
    yield from cursor


def insert_surveys(db: Any, answers: Iterable[tuple[object, ...]]) -> None:
    """Survey answers ``(case_id, ease, outcome, comment, answered_on, recorded_at)``."""
    db.cursor().executemany(
        "INSERT INTO survey_answer (case_id, ease, outcome, comment, answered_on, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        list(answers),
    )


def insert_plain_events(db: Any, events: Iterable[tuple[object, ...]]) -> None:
    """Timeline events stored as text only: ``(case_id, at, kind, text)``."""
    db.cursor().executemany(
        "INSERT INTO case_event (case_id, at, kind, from_status, to_status, text) "
        "VALUES (?, ?, ?, '', '', ?)",
        list(events),
    )


def insert_saved_address(db: Any, name: str, address: str, notes: str, created_at: str) -> int:
    cursor = db.execute_sql(
        "INSERT INTO saved_address (name, address, notes, created_at) VALUES (?, ?, ?, ?)",
        (name, address, notes, created_at),
    )
    return int(cursor.lastrowid)


def returns_for_labels(db: Any, limit: int) -> list[tuple[int, str, str]]:
    """(id, rma, currency) of open returns that could carry a prepaid label, approved first."""
    return [
        (int(r[0]), str(r[1]), str(r[2]))
        for r in db.execute_sql(
            "SELECT id, rma, currency FROM \"case\" WHERE kind IN ('return', 'exchange') "
            "AND status IN ('approved', 'awaiting_return', 'return_in_transit', "
            "'awaiting_supplier') "
            "ORDER BY CASE WHEN status IN ('approved', 'awaiting_return') THEN 0 ELSE 1 END, id "
            "LIMIT ?",
            (limit,),
        ).fetchall()
    ]


def choose_saved_address(db: Any, case_id: int, address_id: int, chosen_at: str) -> None:
    db.execute_sql(
        "INSERT INTO case_return_address (case_id, choice, saved_address_id, chosen_at) "
        "VALUES (?, 'saved', ?, ?)",
        (case_id, address_id, chosen_at),
    )


def evidence_file_id(db: Any, sha256: str, size: int, mime: str) -> int:
    """The id of the stored file with this hash, recording it first if it is new."""
    row = db.execute_sql("SELECT id FROM evidence_file WHERE sha256 = ?", (sha256,)).fetchone()
    if row is not None:
        return int(row[0])
    cursor = db.execute_sql(
        "INSERT INTO evidence_file (sha256, size, mime) VALUES (?, ?, ?)", (sha256, size, mime)
    )
    return int(cursor.lastrowid)


def add_label(db: Any, label: dict[str, Any], cost: dict[str, Any], event_text: str) -> None:
    """A prepaid label on a case: its cost in the ledger, the label, the tracking, an event."""
    cursor = db.execute_sql(
        "INSERT INTO ledger_entry (case_id, entry_date, kind, amount_minor, currency, "
        "reference, memo, created_at) VALUES (?, ?, 'return_label_cost', ?, ?, ?, ?, ?)",
        (
            label["case_id"],
            cost["entry_date"],
            cost["amount_minor"],
            cost["currency"],
            label["tracking"],
            cost["memo"],
            label["added_at"],
        ),
    )
    db.execute_sql(
        "INSERT INTO return_label (case_id, file_id, original_name, carrier, tracking, "
        "cost_entry_id, expires_on, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            label["case_id"],
            label["file_id"],
            label["original_name"],
            label["carrier"],
            label["tracking"],
            int(cursor.lastrowid),
            label["expires_on"],
            label["added_at"],
        ),
    )
    db.execute_sql(
        'UPDATE "case" SET return_carrier = ?, return_tracking = ? WHERE id = ?',
        (label["carrier"], label["tracking"], label["case_id"]),
    )
    db.execute_sql(
        "INSERT INTO case_event (case_id, at, kind, text) VALUES (?, ?, 'evidence', ?)",
        (label["case_id"], label["added_at"], event_text),
    )
