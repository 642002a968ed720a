"""The rules engine, case by case from the legal texts (each row cites what decides it).

Abbreviations: CRD = Consumer Rights Directive 2011/83/EU; Reg. 1182/71 = rules on periods,
dates and time limits; C. conso = French Code de la consommation; CCR = UK Consumer
Contracts Regulations 2013; CRA = UK Consumer Rights Act 2015; SGD = Directive 2019/771
(sale of goods); TFEU = Treaty on the Functioning of the EU.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.facts_json import judge_json, read_facts
from returnsdesk.domain.policy import (
    OUTCOME_RANK,
    CaseFacts,
    LineFacts,
    Outcome,
    StorePolicy,
    compute_deadlines,
    evaluate,
    next_deadline,
)
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workdays import is_working_day


def facts(
    country="FR",
    delivered="2026-03-07",
    opened="2026-03-23T09:00:00+01:00",
    reason="no_longer_wanted",
    kind="return",
    lines=None,
    case_lines=None,
    shop=None,
    supplier=None,
    now=None,
    placed="2026-03-01T10:00:00+01:00",
    shipped_on=None,
    **case,
):
    data = {
        "now": now or opened,
        "shop": {"country": "FR", "time_zone": "Europe/Paris", "return_days": 14,
                 "peak_season": None, **(shop or {})},
        "supplier": supplier,
        "customer": {"country": country},
        "order": {"placed_at": placed,
                  "lines": lines or [{"id": "A", "delivered_on": delivered}]},
        "case": {"kind": kind, "reason": reason, "opened_at": opened, **case},
    }  # fmt: skip
    if shipped_on:
        data["order"]["shipped_on"] = shipped_on
    if case_lines:
        data["case"]["lines"] = case_lines
    return data


def deadline(result, code):
    return next((d for d in result["deadlines"] if d["code"] == code), None)


def has_rule(code, decisive=None):
    def check(result):
        found = [r for r in result["rules"] if r["code"] == code]
        assert found, result["rules"]
        if decisive is not None:
            assert any(r["decisive"] == decisive for r in found)

    return check


def deadline_is(code, date_=..., state=...):
    def check(result):
        d = deadline(result, code)
        assert d is not None, [x["code"] for x in result["deadlines"]]
        if date_ is not ...:
            assert d["date"] == date_
        if state is not ...:
            assert d["state"] == state

    return check


def no_deadline(code):
    def check(result):
        assert deadline(result, code) is None

    return check


def lines_are(**expected):
    def check(result):
        assert {x["id"]: x["verdict"] for x in result["lines"]} == expected

    return check


def warns(code):
    def check(result):
        assert code in [w["code"] for w in result["warnings"]]

    return check


TWO_PARCELS = [{"id": "A", "delivered_on": "2026-03-01"}, {"id": "B", "delivered_on": "2026-03-10"}]
LAMP_AND_MUG = [
    {"id": "lamp", "delivered_on": "2026-03-10"},
    {"id": "mug", "delivered_on": "2026-03-10", "personalised": True},
]

# (id, citation, facts, expected verdict, extra checks)
CASES = [
    # --- periods ending on a non-working day ------------------------------------------
    (
        "fr-sat-to-mon",
        "Reg. 1182/71 art. 3(4); C. conso L221-19: 21 Mar 2026 is a Saturday",
        facts(),
        "eligible",
        [deadline_is("legal_withdrawal", "2026-03-23", "open")],
    ),
    (
        "fr-day-after-roll",
        "Reg. 1182/71 art. 3(4): the rolled period ends on Monday 23 Mar",
        facts(opened="2026-03-24T09:00:00+01:00"),
        "not_eligible",
        [],
    ),
    (
        "fr-sunday-end",
        "Reg. 1182/71 art. 3(4): 3 May 2026 is a Sunday",
        facts(delivered="2026-04-19", opened="2026-05-04T10:00:00+02:00"),
        "eligible",
        [deadline_is("legal_withdrawal", "2026-05-04")],
    ),
    (
        "fr-holiday-end",
        "Reg. 1182/71 art. 2(2), 3(4): 1 May (Fête du travail) then a weekend",
        facts(delivered="2026-04-17", opened="2026-05-04T10:00:00+02:00"),
        "eligible",
        [deadline_is("legal_withdrawal", "2026-05-04")],
    ),
    (
        "de-easter",
        "Reg. 1182/71 art. 3(4): Good Friday 3 Apr and Easter Monday 6 Apr in DE",
        facts(country="DE", delivered="2026-03-20", opened="2026-04-07T10:00:00+02:00"),
        "eligible",
        [deadline_is("legal_withdrawal", "2026-04-07")],
    ),
    (
        "de-easter-after",
        "Reg. 1182/71 art. 3(4): the rolled period ended on 7 Apr",
        facts(country="DE", delivered="2026-03-20", opened="2026-04-08T10:00:00+02:00"),
        "not_eligible",
        [],
    ),
    (
        "fr-weekday-end",
        "CRD art. 9(1): 14 days from delivery; 24 Mar is a Tuesday",
        facts(delivered="2026-03-10", opened="2026-03-24T18:00:00+01:00"),
        "eligible",
        [deadline_is("legal_withdrawal", "2026-03-24")],
    ),
    (
        "fr-weekday-after",
        "CRD art. 9(1): the day after 14 days",
        facts(delivered="2026-03-10", opened="2026-03-25T09:00:00+01:00"),
        "not_eligible",
        [],
    ),
    (
        "uk-no-roll",
        "CCR reg. 30(3): ends at the end of 14 days; no working-day rule",
        facts(country="GB", opened="2026-03-23T09:00:00+00:00"),
        "not_eligible",
        [],
    ),
    (
        "uk-last-day",
        "CCR reg. 30(3): 14 days after delivery on 7 Mar",
        facts(country="GB", opened="2026-03-21T09:00:00+00:00"),
        "eligible",
        [deadline_is("legal_withdrawal", "2026-03-21")],
    ),
    # --- several parcels ----------------------------------------------------------------
    (
        "two-parcels",
        "CRD art. 9(2)(b)(i): from delivery of the last good of the order",
        facts(lines=TWO_PARCELS, case_lines=["A"], opened="2026-03-24T09:00:00+01:00"),
        "eligible",
        [deadline_is("legal_withdrawal", "2026-03-24")],
    ),
    (
        "two-parcels-after",
        "CRD art. 9(2)(b)(i): last parcel 10 Mar + 14 days = 24 Mar",
        facts(lines=TWO_PARCELS, case_lines=["A"], opened="2026-03-25T09:00:00+01:00"),
        "not_eligible",
        [],
    ),
    (
        "parcel-missing",
        "CRD art. 9(2)(b)(i): the last parcel's date is not known",
        facts(
            lines=[{"id": "A", "delivered_on": "2026-03-01"}, {"id": "B", "delivered_on": None}],
            case_lines=["A"],
            opened="2026-03-25T09:00:00+01:00",
        ),
        "unknown",
        [has_rule("no_delivery_date", True)],
    ),
    (
        "store-window-per-line",
        "Published store policy: 14 days from each line's delivery",
        facts(country="US", lines=TWO_PARCELS, opened="2026-03-20T09:00:00+01:00"),
        "mixed",
        [lines_are(A="not_eligible", B="eligible")],
    ),
    # --- where the consumer lives ---------------------------------------------------------
    *[
        (
            f"outermost-{code}",
            "TFEU art. 349 and 355(1): outermost region, part of the EU",
            facts(country=code),
            "eligible",
            [has_rule("legal_withdrawal", True)],
        )
        for code in ("RE", "GP", "MQ", "GF", "YT", "MF")
    ],
    (
        "aland",
        "Act of Accession 1994, Protocol 2: Åland is in the EU (tax carve-out only)",
        facts(country="AX"),
        "eligible",
        [],
    ),
    (
        "france-by-name",
        "CRD art. 9: a French consumer, the country typed as a name",
        facts(country="France"),
        "eligible",
        [],
    ),
    (
        "france-fr-name",
        "CRD art. 9: a French consumer, the country typed in French with accent",
        facts(country="Réunion"),
        "eligible",
        [],
    ),
    ("norway", "EEA Agreement Annex XIX incorporates the CRD", facts(country="NO"), "eligible", []),
    ("iceland", "EEA Agreement Annex XIX", facts(country="IS"), "eligible", []),
    ("liechtenstein", "EEA Agreement Annex XIX", facts(country="LI"), "eligible", []),
    (
        "us-no-right",
        "No statutory withdrawal right: the store policy decides",
        facts(country="US"),
        "not_eligible",
        [has_rule("no_legal_withdrawal"), no_deadline("legal_withdrawal")],
    ),
    (
        "polynesia",
        "TFEU art. 355(2), Annex II: an overseas territory, outside the EU",
        facts(country="PF"),
        "not_eligible",
        [],
    ),
    ("new-caledonia", "TFEU art. 355(2), Annex II", facts(country="NC"), "not_eligible", []),
    (
        "st-barth",
        "TFEU art. 355(2): Saint-Barthélemy is an OCT since 2012",
        facts(country="BL"),
        "not_eligible",
        [],
    ),
    (
        "switzerland",
        "Not EU/EEA: the store policy decides",
        facts(country="CH"),
        "not_eligible",
        [],
    ),
    (
        "jersey",
        "Jersey is a Crown Dependency, not part of the UK (CCR do not extend to it)",
        facts(country="JE"),
        "not_eligible",
        [],
    ),
    # --- exemptions, per line ------------------------------------------------------------
    (
        "personalised",
        "CRD art. 16(c); C. conso L221-28 3°: made to the consumer's specification",
        facts(lines=[{"id": "A", "delivered_on": "2026-03-10", "personalised": True}]),
        "not_eligible",
        [has_rule("personalised_exempt", True), no_deadline("legal_refund_by")],
    ),
    (
        "lamp-and-mug",
        "CRD art. 16(c) applies to the mug only; the lamp keeps art. 9",
        facts(lines=LAMP_AND_MUG),
        "mixed",
        [
            lines_are(lamp="eligible", mug="not_eligible"),
            has_rule("lines_differ"),
            deadline_is("legal_refund_by"),
        ],
    ),
    (
        "hygiene-opened",
        "CRD art. 16(e); C. conso L221-28 5°: sealed hygiene goods unsealed",
        facts(lines=[{"id": "A", "delivered_on": "2026-03-10", "sealed_hygiene_opened": True}]),
        "not_eligible",
        [has_rule("hygiene_exempt", True)],
    ),
    (
        "perishable",
        "CRD art. 16(d): goods liable to deteriorate rapidly",
        facts(lines=[{"id": "A", "delivered_on": "2026-03-10", "perishable": True}]),
        "not_eligible",
        [has_rule("perishable_exempt", True)],
    ),
    (
        "personalised-damaged",
        "CRD art. 16(c) (no withdrawal) + SGD art. 10 (guarantee)",
        facts(
            reason="damaged_in_transit",
            lines=[{"id": "A", "delivered_on": "2026-02-01", "personalised": True}],
        ),
        "eligible_because_faulty",
        [
            no_deadline("legal_withdrawal"),
            no_deadline("legal_refund_by"),
            deadline_is("legal_guarantee"),
        ],
    ),
    (
        "hygiene-defective",
        "CRD art. 16(e) (no withdrawal) + SGD art. 10 (guarantee)",
        facts(
            reason="defective",
            lines=[{"id": "A", "delivered_on": "2026-02-01", "sealed_hygiene_opened": True}],
        ),
        "eligible_because_faulty",
        [has_rule("hygiene_but_faulty")],
    ),
    # --- faulty goods --------------------------------------------------------------------
    (
        "guarantee-1y",
        "SGD art. 10(1); C. conso L217-3: 2 years from delivery",
        facts(reason="defective", delivered="2025-03-02"),
        "eligible_because_faulty",
        [has_rule("legal_guarantee", True), deadline_is("legal_guarantee", "2027-03-02")],
    ),
    (
        "guarantee-expired",
        "SGD art. 10(1): the 2 years ended on 2 Mar 2026 (rolled to Mon 2 Mar)",
        facts(reason="defective", delivered="2024-03-02"),
        "not_eligible",
        [has_rule("legal_guarantee", True)],
    ),
    (
        "guarantee-roll",
        "SGD art. 10(1) + Reg. 1182/71 art. 3(4): 7 Mar 2026 is a Saturday",
        facts(reason="defective", delivered="2024-03-07", opened="2026-03-09T09:00:00+01:00"),
        "eligible_because_faulty",
        [deadline_is("legal_guarantee", "2026-03-09")],
    ),
    (
        "fault-in-window",
        "Published store policy: faulty goods inside the window are returnable",
        facts(reason="defective", delivered="2026-03-15"),
        "eligible",
        [],
    ),
    (
        "uk-reject-30",
        "CRA s.22(3)-(4): 30-day short-term right to reject",
        facts(
            country="GB",
            reason="defective",
            delivered="2026-03-01",
            opened="2026-03-25T09:00:00+00:00",
        ),
        "eligible_because_faulty",
        [has_rule("uk_right_to_reject", True), deadline_is("uk_right_to_reject", "2026-03-31")],
    ),
    (
        "uk-repair-first",
        "CRA s.23-24: after 30 days, repair or replacement first",
        facts(
            country="GB",
            reason="defective",
            delivered="2026-01-01",
            opened="2026-03-25T09:00:00+00:00",
        ),
        "eligible_because_faulty",
        [has_rule("uk_repair_first", True)],
    ),
    (
        "us-fault",
        "Published store policy: faulty, damaged or wrong items are covered",
        facts(country="US", reason="wrong_item", delivered="2026-01-01"),
        "eligible_because_faulty",
        [has_rule("fault_covered", True)],
    ),
    (
        "undated-fault",
        "SGD art. 10(1): delivery is after the order, so within 2 years",
        facts(reason="defective", delivered=None),
        "eligible_because_faulty",
        [],
    ),
    # --- kinds that get no return verdict ----------------------------------------------
    (
        "chargeback",
        "A chargeback is contested or accepted (card scheme rules), not 'eligible'",
        facts(kind="chargeback", reason="other", chargeback_due_at="2026-03-30T23:59:00+02:00"),
        "not_applicable",
        [deadline_is("chargeback_response", "2026-03-30", "open"), lines_are(A="not_applicable")],
    ),
    (
        "not-received",
        "Nothing to send back: the seller bears the risk until delivery (CRD art. 20)",
        facts(kind="not_received", reason="not_received", delivered=None),
        "eligible",
        [],
    ),
    (
        "arrived-late",
        "CRD art. 18: delivery delay is the trader's responsibility",
        facts(reason="arrived_late", delivered="2026-01-01"),
        "eligible",
        [],
    ),
    # --- missing facts ---------------------------------------------------------------------
    (
        "no-delivery-eu",
        "CRD art. 9(2)(b): the period runs from delivery; record it",
        facts(delivered=None),
        "unknown",
        [has_rule("no_delivery_date", True)],
    ),
    (
        "no-delivery-us",
        "Store policy counts from delivery; record it",
        facts(country="US", delivered=None),
        "unknown",
        [has_rule("no_delivery_date", True)],
    ),
    # --- the shop's calendar ---------------------------------------------------------------
    (
        "peak-paris-night",
        "Store policy peak season, judged on the shop's calendar (Paris)",
        facts(
            country="US",
            placed="2025-11-15T00:30:00+01:00",
            delivered="2025-11-20",
            opened="2026-01-20T10:00:00+01:00",
            shop={
                "peak_season": {
                    "placed_from": "11-15",
                    "placed_to": "12-31",
                    "returns_until": "01-31",
                }
            },
        ),
        "eligible",
        [has_rule("return_window", True)],
    ),
    (
        "la-evening",
        "Store policy: day 30 in the shop's calendar (Los Angeles), not UTC",
        facts(
            country="US",
            delivered="2026-03-01",
            opened="2026-03-31T20:00:00-07:00",
            placed="2026-02-25T10:00:00-08:00",
            shop={"time_zone": "America/Los_Angeles", "country": "US", "return_days": 30},
        ),
        "eligible",
        [],
    ),
    # --- notice, refund, goods back -----------------------------------------------------------
    (
        "notice-before-case",
        "CRD art. 11(1): the consumer informs the trader; the notice date "
        "counts even when the case is opened later",
        facts(opened="2026-03-30T09:00:00+02:00", withdrawal_notice_at="2026-03-20T09:00:00+01:00"),
        "eligible",
        [deadline_is("legal_refund_by", "2026-04-03")],
    ),
    (
        "refund-goods-late",
        "CRD art. 13(3): the trader may withhold until the goods arrive",
        facts(
            delivered="2026-03-01",
            opened="2026-03-10T09:00:00+01:00",
            goods_received_on="2026-03-30",
            now="2026-03-31T09:00:00+02:00",
        ),
        "eligible",
        [deadline_is("legal_refund_by", "2026-03-30", "overdue")],
    ),
    (
        "refund-waiting",
        "CRD art. 13(3): no goods or proof yet: not overdue",
        facts(
            delivered="2026-03-01",
            opened="2026-03-10T09:00:00+01:00",
            now="2026-03-31T09:00:00+02:00",
        ),
        "eligible",
        [deadline_is("legal_refund_by", "2026-03-24", "open")],
    ),
    (
        "refund-proof-first",
        "CRD art. 13(3): whichever is earlier, goods or proof of sending",
        facts(
            delivered="2026-03-01",
            opened="2026-03-10T09:00:00+01:00",
            goods_received_on="2026-04-02",
            proof_of_sending_on="2026-03-28",
            now="2026-04-03T09:00:00+02:00",
        ),
        "eligible",
        [deadline_is("legal_refund_by", "2026-03-28", "overdue")],
    ),
    (
        "uk-refund-goods",
        "CCR reg. 34(5): 14 days after the goods are received back",
        facts(
            country="GB",
            delivered="2026-03-01",
            opened="2026-03-10T09:00:00+00:00",
            goods_received_on="2026-03-25",
        ),
        "eligible",
        [deadline_is("legal_refund_by", "2026-04-08")],
    ),
    (
        "uk-refund-waiting",
        "CCR reg. 34(5)-(6): no date until the goods or proof arrive",
        facts(country="GB", delivered="2026-03-01", opened="2026-03-10T09:00:00+00:00"),
        "eligible",
        [deadline_is("legal_refund_by", None, "open")],
    ),
    (
        "refund-met",
        "CRD art. 13(1): refunded within 14 days of the notice",
        facts(
            delivered="2026-03-01",
            opened="2026-03-10T09:00:00+01:00",
            refunded_on="2026-03-20",
            now="2026-04-10T09:00:00+02:00",
        ),
        "eligible",
        [deadline_is("legal_refund_by", "2026-03-24", "met")],
    ),
    (
        "refund-late",
        "CRD art. 13(1): refunded after the deadline",
        facts(
            delivered="2026-03-01",
            opened="2026-03-10T09:00:00+01:00",
            refunded_on="2026-03-27",
            goods_received_on="2026-03-12",
            now="2026-04-10T09:00:00+02:00",
        ),
        "eligible",
        [deadline_is("legal_refund_by", "2026-03-24", "missed")],
    ),
    (
        "notice-after-period",
        "CRD art. 9: a notice after the period is not a withdrawal",
        facts(
            country="FR",
            delivered="2026-03-01",
            opened="2026-03-20T09:00:00+01:00",
            shop={"return_days": 30},
        ),
        "eligible",
        [no_deadline("legal_refund_by")],
    ),
    (
        "shop-extends",
        "CRD art. 25 (mandatory right) does not stop a shop extending it",
        facts(opened="2026-04-01T09:00:00+02:00", shop={"extra_withdrawal_days": 16}),
        "eligible",
        [deadline_is("legal_withdrawal", "2026-04-07")],
    ),  # 6 Apr: Easter Monday
    # --- merchant deadlines ---------------------------------------------------------------
    (
        "first-response-met",
        "Store policy: answer within 24 hours",
        facts(first_response_at="2026-03-23T15:00:00+01:00", now="2026-03-25T09:00:00+01:00"),
        "eligible",
        [deadline_is("first_response", "2026-03-24", "met")],
    ),
    (
        "first-response-overdue",
        "Store policy: answer within 24 hours",
        facts(now="2026-03-25T09:00:00+01:00"),
        "eligible",
        [deadline_is("first_response", "2026-03-24", "overdue")],
    ),
    (
        "evidence-met",
        "Supplier policy: evidence within N days of delivery",
        facts(
            reason="damaged_in_transit",
            delivered="2026-03-15",
            last_claim_sent_at="2026-03-23T10:00:00+01:00",
        ),
        "eligible",
        [deadline_is("supplier_evidence", "2026-03-30", "met")],
    ),
    (
        "evidence-estimate",
        "Supplier policy, counted from shipping when delivery is unknown",
        facts(reason="damaged_in_transit", delivered=None, shipped_on="2026-03-10"),
        "eligible_because_faulty",
        [deadline_is("supplier_evidence", "2026-03-25")],
    ),
    (
        "store-outlasts-supplier",
        "The published store policy is the contract; the supplier's "
        "shorter window is the merchant's exposure",
        facts(
            country="US",
            delivered="2026-03-01",
            opened="2026-03-20T09:00:00+01:00",
            shop={"return_days": 30},
            supplier={"return_days": 15},
        ),
        "eligible",
        [warns("store_outlasts_supplier")],
    ),
    (
        "customer-window-open",
        "A window still running is open, not met",
        facts(country="US", delivered="2026-03-20", shop={"return_days": 30}),
        "eligible",
        [deadline_is("customer_return", "2026-04-19", "open")],
    ),
    (
        "customer-window-met",
        "Asked inside, the window has closed since: met on the request day",
        facts(
            country="US",
            delivered="2026-03-20",
            shop={"return_days": 30},
            now="2026-05-01T09:00:00+02:00",
        ),
        "eligible",
        [deadline_is("customer_return", "2026-04-19", "met")],
    ),
]


def _verdict_of(result) -> str:
    outcomes = {x["verdict"] for x in result["lines"]}
    return "mixed" if len(outcomes) > 1 else result["verdict"]


def test_the_table_is_large_enough():
    assert len(CASES) >= 60
    assert len({c[0] for c in CASES}) == len(CASES)
    assert all(c[1] for c in CASES)  # every row cites its source


@pytest.mark.parametrize(("name", "source", "data", "expected", "checks"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_rules_table(name, source, data, expected, checks):
    result = judge_json(copy.deepcopy(data))
    assert _verdict_of(result) == expected, (source, result["rules"])
    for check in checks:
        check(result)
    # Every sentence renders in both languages.
    fr = judge_json(copy.deepcopy(data), "fr")
    assert all(r["text"] for r in fr["rules"] + fr["deadlines"] + fr["warnings"])


def test_mixed_case_verdict_is_the_most_favourable_line():
    result = judge_json(facts(lines=LAMP_AND_MUG))
    assert result["verdict"] == "eligible"


def test_french_text_of_a_weekend_case():
    result = judge_json(facts(), "fr")
    text = next(r["text"] for r in result["rules"] if r["code"] == "legal_withdrawal")
    assert "lundi 23 mars 2026" in text and "1182/71" in text


def test_store_policy_has_no_switch_to_remove_the_legal_right():
    """CRD art. 25: a consumer cannot waive the rights; a shop cannot switch them off."""
    assert "legal_withdrawal" not in StorePolicy.__dataclass_fields__
    assert StorePolicy(extra_withdrawal_days=10).extra_withdrawal_days == 10


def test_refund_posted_closes_the_deadline_and_next_work_skips_it():
    data = facts(delivered="2026-03-01", opened="2026-03-10T09:00:00+01:00",
                 refunded_on="2026-03-20", first_response_at="2026-03-10T10:00:00+01:00",
                 now="2026-04-10T09:00:00+02:00")  # fmt: skip
    f, store, supplier = read_facts(data)
    assert next_deadline(compute_deadlines(f, store, supplier)) is None


def test_waiting_refund_is_not_next_work():
    data = facts(
        delivered="2026-03-01",
        opened="2026-03-10T09:00:00+01:00",
        first_response_at="2026-03-10T10:00:00+01:00",
        now="2026-03-31T09:00:00+02:00",
    )
    f, store, supplier = read_facts(data)
    assert next_deadline(compute_deadlines(f, store, supplier)) is None


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"colour": 1}, "unknown key 'colour'"),
        ({"now": "yesterday"}, "now"),
        ({"customer": {"country": "Atlantis"}}, "customer.country"),
        ({"case": {"kind": "return", "reason": "bored", "opened_at": "2026-03-23T09:00:00Z"}},
         "case.reason"),
        ({"case": {"kind": "complaint", "reason": "other",
                   "opened_at": "2026-03-23T09:00:00Z"}}, "case.kind"),
        ({"order": {"placed_at": "2026-03-01T10:00:00", "lines": [{"id": "A"}]}},
         "order.placed_at"),
        ({"order": {"placed_at": "2026-03-01T10:00:00Z", "currency": "EUX",
                    "lines": [{"id": "A"}]}}, "order.currency"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_the_field(patch, message):
    data = facts()
    data.update(patch)
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        read_facts(data)


def test_bad_line_date_is_refused():
    with pytest.raises(InputError, match=r"order.lines\[0\].delivered_on"):
        read_facts(facts(delivered="2026-02-30"))


# --- properties ---------------------------------------------------------------------------

EU_COUNTRIES = ["FR", "DE", "ES", "IT", "BE", "NL", "PL", "RE", "GP", "AX", "NO", "IE", "PT"]
REASONS = [r.value for r in Reason if r not in (Reason.NOT_RECEIVED,)]


@st.composite
def case_facts(draw):
    placed = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
    n = draw(st.integers(1, 3))
    lines = tuple(
        LineFacts(
            str(i),
            draw(st.one_of(st.none(), st.integers(0, 30).map(lambda d: placed + timedelta(d)))),
            personalised=draw(st.booleans()),
            sealed_hygiene_opened=draw(st.booleans()),
            perishable=draw(st.booleans()),
        )
        for i in range(n)
    )
    country = draw(st.sampled_from([*EU_COUNTRIES, "GB", "US", "CH", ""]))
    opened_day = placed + timedelta(days=draw(st.integers(0, 900)))
    return dict(
        kind=draw(st.sampled_from(["return", "refund_only", "exchange", "replacement"])),
        reason=draw(st.sampled_from(REASONS)),
        placed_at=datetime(placed.year, placed.month, placed.day, 10).astimezone(),
        customer_country=country,
        lines=lines,
        opened_day=opened_day,
    )


def _at(day: date) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/Paris"))


STORE = StorePolicy(country="FR", time_zone="Europe/Paris", return_days=14, peak=None)


@settings(max_examples=150, deadline=None)
@given(case_facts(), st.integers(1, 400))
def test_a_later_request_is_never_more_eligible(raw, later_by):
    opened = raw.pop("opened_day")
    earlier = CaseFacts(**raw, opened_at=_at(opened), now=_at(opened))
    later_day = opened + timedelta(days=later_by)
    later = CaseFacts(**raw, opened_at=_at(later_day), now=_at(later_day))
    a, b = evaluate(earlier, STORE), evaluate(later, STORE)
    for la, lb in zip(a.lines, b.lines, strict=True):
        assert OUTCOME_RANK[lb.outcome] <= OUTCOME_RANK[la.outcome], (la, lb)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(EU_COUNTRIES), st.dates(date(2024, 1, 1), date(2030, 12, 31)))
def test_an_eu_withdrawal_period_never_ends_on_a_non_working_day(country, delivered):
    f = CaseFacts(
        kind="return",
        reason=Reason.NO_LONGER_WANTED,
        placed_at=_at(delivered - timedelta(days=3)),
        customer_country=country,
        lines=(LineFacts("A", delivered),),
        opened_at=_at(delivered + timedelta(days=1)),
        now=_at(delivered + timedelta(days=1)),
    )
    end = next(d for d in compute_deadlines(f, STORE) if d.code == "legal_withdrawal").due
    assert is_working_day(end, country) and is_working_day(end, "FR")
    assert end >= delivered + timedelta(days=14)
    assert (end - (delivered + timedelta(days=14))).days < 7


@settings(max_examples=100, deadline=None)
@given(case_facts())
def test_chargebacks_never_get_an_eligibility_verdict(raw):
    opened = raw.pop("opened_day")
    raw["kind"] = "chargeback"
    f = CaseFacts(**raw, opened_at=_at(opened), now=_at(opened))
    assert evaluate(f, STORE).outcome == Outcome.NOT_APPLICABLE


@settings(max_examples=100, deadline=None)
@given(case_facts(), st.integers(0, 60))
def test_customer_windows_are_never_overdue_and_next_work_is_the_merchants(raw, later):
    opened = raw.pop("opened_day")
    f = CaseFacts(**raw, opened_at=_at(opened), now=_at(opened + timedelta(days=later)))
    deadlines = compute_deadlines(f, STORE)
    for d in deadlines:
        if not d.merchant:
            assert d.state.value != "overdue"
    upcoming = next_deadline(deadlines)
    assert upcoming is None or (upcoming.merchant and not upcoming.waiting)
