"""Money per supplier and currency, maintained by triggers, so the Suppliers area reads a
few rows instead of summing every ledger entry of the store.

``supplier_money_total`` holds, per supplier and currency, what ``ledger_sql.
supplier_money()`` computes with no period: *claimed* (paid out, net of reversals,
on the supplier's cases whose fault is ``supplier``) and *recovered* (supplier
reimbursements, net of reversals). The sign of each entry comes from the
``ledger_sql`` expressions themselves (one sign convention, in one place).

A trigger on each new ``ledger_entry`` (entries are append-only: ``ledger_no_update`` and
``ledger_no_delete`` refuse anything else) and one on ``"case"`` (its supplier or fault
changing) keep the table equal to the rows, whatever writes them; ``SUMMARY.resume`` recomputes
it from scratch after a bulk load. A test checks the triggers against the ledger summed anew.
"""

from __future__ import annotations

from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.store.ledger_sql import NET, PAID_OUT
from returnsdesk.store.summary_table import SummaryTable

TABLE = """
CREATE TABLE supplier_money_total (
    supplier_id INTEGER NOT NULL,
    currency TEXT NOT NULL,
    claimed INTEGER NOT NULL DEFAULT 0,
    recovered INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (supplier_id, currency)
) STRICT;
"""

_CLAIMED = f"(CASE WHEN c.fault = 'supplier' THEN {PAID_OUT} ELSE 0 END)"
_REIMBURSED = LedgerKind.SUPPLIER_REIMBURSEMENT.value
_RECOVERED = f"(CASE WHEN e.kind = '{_REIMBURSED}' THEN {NET} ELSE 0 END)"
_UPSERT = """
    ON CONFLICT (supplier_id, currency) DO UPDATE
    SET claimed = claimed + excluded.claimed, recovered = recovered + excluded.recovered;"""


def _entry_effect(row: str) -> str:
    """Add the new ledger entry ``row``."""
    entry = (
        f"(SELECT {row}.case_id AS case_id, {row}.kind AS kind, {row}.currency AS currency, "
        f"{row}.amount_minor AS amount_minor, {row}.reverses_id AS reverses_id) e"
    )
    return f"""
    INSERT INTO supplier_money_total (supplier_id, currency, claimed, recovered)
        SELECT c.supplier_id, e.currency, {_CLAIMED}, {_RECOVERED}
        FROM {entry} JOIN "case" c ON c.id = e.case_id
        WHERE c.supplier_id IS NOT NULL{_UPSERT}"""


def _case_effect(row: str, sign: str) -> str:
    """Add or remove every entry of the case ``row`` as its supplier and fault were."""
    case = f"(SELECT {row}.id AS id, {row}.supplier_id AS supplier_id, {row}.fault AS fault) c"
    return f"""
    INSERT INTO supplier_money_total (supplier_id, currency, claimed, recovered)
        SELECT c.supplier_id, e.currency, {sign}sum({_CLAIMED}), {sign}sum({_RECOVERED})
        FROM {case} JOIN ledger_entry e ON e.case_id = c.id
        WHERE c.supplier_id IS NOT NULL GROUP BY c.supplier_id, e.currency{_UPSERT}"""


TRIGGERS = f"""
CREATE TRIGGER supplier_money_entry_insert AFTER INSERT ON ledger_entry
BEGIN{_entry_effect("NEW")}
END;
CREATE TRIGGER supplier_money_case_update AFTER UPDATE OF supplier_id, fault ON "case"
WHEN OLD.supplier_id IS NOT NEW.supplier_id OR OLD.fault IS NOT NEW.fault
BEGIN{_case_effect("OLD", "-")}{_case_effect("NEW", "")}
END;
"""

REBUILD = f"""
DELETE FROM supplier_money_total;
INSERT INTO supplier_money_total (supplier_id, currency, claimed, recovered)
    SELECT c.supplier_id, e.currency, sum({_CLAIMED}), sum({_RECOVERED})
    FROM ledger_entry e JOIN "case" c ON c.id = e.case_id
    WHERE c.supplier_id IS NOT NULL GROUP BY c.supplier_id, e.currency;
"""


SUMMARY = SummaryTable(schema=TABLE, triggers=TRIGGERS, rebuild=REBUILD)
