"""Risk rules: each fires on its condition and stays quiet without it, with its reason in words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.risk import (
    CaseFacts,
    Rule,
    SupplierFacts,
    Thresholds,
    case_flags,
    supplier_flags,
)

T = Thresholds()
QUIET = CaseFacts(
    customer="ann@example.com",
    requests_12_months=1,
    other_chargebacks=0,
    billing_country="FR",
    shipping_country="FR",
    billing_name="Ann Lee",
    shipping_name="ann lee",
    opened_on=date(2026, 5, 10),
    delivered_on=date(2026, 5, 8),
    kind="return",
    reason="defective",
    earlier_orders=2,
    order_total_minor=90_000,
    currency="EUR",
    minor_exponent=2,
)
CALM_SUPPLIER = SupplierFacts("Atelier", 10, 1.0, 200, 4, 10, 9)


def rules(facts) -> list[Rule]:
    return [f.rule for f in case_flags(facts, T)]


def test_a_plain_case_raises_no_signal():
    assert rules(QUIET) == []
    assert supplier_flags(CALM_SUPPLIER, T) == []


@pytest.mark.parametrize(
    ("change", "rule", "words"),
    [
        ({"requests_12_months": 3}, Rule.REPEATED_REQUESTS, "3 requests"),
        ({"shipping_country": "BE"}, Rule.ADDRESS_MISMATCH, "shipping country BE"),
        ({"shipping_name": "Max Power"}, Rule.ADDRESS_MISMATCH, "shipped to “Max Power”"),
        ({"other_chargebacks": 1}, Rule.PAST_CHARGEBACKS, "1 chargeback"),
        ({"opened_on": date(2026, 5, 7)}, Rule.BEFORE_DELIVERY, "before the parcel"),
        (
            {"earlier_orders": 0, "order_total_minor": 25_000},
            Rule.FIRST_ORDER_HIGH_VALUE,
            "€250.00",  # the one money format (domain.i18n.formatting)
        ),
    ],
)
def test_each_customer_rule_fires_with_its_reason(change, rule, words):
    flags = case_flags(replace(QUIET, **change), T)
    assert [f.rule for f in flags] == [rule]
    assert words in flags[0].reason("en")
    assert flags[0].reason("fr") != flags[0].reason("en")


@pytest.mark.parametrize(
    "change",
    [
        {"requests_12_months": 2},  # below the threshold of 3
        {"shipping_country": ""},  # an unknown country is not a mismatch
        {"shipping_name": ""},  # no recipient name on the address
        {"opened_on": date(2026, 5, 7), "kind": "not_received"},  # expected before delivery
        {"opened_on": date(2026, 5, 7), "reason": "arrived_late"},
        {"opened_on": date(2026, 5, 7), "delivered_on": None},  # never delivered
        {"earlier_orders": 0, "order_total_minor": 24_999},  # just under 250.00
        {"earlier_orders": 1, "order_total_minor": 99_999},  # not a first order
    ],
)
def test_customer_rules_stay_quiet_below_their_thresholds(change):
    assert rules(replace(QUIET, **change)) == []


def test_first_order_threshold_follows_the_currency_minor_unit():
    yen = replace(QUIET, earlier_orders=0, currency="JPY", minor_exponent=0)
    assert rules(replace(yen, order_total_minor=250)) == [Rule.FIRST_ORDER_HIGH_VALUE]
    assert rules(replace(yen, order_total_minor=249)) == []


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"median_reply_days": 3.0}, Rule.SLOW_REPLIES),
        ({"defect_cases": 16}, Rule.HIGH_DEFECT_RATE),  # 16 / 200 = 8 %
        ({"reimbursed_claims": 2}, Rule.LOW_REIMBURSEMENT),  # 20 % < 25 %
    ],
)
def test_each_supplier_rule_fires(change, rule):
    flags = supplier_flags(replace(CALM_SUPPLIER, **change), T)
    assert [f.rule for f in flags] == [rule]
    assert "flagged" in flags[0].reason("en")


@pytest.mark.parametrize(
    "change",
    [
        {"median_reply_days": 2.9},
        {"median_reply_days": 9.0, "replies": 4},  # too few replies to judge
        {"defect_cases": 15},
        {"defect_cases": 40, "orders": 49},  # too few orders to judge
        {"reimbursed_claims": 5, "claims": 20},  # exactly 25 %
        {"reimbursed_claims": 0, "claims": 4},  # too few claims to judge
    ],
)
def test_supplier_rules_stay_quiet(change):
    assert supplier_flags(replace(CALM_SUPPLIER, **change), T) == []


def test_thresholds_are_checked_and_bad_stored_values_fall_back():
    with pytest.raises(InputError):
        Thresholds(repeat_requests=1)
    assert Thresholds.from_mapping({"repeat_requests": "many"}) == Thresholds()
    assert Thresholds.from_mapping({"repeat_requests": 5, "junk": 1}).repeat_requests == 5
    assert Thresholds.from_mapping(None) == Thresholds()
