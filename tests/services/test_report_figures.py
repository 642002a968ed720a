"""Report figures: each one checked by hand on a tiny store and against plain Python."""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.ledger import DIRECTION, Direction
from returnsdesk.services.report_json import stats_json
from returnsdesk.services.reports import build_report, overview
from returnsdesk.store.models import Case, CaseLine, LedgerEntry, Order, OrderLine, SurveyAnswer
from tests import insight_store
from tests.insight_store import END, START

NOW = datetime(2026, 5, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def built(store):
    return insight_store.build()


@pytest.fixture
def report(built):
    return build_report(START, END, now=NOW)


def _in_period(moment: datetime) -> bool:
    first = datetime.combine(START, time(), UTC)
    return first <= moment < datetime.combine(END + timedelta(days=1), time(), UTC)


def _signed(entry: LedgerEntry) -> int:
    sign = {Direction.PAID_OUT: 1, Direction.RECOVERED: -1, Direction.NEUTRAL: 0}[
        DIRECTION[entry.kind]
    ]
    return sign * (-1 if entry.reverses_id else 1) * entry.amount_minor


def _plain_cost(key) -> dict:
    costs: dict = defaultdict(lambda: defaultdict(int))
    for entry in LedgerEntry.select():
        if START <= entry.entry_date <= END:
            costs[key(entry.case)][entry.currency] += _signed(entry)
    return {k: dict(v) for k, v in costs.items()}


def test_headline_figures_counted_by_hand(report):
    assert report.orders == 4  # #1..#4 placed in April; #5 in March
    assert report.units_sold == 1 + 3 + 1 + 3
    assert report.cases == 3  # c1, c2, c3; c4 opened in May
    assert report.units_returned == 1 + 1 + 1  # c2 returns only the mug
    assert report.return_rate == pytest.approx(3 / 4)
    assert report.closed == 2
    assert report.resolve.median_days == pytest.approx((15 + 17) / 2)
    # EUR: paid out 49 + 15 (+5 −5 label reversed) = 64; recovered 20 → net 44.00
    (eur,) = report.money
    assert (eur.currency, eur.paid_out, eur.recovered, eur.net) == ("EUR", 6400, 2000, 4400)


def test_figures_equal_plain_python_over_the_same_rows(report):
    orders = [o for o in Order.select() if _in_period(o.placed_at)]
    cases = [c for c in Case.select() if _in_period(c.opened_at)]
    assert report.orders == len(orders)
    assert report.units_sold == sum(line.quantity for o in orders for line in o.lines)
    assert report.cases == len(cases)
    assert report.units_returned == sum(cl.quantity for c in cases for cl in c.lines)

    reasons = Counter(c.reason for c in cases)
    cost_reason = _plain_cost(lambda c: c.reason)
    assert {r.reason: r.cases for r in report.by_reason} == {
        k: reasons.get(k, 0) for k in set(reasons) | set(cost_reason)
    }
    for row in report.by_reason:
        assert dict(row.net_cost) == cost_reason.get(row.reason, {})
        assert row.orders == len(orders)

    cost_supplier = _plain_cost(lambda c: c.supplier_id)
    for row in report.by_supplier:
        sid = row.supplier_id
        mine = [c for c in cases if c.supplier_id == sid]
        lines = [line for o in orders for line in o.lines if line.supplier_id == sid]
        assert row.cases == len(mine)
        assert row.orders == len({line.order_id for line in lines})
        assert row.units_sold == sum(line.quantity for line in lines)
        assert dict(row.net_cost) == cost_supplier.get(sid, {})

    def first_sku(case):
        first = CaseLine.select().where(CaseLine.case == case).order_by(CaseLine.id).first()
        return first.order_line.sku if first else ""

    cost_product = _plain_cost(first_sku)
    for row in report.by_product:
        case_lines = [
            cl
            for c in cases
            for cl in c.lines
            if OrderLine.get_by_id(cl.order_line_id).sku == row.sku
        ]
        sold = [line for o in orders for line in o.lines if line.sku == row.sku]
        assert row.cases == len({cl.case_id for cl in case_lines})
        assert row.units_returned == sum(cl.quantity for cl in case_lines)
        assert row.orders == len({line.order_id for line in sold})
        assert row.units_sold == sum(line.quantity for line in sold)
        assert dict(row.net_cost) == cost_product.get(row.sku, {})

    months = {m.month: m for m in report.monthly}
    assert list(months) == ["2026-04"]
    assert (months["2026-04"].orders, months["2026-04"].cases) == (len(orders), len(cases))

    closed = [c for c in Case.select() if c.closed_at and _in_period(c.closed_at)]
    durations = [(c.closed_at - c.opened_at).total_seconds() / 86400 for c in closed]
    assert report.resolve.median_days == pytest.approx(statistics.median(durations))
    assert sum(n for *_, n in report.resolve.buckets) == len(closed)


def test_costs_by_dimension_add_up_to_the_money_totals(report):
    total = {m.currency: m.net for m in report.money}
    for rows in (report.by_reason, report.by_supplier, report.by_product):
        summed: Counter = Counter()
        for row in rows:
            summed.update(dict(row.net_cost))
        assert dict(summed) == total


def test_supplier_scorecard_counted_by_hand(built, report):
    cards = {s.supplier: s for s in report.scorecards}
    atelier, bright = cards["Atelier"], cards["Bright"]
    assert (atelier.claims, atelier.approved, atelier.reimbursed) == (1, 1, 1)
    assert atelier.median_reply_days == pytest.approx(2.0)
    assert atelier.median_money_days == pytest.approx(12.0)  # claim 13 Apr → money 25 Apr
    assert (bright.claims, bright.approved, bright.reimbursed) == (1, 0, 0)
    assert bright.median_reply_days is None
    assert bright.approval_rate == 0 and atelier.reimbursement_rate == 1
    assert [(d.sku, d.reason, d.cases) for d in atelier.defects] == [("LMP", "defective", 1)]
    assert [(d.sku, d.reason, d.cases) for d in bright.defects] == [("MUG", "not_as_described", 1)]


def test_survey_answers_flow_to_the_report(report):
    sat = report.satisfaction
    answers = list(SurveyAnswer.select())
    assert sat.answers == len(answers) == 2
    assert sat.ease == pytest.approx((4 + 2) / 2)
    assert sat.outcome == pytest.approx((5 + 3) / 2)
    by_reason = {r.key: (r.answers, r.ease, r.outcome) for r in sat.by_reason}
    assert by_reason == {"size_too_small": (1, 4, 5), "defective": (1, 2, 3)}
    assert {r.key: r.answers for r in sat.by_supplier} == {"Atelier": 2}
    assert {r.key: r.answers for r in sat.by_resolution} == {"refund": 2}


def test_a_period_without_answers_reports_none(built):
    empty = build_report(date(2025, 1, 1), date(2025, 1, 31), now=NOW)
    assert (empty.orders, empty.cases, empty.return_rate) == (0, 0, None)
    assert empty.satisfaction.answers == 0 and empty.satisfaction.ease is None


def test_inverted_period_is_refused(store):
    with pytest.raises(InputError):
        build_report(END, START, now=NOW)


def test_stats_json_holds_the_documented_keys(report):
    data = json.loads(json.dumps(stats_json(report)))
    for key in (
        "orders",
        "cases",
        "return_rate",
        "by_reason",
        "by_supplier",
        "by_product",
        "suppliers",
        "satisfaction",
        "flags",
    ):
        assert key in data
    assert data["orders"] == 4 and data["cases"] == 3 and data["return_rate"] == 0.75
    reason = {r["reason"]: r for r in data["by_reason"]}
    assert reason["defective"]["cases"] == 1
    assert reason["defective"]["net_cost"] == {"EUR": 4900 - 2000}
    supplier = {r["supplier"]: r for r in data["by_supplier"]}
    assert supplier["Bright"]["cases"] == 1 and supplier["Bright"]["net_cost"] == {"EUR": 1500}
    product = {r["sku"]: r for r in data["by_product"]}
    assert product["MUG"]["cases"] == 1 and product["LMP"]["cases"] == 2


def test_overview_shown_first_holds_the_report_headline_and_months(built, report):
    """The Reports area shows ``overview`` before the whole report: same figures."""
    first = overview(START, END)
    assert first.monthly == report.monthly
    assert (first.orders, first.units_sold, first.closed, first.open_now) == (
        report.orders,
        report.units_sold,
        report.closed,
        report.open_now,
    )
    assert first.money == report.money
    assert first.cases == report.cases
    assert first.return_rate == report.return_rate
    assert build_report(START, END, now=NOW, first=first) == report
