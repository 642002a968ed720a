"""services.dispute_facts.gather reads the chargeback's order with a fixed number of
queries (joins, not one lazy query per row), whatever the cases hold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from factories import make_case, make_order

from returnsdesk.domain.chargebacks import DisputeReason, Processor
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.reasons import Reason
from returnsdesk.services import ledger
from returnsdesk.services.cases import add_note
from returnsdesk.services.chargebacks import ChargebackNotice, open_chargeback
from returnsdesk.services.dispute_facts import gather
from returnsdesk.services.ledger import EntryInput
from returnsdesk.store.models import Case

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
DUE = datetime(2026, 6, 20, 23, 59, tzinfo=UTC)


def _count_queries(monkeypatch) -> list[str]:
    database = Case._meta.database.obj
    seen: list[str] = []
    original = database.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", counting)
    return seen


def _chargeback_after_a_return():
    order = make_order()
    ret = make_case(NOW - timedelta(days=20), order=order, reason=Reason.NOT_AS_DESCRIBED)
    chargeback = open_chargeback(
        order.id,
        ChargebackNotice(DisputeReason.CREDIT_NOT_PROCESSED, Processor.STRIPE, DUE),
        now=NOW,
    )
    return ret, chargeback


def _refund(case_id: int, amount: int, day: int) -> None:
    entry = EntryInput(case_id, LedgerKind.CUSTOMER_REFUND, amount, "EUR", date(2026, 5, day))
    ledger.post_entry(entry, now=NOW)


def _queries_for_gather(store, chargeback_id: int, monkeypatch) -> int:
    with monkeypatch.context() as patch:
        seen = _count_queries(patch)
        gather(chargeback_id, store.evidence_dir)
        return len(seen)


def test_the_number_of_queries_does_not_grow_with_the_rows(store, monkeypatch):
    ret, chargeback = _chargeback_after_a_return()
    few = _queries_for_gather(store, chargeback.id, monkeypatch)
    for day in range(1, 9):
        add_note(ret.id, f"Note {day}", now=NOW - timedelta(days=day))
        _refund(ret.id, 100 * day, day)
    facts = gather(chargeback.id, store.evidence_dir)
    assert sum(1 for item in facts.timeline if item.what == "note") == 8
    assert len(facts.money) == 8
    assert _queries_for_gather(store, chargeback.id, monkeypatch) == few


def test_every_row_carries_the_rma_of_its_own_case(store):
    ret, chargeback = _chargeback_after_a_return()
    add_note(ret.id, "On the return", now=NOW)
    add_note(chargeback.id, "On the chargeback", now=NOW)
    _refund(ret.id, 9100, 15)
    facts = gather(chargeback.id, store.evidence_dir)
    notes = {item.text: item.rma for item in facts.timeline if item.what == "note"}
    assert notes == {"On the return": ret.rma, "On the chargeback": chargeback.rma}
    assert [m.rma for m in facts.money] == [ret.rma]
    assert [c.rma for c in facts.cases] == [ret.rma, chargeback.rma]


def test_items_at_the_same_moment_are_listed_case_by_case(store):
    ret, chargeback = _chargeback_after_a_return()
    add_note(chargeback.id, "Second case first recorded", now=NOW + timedelta(hours=1))
    add_note(ret.id, "First case later recorded", now=NOW + timedelta(hours=1))
    facts = gather(chargeback.id, store.evidence_dir)
    same = [item.text for item in facts.timeline if item.at == NOW + timedelta(hours=1)]
    assert same == ["First case later recorded", "Second case first recorded"]
