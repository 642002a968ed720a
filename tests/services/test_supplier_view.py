"""What the supplier screens read (services.supplier_view): frozen views built with joined
queries, refusals as InputError, and the decision's explanation in the reader's language."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from factories import make_case, make_order, make_supplier
from peewee import SqliteDatabase

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import set_language
from returnsdesk.services import contacts, supplier_view
from returnsdesk.services.contacts import ContactInput, Decision, Direction
from returnsdesk.store.models import Case


def _queries(fn):
    """Run ``fn`` and count the SQL statements it sent."""
    sent: list[str] = []
    original = SqliteDatabase.execute_sql

    def counting(self, sql, params=None, *args, **kwargs):
        sent.append(sql)
        return original(self, sql, params, *args, **kwargs)

    SqliteDatabase.execute_sql = counting
    try:
        result = fn()
    finally:
        SqliteDatabase.execute_sql = original
    return result, sent


def test_contact_rows_carry_supplier_and_case_from_one_query(store, now):
    supplier = make_supplier("Slow Co", timezone="Asia/Shanghai")
    cases = [make_case(now, order=make_order(f"#{i}", supplier=supplier)) for i in range(3)]
    for index, case in enumerate(cases):
        contacts.log_contact(
            ContactInput(supplier.id, Direction.SENT, case_id=case.id, subject=f"Claim {index}"),
            now=now - timedelta(hours=index),
        )
    contacts.log_contact(ContactInput(supplier.id, Direction.SENT, subject="General"), now=now)
    rows, sent = _queries(lambda: supplier_view.contacts_of_supplier(supplier.id))
    assert len(sent) == 1  # no lazy walk to the supplier or the case, row by row
    assert {r.rma for r in rows} == {c.rma for c in cases} | {""}
    assert {(r.supplier_name, r.supplier_timezone) for r in rows} == {("Slow Co", "Asia/Shanghai")}
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].subject = "changed"  # type: ignore[misc]


def test_case_views_refuse_what_is_not_there(store, now):
    case = make_case(now)
    Case.update(supplier=None).where(Case.id == case.id).execute()
    side = supplier_view.case_supplier_side(case.id)
    assert side.supplier is None and side.contacts == ()
    with pytest.raises(InputError, match="no supplier yet"):
        supplier_view.case_for_contact(case.id)
    with pytest.raises(InputError, match="no longer exists"):
        supplier_view.case_for_decision(case.id + 100)
    with pytest.raises(InputError, match="no longer exists"):
        supplier_view.supplier_detail(999)


def test_supplier_detail_uses_the_store_follow_up_when_it_has_none(store):
    own = make_supplier("Own", follow_up_hours=12)
    default = make_supplier("Default")
    assert supplier_view.supplier_detail(own.id).follow_up_in_force == 12
    assert supplier_view.supplier_detail(default.id).follow_up_in_force == 48  # store default


def test_a_decision_that_cannot_move_the_case_says_why_in_french(store, now):
    """Seen when tried: the reason the case stayed was an English sentence built in code,
    shown as is in a French window."""
    case = make_case(now)
    Case.update(status="closed").where(Case.id == case.id).execute()
    set_language("fr")
    try:
        result = contacts.record_decision(case.id, Decision.APPROVED, now=now)
    finally:
        set_language("en")
    assert result.moved_to is None
    assert result.why_not_moved == (
        f"{case.rma} est clos : il ne peut pas passer à accepté et reste où il en est."
    )
