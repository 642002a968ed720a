"""Supplier claims, one row each, maintained by triggers.

A claim is a case's first message sent to a supplier. Its figures (the first reply
after it, whether the supplier approved, the net reimbursement and the first day money
came back) used to be worked out claim by claim on every report, which grows with the
store. ``supplier_claim`` keeps them per (case, supplier) instead, so the Reports area's
scorecards and the supplier risk rules read an indexed range of rows.

Triggers on ``supplier_contact`` and ``ledger_entry`` recompute the rows of the one
case a write touched (a case has a handful of contacts), whatever writes them. The
ledger is append-only, so only its inserts matter. ``rebuild`` recomputes every row
(the migration and bulk loads); a test checks the triggers against it.
"""

from __future__ import annotations

from returnsdesk.store.ledger_sql import net_sql
from returnsdesk.store.summary_table import SummaryTable

#: The definitions the figures keep (the reports' and the risk rules' own words):
#: - reply: the first message received on the case at or after the first claim message;
#: - approved: a supplier decision recorded as approved or partially approved;
#: - reimbursed: the net of the case's supplier reimbursements (reversals subtract);
#: - first paid: the first day of a supplier reimbursement that is not a reversal.
TABLE = """
CREATE TABLE supplier_claim (
    case_id INTEGER NOT NULL,
    supplier_id INTEGER NOT NULL,
    first_sent TEXT NOT NULL,
    first_reply TEXT,
    approved INTEGER NOT NULL,
    reimbursed_minor INTEGER NOT NULL,
    first_paid TEXT,
    PRIMARY KEY (case_id, supplier_id)
) STRICT, WITHOUT ROWID;
-- Covering: a year of claims is read from the index alone.
CREATE INDEX supplier_claim_sent ON supplier_claim(
    first_sent, supplier_id, approved, reimbursed_minor, first_reply, first_paid);
"""

_FILL = f"""
INSERT INTO supplier_claim (case_id, supplier_id, first_sent, first_reply, approved,
                            reimbursed_minor, first_paid)
SELECT cl.case_id, cl.supplier_id, cl.sent,
       (SELECT min(r.at) FROM supplier_contact r WHERE r.case_id = cl.case_id
        AND r.direction = 'received' AND r.at >= cl.sent),
       EXISTS (SELECT 1 FROM supplier_contact r WHERE r.case_id = cl.case_id
               AND r.direction = 'received'
               AND r.decision IN ('approved', 'partially_approved')),
       coalesce((SELECT sum({net_sql("l")}) FROM ledger_entry l WHERE l.case_id = cl.case_id
                 AND l.kind = 'supplier_reimbursement'), 0),
       (SELECT min(l.entry_date) FROM ledger_entry l WHERE l.case_id = cl.case_id
        AND l.kind = 'supplier_reimbursement' AND +l.reverses_id IS NULL)
FROM (SELECT case_id, supplier_id, min(at) AS sent FROM supplier_contact
      WHERE direction = 'sent' AND {{cases}} GROUP BY case_id, supplier_id) cl;"""


def _refresh(case: str) -> str:
    """Statements recomputing the claims of case ``case`` (``NEW.case_id``, ``OLD.case_id``)."""
    return f"""
    DELETE FROM supplier_claim WHERE case_id = {case};{_FILL.format(cases=f"case_id = {case}")}"""


TRIGGERS = f"""
CREATE TRIGGER supplier_claim_contact_insert AFTER INSERT ON supplier_contact
WHEN NEW.case_id IS NOT NULL
BEGIN{_refresh("NEW.case_id")}
END;
CREATE TRIGGER supplier_claim_contact_delete AFTER DELETE ON supplier_contact
WHEN OLD.case_id IS NOT NULL
BEGIN{_refresh("OLD.case_id")}
END;
CREATE TRIGGER supplier_claim_contact_update
AFTER UPDATE OF case_id, supplier_id, at, direction, decision ON supplier_contact
BEGIN{_refresh("OLD.case_id")}{_refresh("NEW.case_id")}
END;
CREATE TRIGGER supplier_claim_money AFTER INSERT ON ledger_entry
WHEN NEW.kind = 'supplier_reimbursement'
BEGIN
    UPDATE supplier_claim
    SET reimbursed_minor = reimbursed_minor
            + {net_sql("NEW")},
        first_paid = CASE WHEN NEW.reverses_id IS NOT NULL THEN first_paid
                          WHEN first_paid IS NULL OR NEW.entry_date < first_paid
                          THEN NEW.entry_date ELSE first_paid END
    WHERE case_id = NEW.case_id;
END;
"""

REBUILD = "DELETE FROM supplier_claim;" + _FILL.format(cases="case_id IS NOT NULL")


SUMMARY = SummaryTable(schema=TABLE, triggers=TRIGGERS, rebuild=REBUILD)
