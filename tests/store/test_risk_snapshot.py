"""The flagged-case snapshot: the same cases and masks as the rules, and stale after any
write that can change a rule's facts (domain/risk.py, issue #16: the risk filter must
cost about what a plain search costs, and give the same rows as the rules)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from old_store import add_one_case, store_at_version

from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.risk import case_flags, rules_of_mask
from returnsdesk.domain.workflow import Kind, Status
from returnsdesk.services import cases, risk
from returnsdesk.services.cases import OpenCaseInput
from returnsdesk.store import migrations, risk_snapshot
from returnsdesk.store import risk as risk_sql
from returnsdesk.store.db import database, open_store
from returnsdesk.store.inbox import Column, Filters, InboxQuery, View, case_ids, fetch_rows
from returnsdesk.store.models import Case, Customer, Order

NOW = datetime(2026, 5, 20, 9, 30, tzinfo=UTC)
TODAY = NOW.date()


def _plain_flags() -> dict[int, set]:
    """Every case's firing rules, case by case, through the domain rules themselves."""
    t = risk.thresholds()
    facts = risk_sql.case_facts([c.id for c in Case.select()], TODAY)
    found = {cid: {f.rule for f in case_flags(f, t)} for cid, f in facts.items()}
    return {cid: rules for cid, rules in found.items() if rules}


def _snapshot() -> dict[int, set]:
    rows = database.execute_sql("SELECT case_id, mask FROM risk_flagged").fetchall()
    return {cid: set(rules_of_mask(mask)) for cid, mask in rows}


def test_snapshot_holds_exactly_the_cases_the_rules_flag(demo_store):
    t = risk.thresholds()
    assert not risk_snapshot.snapshot_fresh(TODAY, t)  # never built yet
    assert risk.refresh_flagged(TODAY) is True
    assert risk_snapshot.snapshot_fresh(TODAY, t)
    expected = _plain_flags()
    assert expected  # the demo store has flagged customers
    assert _snapshot() == expected
    assert risk.refresh_flagged(TODAY) is False  # fresh: nothing to do
    # Another day or other thresholds is another snapshot.
    assert not risk_snapshot.snapshot_fresh(date(2026, 5, 21), t)
    risk.save_thresholds(risk.Thresholds(repeat_requests=2))
    assert not risk.flagged_ready(TODAY)


def test_risk_filter_gives_the_same_rows_fresh_or_stale(demo_store):
    flagged = InboxQuery(View.ALL, Filters(flagged=True))
    by_risk = InboxQuery(View.ALL, Filters(), sort=Column.RISK, descending=True)
    stale_ids = case_ids(flagged, TODAY)
    stale_rows = fetch_rows(stale_ids, TODAY)
    stale_sorted = case_ids(by_risk, TODAY)
    risk.refresh_flagged(TODAY)
    assert risk.flagged_ready(TODAY)
    assert case_ids(flagged, TODAY) == stale_ids
    assert set(stale_ids) == set(_plain_flags())
    assert fetch_rows(stale_ids, TODAY) == stale_rows  # the risk column reads the same masks
    assert case_ids(by_risk, TODAY) == stale_sorted


def test_writes_that_change_a_rule_fact_make_the_snapshot_stale(demo_store):
    t = risk.thresholds()
    risk.refresh_flagged(TODAY)
    case = Case.select().where(Case.status == Status.APPROVED).first()
    # Workflow moves, notes and deadlines change no rule fact: the snapshot stays.
    cases.transition(case.id, Status.AWAITING_RETURN, note="label sent", now=NOW)
    Case.update(notes="called back").where(Case.id == case.id).execute()
    assert risk_snapshot.snapshot_fresh(TODAY, t)
    # A shipping country, a customer's name, a new case: each can change a rule.
    for change in (
        lambda: Order.update(shipping_country="JP").where(Order.id == case.order_id).execute(),
        lambda: (
            Customer.update(name="Someone Else")
            .where(Customer.id == case.order.customer_id)
            .execute()
        ),
        lambda: cases.open_case(
            OpenCaseInput(case.order_id, Kind.RETURN, Reason.DEFECTIVE), now=NOW
        ),
    ):
        change()
        assert not risk_snapshot.snapshot_fresh(TODAY, t)
        risk.refresh_flagged(TODAY)
        assert _snapshot() == _plain_flags()


def test_version_8_database_gains_the_snapshot(tmp_path):
    path = tmp_path / "v8.sqlite3"
    db = store_at_version(path, 8)
    add_one_case(db, "closed", countries=True)
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        assert db.execute_sql('SELECT count(*) FROM "case"').fetchone()[0] == 1
        assert not risk_snapshot.snapshot_fresh(TODAY, risk.thresholds())
        assert risk.refresh_flagged(TODAY)
        assert _snapshot() == {1: set(rules_of_mask(2))}  # billing FR, shipping DE
    finally:
        db.close()


def test_the_snapshot_keeps_each_flagged_case_s_counts_and_facts_agree(demo_store):
    """The report describes flags from what the snapshot kept: the counts the rules read
    (cases in 12 months, other chargebacks, earlier orders) and the case's facts, case
    for case the same as read and counted afresh (issue #16: a year of risk signals is
    read from the snapshot table alone)."""
    t = risk.thresholds()
    risk.refresh_flagged(TODAY)
    flagged = sorted(_snapshot())
    kept = risk_snapshot.flagged_with_facts("0000", "9999", TODAY, t)
    assert kept is not None
    assert sorted(row[0] for row in kept) == flagged
    assert [row[0] for row in kept] == sorted(flagged, reverse=True)  # newest first
    fresh = risk_sql.case_facts(flagged, TODAY)
    assert risk_snapshot.kept_facts(kept) == fresh
    assert {row[0]: row[1] for row in kept} == {cid: f.customer for cid, f in fresh.items()}
    # Only the cases opened in the period asked for.
    opened = dict(Case.select(Case.id, Case.opened_at).tuples())
    may = risk_snapshot.flagged_with_facts("2026-05-01", "2026-06-01", TODAY, t)
    assert may is not None
    assert {row[0] for row in may} == {
        cid for cid in flagged if "2026-05-01" <= str(opened[cid]) < "2026-06-01"
    }
    # Another day's window, or a write since the build: the snapshot is not offered.
    assert risk_snapshot.flagged_with_facts("0000", "9999", date(2026, 6, 1), t) is None
    Customer.update(name=Customer.name.concat(" Jr")).where(Customer.id == 1).execute()
    assert risk_snapshot.flagged_with_facts("0000", "9999", TODAY, t) is None


@pytest.mark.parametrize(
    ("version", "columns", "kept"),
    [
        (12, "case_id, mask, requests, chargebacks, earlier", (1, 1, 0, 0, 0)),  # v13: counts
        (14, "case_id, mask, opened_at, subject, facts", (1, 1, "", "", "[]")),  # v15: facts
    ],
)
def test_an_older_snapshot_gains_its_new_columns_and_is_rebuilt(tmp_path, version, columns, kept):
    path = tmp_path / f"v{version}.sqlite3"
    db = store_at_version(path, version)
    add_one_case(db, "new")
    db.execute_sql("INSERT INTO risk_flagged (case_id, mask) VALUES (1, 1)")
    db.execute_sql("UPDATE risk_state SET built_version = version, built_key = 'k'")
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        assert db.execute_sql(f"SELECT {columns} FROM risk_flagged").fetchall() == [kept]
        assert db.execute_sql("SELECT built_key FROM risk_state").fetchone() == (None,)
    finally:
        db.close()
