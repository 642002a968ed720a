"""The Suppliers area's figures: money kept by triggers equals the ledger recomputed, the
median reply time read from its index equals the median of every reply, and a version-10
store gains the table, its triggers and its first content."""

from __future__ import annotations

import statistics
from datetime import timedelta

import pytest
from factories import claim_answered_after, make_case, make_order, make_supplier
from old_store import add_one_case, store_at_version
from peewee import IntegrityError

from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.services import ledger, suppliers
from returnsdesk.services.ledger import EntryInput
from returnsdesk.store import (
    ledger_sql,
    migrations,
    supplier_money,
    supplier_replies_kept,
    suppliers_sql,
)
from returnsdesk.store.db import database, open_store
from returnsdesk.store.models import Case, LedgerEntry, SupplierContact


def _kept() -> list[tuple]:
    rows = database.execute_sql(
        "SELECT supplier_id, currency, claimed, recovered FROM supplier_money_total"
    ).fetchall()
    return sorted(row for row in rows if row[2] or row[3])  # emptied rows count as absent


def _recomputed() -> list[tuple]:
    """What ``ledger_sql.supplier_money`` sums from every entry (the rule, unchanged)."""
    return sorted(
        (r.supplier_id, r.currency, r.claimed, r.recovered)
        for r in ledger_sql.supplier_money()
        if r.claimed or r.recovered
    )


def _post(case, kind, amount, now, currency="EUR", **extra):
    return ledger.post_entry(EntryInput(case.id, kind, amount, currency, **extra), now=now)


def test_money_triggers_follow_posts_reversals_fault_and_supplier_changes(store, now):
    a, b = make_supplier("Alpha"), make_supplier("Beta")
    case = make_case(now, order=make_order("#1", supplier=a), fault="supplier")
    other = make_case(now, order=make_order("#2", supplier=b), fault="carrier")
    refund = _post(case, K.CUSTOMER_REFUND, 4900, now)
    _post(case, K.SUPPLIER_REIMBURSEMENT, 3000, now)
    _post(other, K.CUSTOMER_REFUND, 1500, now)
    _post(other, K.RETURN_LABEL_COST, 700, now)
    assert _kept() == _recomputed() == [(a.id, "EUR", 4900, 3000)]  # carrier fault: no claim
    ledger.reverse_entry(refund.id, "Posted twice", now=now)  # a reversal counts negative
    assert _kept() == _recomputed() == [(a.id, "EUR", 0, 3000)]
    _post(case, K.CUSTOMER_REFUND, 2500, now)
    Case.update(fault="supplier").where(Case.id == other.id).execute()  # now B's fault
    assert _kept() == _recomputed()
    assert (b.id, "EUR", 2200, 0) in _kept()
    Case.update(supplier=b.id).where(Case.id == case.id).execute()  # the case moves to B
    assert _kept() == _recomputed()
    assert [row[0] for row in _kept()] == [b.id]
    Case.update(supplier=None).where(Case.id == other.id).execute()
    assert _kept() == _recomputed()
    before = _kept()
    with pytest.raises(IntegrityError):  # append-only: only new entries change money
        LedgerEntry.update(amount_minor=1).where(LedgerEntry.case == case.id).execute()
    assert _kept() == before == _recomputed()


def test_money_in_two_currencies_stays_apart_and_bulk_loads_rebuild(store, now):
    a = make_supplier("Alpha")
    case = make_case(now, order=make_order("#1", supplier=a), fault="supplier")
    dollars = make_case(now, order=make_order("#2", supplier=a, currency="USD"))
    _post(case, K.CUSTOMER_REFUND, 4900, now)
    _post(dollars, K.SUPPLIER_REIMBURSEMENT, 1000, now, currency="USD")
    with database.atomic():
        supplier_money.SUMMARY.suspend(database)
        _post(dollars, K.SUPPLIER_REIMBURSEMENT, 500, now, currency="USD")
        supplier_money.SUMMARY.resume(database)
    assert _kept() == _recomputed() == [(a.id, "EUR", 4900, 0), (a.id, "USD", 0, 1500)]
    [summary] = [s for s in suppliers.summaries(now) if s.id == a.id]
    assert [(m.currency, m.claimed, m.recovered, m.outstanding) for m in summary.money] == [
        ("EUR", 4900, 0, 4900),
        ("USD", 0, 1500, 0),
    ]


def test_median_reply_is_the_median_of_every_answered_claim(store, now):
    a, b = make_supplier("Alpha"), make_supplier("Beta")
    hours = [5, 30, 1.5, 72, 12]
    for index, value in enumerate(hours):
        case = make_case(now, order=make_order(f"#{index}", supplier=a))
        claim_answered_after(a, case, now - timedelta(days=20 - index), value)
    later = now + timedelta(days=1)
    figures = {s.id: s for s in suppliers.summaries(later)}
    assert abs(figures[a.id].median_reply_hours - statistics.median(hours)) < 1e-6  # odd
    case = make_case(now, order=make_order("#9", supplier=a))
    claim_answered_after(a, case, now - timedelta(days=2), 40)
    figures = {s.id: s for s in suppliers.summaries(later)}
    even = statistics.median([*hours, 40])  # the mean of the two middle values
    assert abs(figures[a.id].median_reply_hours - even) < 1e-6
    assert figures[b.id].median_reply_hours is None  # never answered: no figure


