"""Each supplier's risk facts kept ready (store/supplier_facts_kept.py): the same facts as
``risk.supplier_facts`` reads afresh, stale after any write that can change them and only
then, and the supplier signals the same from kept or fresh facts (issue #17: each area
under 500 ms at a million cases; the Suppliers area's badges read a year of claims)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import claim_answered_after, make_order
from old_store import add_one_case, store_at_version

from returnsdesk.domain.workflow import Status
from returnsdesk.services import cases, risk
from returnsdesk.store import migrations, supplier_facts_kept
from returnsdesk.store import risk as risk_sql
from returnsdesk.store.db import open_store
from returnsdesk.store.models import Case, Supplier
from tests.conftest import NOW

TODAY = NOW.date()


def _rebuilt_equal_to_fresh() -> None:
    assert not supplier_facts_kept.fresh(TODAY)
    assert supplier_facts_kept.kept(TODAY) is None
    assert risk.refresh_supplier_facts(TODAY) is True
    assert supplier_facts_kept.kept(TODAY) == risk_sql.supplier_facts(TODAY)


def test_kept_facts_are_the_facts_read_afresh_and_only_for_their_day(demo_store):
    _rebuilt_equal_to_fresh()
    kept = supplier_facts_kept.kept(TODAY)
    assert kept and any(f.claims for f in kept.values())  # the demo's suppliers have a year
    assert risk.refresh_supplier_facts(TODAY) is False  # fresh: nothing to do
    assert risk.supplier_facts_ready(TODAY)
    assert supplier_facts_kept.kept(TODAY + timedelta(days=1)) is None  # another window


def test_writes_that_change_a_supplier_fact_make_the_kept_facts_stale(demo_store):
    risk.refresh_supplier_facts(TODAY)
    case = Case.select().where(Case.supplier.is_null(False), Case.status == Status.APPROVED).first()
    supplier = Supplier.get_by_id(case.supplier_id)
    # Notes and workflow moves change no supplier fact: the kept facts stay.
    Case.update(notes="called back").where(Case.id == case.id).execute()
    cases.transition(case.id, Status.AWAITING_RETURN, note="label sent", now=NOW)
    assert supplier_facts_kept.fresh(TODAY)
    sent = NOW - timedelta(days=2)
    for change in (
        lambda: claim_answered_after(supplier, case, sent, 5),  # the claim summary changes
        lambda: Case.update(reason="damaged_in_transit").where(Case.id == case.id).execute(),
        lambda: make_order("#SOLD-1", supplier=supplier),  # the supplier's sales
        lambda: Supplier.update(name="Renamed Supply").where(Supplier.id == supplier.id).execute(),
    ):
        change()
        _rebuilt_equal_to_fresh()


def test_supplier_signals_are_the_same_from_kept_or_fresh_facts(demo_store):
    from returnsdesk.domain.risk import SETTING_KEY, Thresholds
    from returnsdesk.services import settings

    # Thresholds low enough that the demo's suppliers are flagged.
    settings.set_value(
        SETTING_KEY,
        {**Thresholds().__dict__, "slow_reply_days": 1, "min_claims": 1, "defect_rate_percent": 1},
    )
    fresh = risk.supplier_flags_by_id(NOW)
    assert any(fresh.values())
    one = next(sid for sid, flags in fresh.items() if flags)
    alone = risk.flags_of_supplier(one, NOW)
    risk.refresh_supplier_facts(NOW)
    assert risk.supplier_flags_by_id(NOW) == fresh
    assert risk.flags_of_supplier(one, NOW) == alone == fresh[one]
    assert [f.reason("fr") for f in risk.flags_of_supplier(one, NOW)] == [
        f.reason("fr") for f in alone
    ]


@pytest.mark.parametrize(
    ("version", "table", "state", "trigger"),
    [
        (16, "supplier_facts_kept", "supplier_facts_state", "supplier_facts_claim_insert"),
        (17, "supplier_reply_kept", "supplier_reply_state", "supplier_reply_contact_update"),
    ],
)
def test_an_older_store_gains_each_kept_table_empty_and_stale(
    tmp_path, version, table, state, trigger
):
    path = tmp_path / f"v{version}.sqlite3"
    db = store_at_version(path, version)
    add_one_case(db, "new")
    db.close()

    db = open_store(path)
    try:
        assert migrations.user_version(db) == migrations.CURRENT_VERSION
        assert db.execute_sql(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        assert db.execute_sql(f"SELECT built_version FROM {state}").fetchone() == (None,)
        names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
        assert trigger in names
    finally:
        db.close()
