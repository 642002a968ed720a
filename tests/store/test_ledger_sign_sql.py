"""store.ledger_sql's sums follow domain.ledger's one sign convention: for every kind,
an entry and its reversal, the SQL signed amount equals ``signed_amount`` and the pair
nets to zero (a reversal is a new entry of the opposite sign; the original stays)."""

from __future__ import annotations

from factories import make_case, make_order

from returnsdesk.domain.ledger import LedgerKind, signed_amount
from returnsdesk.services import ledger
from returnsdesk.services.ledger import EntryInput
from returnsdesk.store import ledger_sql
from returnsdesk.store.ledger_sql import LedgerFilter


def test_sql_signs_match_the_domain_for_every_kind(store, now):
    case = make_case(now, order=make_order())
    for kind in LedgerKind:
        if kind == LedgerKind.STORE_CREDIT_REDEEMED:
            continue  # needs a balance; posted below
        entry = ledger.post_entry(
            EntryInput(case.id, kind, 1234, "EUR", memo="why", override_note="test"), now=now
        )
        reversal = ledger.reverse_entry(entry.id, "typo", now=now, override_note="test")
        rows = ledger_sql.rows_by_id([entry.id, reversal.id])
        assert rows[entry.id].signed_minor == signed_amount(kind, 1234, False)
        assert rows[reversal.id].signed_minor == signed_amount(kind, 1234, True)
    [totals] = ledger_sql.filtered_totals(LedgerFilter(case_id=case.id))
    assert totals.paid_out == 0 and totals.recovered == 0 and totals.net == 0
    assert ledger_sql.case_totals(case.id) == (0, 0)
    assert all(row.net == 0 and row.signed == 0 for row in ledger_sql.period_totals(None, None))


def test_the_sql_forms_take_any_row_alias(store, now):
    """Reports and health checks name their entry row ``l``; the same signs apply."""
    from returnsdesk.store.db import database

    case = make_case(now)
    refund = ledger.post_entry(EntryInput(case.id, LedgerKind.CUSTOMER_REFUND, 500, "EUR"), now=now)
    ledger.reverse_entry(refund.id, "typo", now=now)
    rows = database.execute_sql(
        f"SELECT l.kind, l.amount_minor, l.reverses_id IS NOT NULL, "
        f"{ledger_sql.net_sql('l')}, {ledger_sql.signed_sql('l')} FROM ledger_entry l"
    ).fetchall()
    assert len(rows) == 2
    for kind, amount, is_reversal, net, signed in rows:
        assert signed == signed_amount(kind, amount, bool(is_reversal))
        assert net == (-amount if is_reversal else amount)