def test_kept_medians_equal_the_index_walk_and_go_stale_on_any_message_change(store, now):
    """The kept median reply times (store/supplier_replies_kept.py) are those walked along
    the index, used only while no message changed since (issue #17: the Suppliers area
    read every supplier's answered messages each time it opened)."""
    a, b = make_supplier("Alpha"), make_supplier("Beta")
    for index, value in enumerate([5, 30, 1.5]):
        case = make_case(now, order=make_order(f"#{index}", supplier=a))
        claim_answered_after(a, case, now - timedelta(days=20 - index), value)
    walked = suppliers_sql.median_reply_hours([a.id, b.id])
    assert supplier_replies_kept.kept() is None  # never built
    assert suppliers.refresh_reply_medians() is True
    assert supplier_replies_kept.kept() == walked
    assert set(walked) == {a.id} and abs(walked[a.id] - 5.0) < 1e-6
    assert suppliers.refresh_reply_medians() is False  # fresh: nothing to do
    later = now + timedelta(days=1)
    shown = {s.id: s.median_reply_hours for s in suppliers.summaries(later)}
    assert shown == {a.id: walked[a.id], b.id: None}
    # A new answered claim: stale, the summaries walk the index, a rebuild keeps it.
    case = make_case(now, order=make_order("#9", supplier=b))
    claim_answered_after(b, case, now - timedelta(days=2), 40)
    assert supplier_replies_kept.kept() is None
    shown = {s.id: s.median_reply_hours for s in suppliers.summaries(later)}
    assert abs(shown[b.id] - 40.0) < 1e-6
    suppliers.refresh_reply_medians()
    assert supplier_replies_kept.kept() == suppliers_sql.median_reply_hours([a.id, b.id])
    # Any change to a message's time or answer makes them stale again.
    SupplierContact.update(answered_at=None).where(SupplierContact.supplier == b.id).execute()
    assert supplier_replies_kept.kept() is None


def test_open_cases_count_only_open_statuses(store, now):
    a = make_supplier("Alpha")
    for index, status in enumerate(["new", "awaiting_supplier", "closed", "rejected", "won"]):
        case = make_case(now, order=make_order(f"#{index}", supplier=a))
        Case.update(status=status).where(Case.id == case.id).execute()
    [summary] = suppliers.summaries(now)
    assert summary.open_cases == 2


def test_case_counts_per_supplier_and_status_follow_every_case_write(store, now):
    """``supplier_case_count`` (kept by triggers) equals the cases counted anew after
    opening, status moves, supplier moves, a case without supplier and a deletion."""

    def recounted() -> list[tuple]:
        rows = database.execute_sql(
            'SELECT supplier_id, status, count(*) FROM "case" '
            "WHERE supplier_id IS NOT NULL GROUP BY 1, 2"
        ).fetchall()
        return sorted(rows)

    def kept() -> list[tuple]:
        rows = database.execute_sql("SELECT * FROM supplier_case_count WHERE cases <> 0")
        return sorted(rows.fetchall())

    a, b = make_supplier("Alpha"), make_supplier("Beta")
    made = [make_case(now, order=make_order(f"#{i}", supplier=a)) for i in range(4)]
    assert kept() == recounted() == [(a.id, "new", 4)]
    Case.update(status="awaiting_supplier").where(Case.id == made[0].id).execute()
    Case.update(supplier=b.id).where(Case.id == made[1].id).execute()
    Case.update(supplier=None).where(Case.id == made[2].id).execute()
    assert kept() == recounted()
    assert (b.id, "new", 1) in kept() and (a.id, "awaiting_supplier", 1) in kept()
    database.execute_sql('DELETE FROM "case" WHERE id = ?', (made[3].id,))
    assert kept() == recounted()
    [alpha] = [s for s in suppliers.summaries(now) if s.id == a.id]
    assert alpha.open_cases == 1  # awaiting_supplier; the others moved away or went


def test_version_10_store_gains_the_money_table_with_its_content(tmp_path):
    path = tmp_path / "v10.sqlite3"
    db = store_at_version(path, 10)
    add_one_case(db, "new")
    db.execute_sql(
        "INSERT INTO supplier(id, name, created_at) VALUES (7, 'Alpha', '2026-01-01 00:00:00')"
    )
    db.execute_sql("UPDATE \"case\" SET supplier_id = 7, fault = 'supplier' WHERE id = 1")
    db.execute_sql(
        "INSERT INTO ledger_entry(case_id, entry_date, kind, amount_minor, currency, created_at) "
        "VALUES (1, '2026-01-03', 'customer_refund', 4900, 'EUR', '2026-01-03 00:00:00'), "
        "(1, '2026-01-04', 'supplier_reimbursement', 1200, 'EUR', '2026-01-04 00:00:00')"
    )
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        assert db.execute_sql("SELECT count(*) FROM ledger_entry").fetchone() == (2,)
        rows = db.execute_sql("SELECT * FROM supplier_money_total").fetchall()
        assert rows == [(7, "EUR", 4900, 1200)]
        names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
        assert {
            "case_status_supplier",
            "supplier_contact_reply",
            "supplier_contact_waiting",
        } <= names
        assert set(supplier_money.SUMMARY.trigger_names) <= names
    finally:
        db.close()
