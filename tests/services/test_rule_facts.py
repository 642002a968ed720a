"""The rules engine fed from a real store: facts read back, recorded, and deadlines that close."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest
from factories import make_case, make_order, make_supplier

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import FINISHED
from returnsdesk.services import cases, rule_facts
from returnsdesk.services.ledger import EntryInput, post_entry
from returnsdesk.services.rule_facts import CaseRuleDates, LineRuleFacts
from returnsdesk.store.inbox import View, case_ids
from returnsdesk.store.models import Case, Customer, OrderLine


def _deadline(case, code, now):
    return next((d for d in cases.assess(case, now).deadlines if d.code == code), None)


def test_refund_posted_in_full_closes_the_legal_refund_deadline(store, now):
    """CRD art. 13(1): the refund is the action that meets the legal refund deadline."""
    order = make_order(delivered_on=now.date() - timedelta(days=5))
    case = make_case(now - timedelta(days=20), order=order, reason=Reason.NO_LONGER_WANTED,
                     lines=[(order.lines[0].id, 1)])  # fmt: skip
    rule_facts.save_case_dates(case.id, CaseRuleDates(None, now.date() - timedelta(days=19), None),
                               now=now)  # fmt: skip
    cases.record_first_response(case.id, now=now - timedelta(days=20))
    refund = _deadline(Case.get_by_id(case.id), "legal_refund_by", now)
    assert refund is not None and refund.state.value == "overdue"
    assert Case.get_by_id(case.id).next_due_code == "legal_refund_by"
    post_entry(EntryInput(case.id, LedgerKind.CUSTOMER_REFUND, case.amount_minor, "EUR",
                          entry_date=now.date()), now=now)  # fmt: skip
    refund = _deadline(Case.get_by_id(case.id), "legal_refund_by", now)
    assert refund.state.value == "missed" and refund.done_on == now.date()
    fresh = Case.get_by_id(case.id)
    assert fresh.next_due_code != "legal_refund_by"
    assert case.id not in case_ids_in(View.OVERDUE, now)


def case_ids_in(view, now):
    from returnsdesk.store.inbox import InboxQuery

    return case_ids(InboxQuery(view=view), now.date())


def test_resolving_without_a_refund_does_not_mark_it_met(store, now):
    order = make_order(delivered_on=now.date() - timedelta(days=3))
    case = make_case(now - timedelta(days=20), order=order, reason=Reason.NO_LONGER_WANTED,
                     lines=[(order.lines[0].id, 1)])  # fmt: skip
    for target in ("approved", "resolved"):
        cases.transition(case.id, target, note="ok", resolution="refund", now=now)
    refund = _deadline(Case.get_by_id(case.id), "legal_refund_by", now)
    assert refund.state.value != "met"


def test_residence_not_shipping_country_and_names_accepted(store, now):
    """CRD art. 6/9 protect the consumer where they live: a gift shipped abroad keeps it."""
    order = make_order(customer_country="France")
    order.shipping_country = "US"
    order.save()
    assert rule_facts.residence_country(order.customer, order) == "FR"
    assert rule_facts.save_customer_country(order.customer.id, "Réunion", now=now) == "RE"
    assert Customer.get_by_id(order.customer.id).country == "RE"
    with pytest.raises(InputError):
        rule_facts.save_customer_country(order.customer.id, "Atlantis", now=now)
    assert Customer.get_by_id(order.customer.id).country == "RE"


def test_each_line_gets_its_verdict_and_delivery_date(store, now):
    """CRD art. 16(c) exempts the personalised case only; art. 9(2)(b)(i) last parcel."""
    order = make_order(delivered_on=None)
    lamp, mug = order.lines
    rule_facts.save_line_facts(lamp.id, LineRuleFacts(now.date() - timedelta(days=15), False,
                                                      False, False), now=now)  # fmt: skip
    case = make_case(now, order=order, reason=Reason.NO_LONGER_WANTED)
    verdict = cases.assess(case, now).verdict
    by_line = {lv.line_id: lv.outcome.value for lv in verdict.lines}
    assert by_line[str(mug.id)] == "not_eligible"
    assert by_line[str(lamp.id)] == "eligible"  # inside the 30-day store window
    rule_facts.save_line_facts(mug.id, LineRuleFacts(now.date() - timedelta(days=2), True,
                                                     False, False), now=now)  # fmt: skip
    verdict = cases.assess(Case.get_by_id(case.id), now).verdict
    assert {lv.line_id: lv.outcome.value for lv in verdict.lines}[str(lamp.id)] == "eligible"
    assert OrderLine.get_by_id(mug.id).delivered_on == now.date() - timedelta(days=2)
    with pytest.raises(InputError, match="future"):
        rule_facts.save_line_facts(lamp.id, LineRuleFacts(now.date() + timedelta(days=1), False,
                                                          False, False), now=now)  # fmt: skip


def test_chargeback_gets_no_verdict_and_its_due_date_is_end_of_day(store, now):
    order = make_order()
    due = now.date() + timedelta(days=5)
    case = make_case(now, order=order, kind="chargeback", reason=Reason.OTHER,
                     reason_note="bank", chargeback_due_on=due)  # fmt: skip
    assessment = cases.assess(case, now)
    assert assessment.verdict.outcome.value == "not_applicable"
    cb = next(d for d in assessment.deadlines if d.code == "chargeback_response")
    assert cb.due == due


def test_demo_overdue_view_holds_only_real_late_work(demo_store, now):
    ids = case_ids_in(View.OVERDUE, now)
    assert ids
    for case_id in ids:
        case = Case.get_by_id(case_id)
        assert case.status not in FINISHED
        upcoming = cases.assess(case, now).next
        assert upcoming is not None and upcoming.due < now.date(), case.rma
        assert upcoming.state.value == "overdue"
        assert (upcoming.code, upcoming.due) == (case.next_due_code, case.next_due_on)


def test_demo_next_due_matches_the_services(demo_store, now):
    for case in Case.select().limit(60):
        if case.status in FINISHED:
            continue
        upcoming = cases.assess(case, now).next
        assert case.next_due_on == (upcoming.due if upcoming else None), case.rma


def test_migration_adds_line_dates_without_losing_rows(tmp_path):
    from returnsdesk.store import migrations
    from returnsdesk.store.db import APPLICATION_ID, make_database, open_store

    path = tmp_path / "v4.sqlite3"
    db = make_database(path)
    db.connect()
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrate(db, target=migrations.STEPS.index(migrations._v8_line_rule_facts))
    db.execute_sql(
        "INSERT INTO customer(id, name, email, created_at) "
        "VALUES (1, 'Zoë', 'z@example.com', '2026-01-01 00:00:00')"
    )
    db.execute_sql(
        'INSERT INTO "order"(id, number, customer_id, placed_at, currency, '
        "delivered_on) VALUES (1, '#1', 1, '2026-01-01 00:00:00', 'EUR', "
        "'2026-01-05')"
    )
    db.execute_sql("INSERT INTO order_line(id, order_id, title, quantity, unit_price_minor) "
                   "VALUES (1, 1, 'Lamp', 1, 100)")  # fmt: skip
    db.close()
    db = open_store(path)
    try:
        row = db.execute_sql(
            "SELECT delivered_on, sealed_hygiene, perishable FROM order_line"
        ).fetchone()
        assert row == (None, 0, 0)
        db.execute_sql('SELECT goods_received_on, proof_of_sending_on FROM "case"')
    finally:
        db.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM order_line").fetchone()[0] == 1


def test_verdict_command_contract(tmp_path, capsys):
    from returnsdesk.cli import main

    facts = {
        "now": "2026-03-23T09:00:00+01:00",
        "shop": {"country": "FR", "time_zone": "Europe/Paris", "return_days": 14},
        "customer": {"country": "FR"},
        "order": {"placed_at": "2026-03-01T10:00:00+01:00",
                  "lines": [{"id": "A", "delivered_on": "2026-03-07"}]},
        "case": {"kind": "return", "reason": "no_longer_wanted",
                 "opened_at": "2026-03-23T09:00:00+01:00"},
    }  # fmt: skip
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    assert main(["verdict", str(path), "--lang", "fr"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "eligible"
    assert set(out) == {"verdict", "lines", "rules", "deadlines", "warnings"}
    assert {"code", "date", "at", "state", "text"} <= set(out["deadlines"][0])
    facts["case"]["reason"] = "bored"
    path.write_text(json.dumps(facts), encoding="utf-8")
    assert main(["verdict", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "case.reason" in err
    path.write_text("{not json", encoding="utf-8")
    assert main(["verdict", str(path)]) == 1
    assert main(["verdict", str(tmp_path / "missing.json")]) == 1


def test_new_order_entry_keeps_line_dates(store, now):
    from returnsdesk.services.orders import LineInput

    order = make_order(number="#2", lines=[LineInput("Mug", 1, 500, delivered_on=date(2026, 5, 9),
                                                     perishable=True)])  # fmt: skip
    line = order.lines[0]
    assert line.delivered_on == date(2026, 5, 9) and line.perishable


def test_product_flags_apply_to_every_order_and_new_orders(store, now):
    """CRD art. 16(e) is a property of the product: flag it once for all its orders."""
    from returnsdesk.services.orders import LineInput
    from returnsdesk.store.models import Product

    supplier = make_supplier("Ear Co")
    first = make_order(
        number="#10", supplier=supplier, lines=[LineInput("Earbuds", 1, 900, sku="EAR-1")]
    )
    second = make_order(
        number="#11", supplier=supplier, lines=[LineInput("Earbuds", 1, 900, sku="EAR-1")]
    )
    line = first.lines[0]
    flags = LineRuleFacts(line.delivered_on, False, True, False)
    assert rule_facts.save_product_flags(line.id, flags, now=now) == 2
    assert Product.get(Product.sku == "EAR-1").sealed_hygiene
    assert OrderLine.get_by_id(second.lines[0].id).sealed_hygiene
    third = make_order(
        number="#12", supplier=supplier, lines=[LineInput("Earbuds", 1, 900, sku="EAR-1")]
    )
    assert third.lines[0].sealed_hygiene
    bare = make_order(number="#13", supplier=supplier, lines=[LineInput("Gift card", 1, 900)])
    with pytest.raises(InputError, match="no product"):
        rule_facts.save_product_flags(bare.lines[0].id, flags, now=now)


def test_an_old_policy_that_switched_the_legal_right_off_no_longer_removes_it(store, now):
    """CRD art. 25: the withdrawal right is mandatory; a stored switch from an older version
    is ignored, and the French customer keeps the 14 days."""
    from returnsdesk.store.models import StorePolicyVersion

    StorePolicyVersion.insert(
        effective_from=date.min,
        policy=json.dumps({"return_days": 7, "legal_withdrawal": False, "peak": None}),
        recorded_at=now,
    ).execute()
    order = make_order(delivered_on=now.date() - timedelta(days=10))
    case = make_case(now, order=order, reason=Reason.NO_LONGER_WANTED,
                     lines=[(order.lines[0].id, 1)])  # fmt: skip
    assessment = cases.assess(case, now)
    assert assessment.verdict.outcome.value == "eligible"
    assert any(r.code == "legal_withdrawal" and r.decisive for r in assessment.verdict.rules)
