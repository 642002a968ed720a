"""The demo store shows something in every report view and risk signal on first start."""

from __future__ import annotations

from datetime import timedelta

from returnsdesk.domain.risk import Rule
from returnsdesk.services.reports import build_report
from returnsdesk.store.db import database
from tests.conftest import NOW


def test_demo_has_orders_without_cases_surveys_and_signals(demo_store):
    report = build_report((NOW - timedelta(days=364)).date(), NOW.date(), now=NOW)
    assert report.orders > 5 * report.cases > 0
    assert 0.03 < report.return_rate < 0.25
    rates = [p.rate for p in report.by_product if p.orders >= 20]
    assert rates and all(0 < rate < 0.6 for rate in rates)
    assert report.satisfaction.answers > 0
    assert any(card.approved for card in report.scorecards)
    rules = {row.flag.rule for row in report.flags}
    assert Rule.ADDRESS_MISMATCH in rules or Rule.REPEATED_REQUESTS in rules
    mismatched = database.execute_sql(
        'SELECT count(*) FROM "order" WHERE billing_country <> shipping_country'
    ).fetchone()[0]
    assert mismatched > 0


def test_demo_slow_supplier_answers_later_than_the_others(demo_store):
    from returnsdesk.demo.insight import SLOW_SUPPLIER
    from returnsdesk.store.risk import supplier_facts

    facts = supplier_facts(NOW.date())
    slow = facts[SLOW_SUPPLIER].median_reply_days
    others = [f.median_reply_days for sid, f in facts.items() if sid != SLOW_SUPPLIER]
    assert slow is not None and all(o is None or o < slow for o in others)
