"""The health check re-counts the ledger's monthly totals in Python and compares them
with the SQL totals the reports use (``health._ledger_findings``): money shown in a
report must be the sum of the entries behind it."""

from __future__ import annotations

from returnsdesk.domain.ledger import DIRECTION, Direction, LedgerKind
from returnsdesk.services import health
from returnsdesk.store.models import LedgerEntry


def _total_findings(demo_store) -> list[str]:
    findings = health.check_store(demo_store.evidence_dir).findings
    return [f.text for f in findings if f.text.startswith("Totals for")]


def test_the_demo_ledger_totals_agree_with_their_entries(demo_store):
    kinds = {e.kind for e in LedgerEntry.select(LedgerEntry.kind)}
    assert LedgerKind.CUSTOMER_REFUND in kinds and len(kinds) > 1
    # Each stored kind (text) finds its direction: no month is reported as differing.
    assert _total_findings(demo_store) == []


def test_a_total_signed_the_other_way_is_reported(demo_store, monkeypatch):
    flipped = dict(DIRECTION)
    flipped[LedgerKind.CUSTOMER_REFUND] = Direction.RECOVERED
    monkeypatch.setattr(health, "DIRECTION", flipped)
    texts = _total_findings(demo_store)
    assert texts and all(" customer_refund " in text for text in texts)
