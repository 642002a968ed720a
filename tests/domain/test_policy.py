from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from returnsdesk.domain.deadlines import PeakSeason, add_days, to_local
from returnsdesk.domain.policy import (
    EU_UK_COUNTRIES,
    KINDS,
    CaseFacts,
    Deadline,
    Outcome,
    Rule,
    StorePolicy,
    SupplierPolicy,
    Verdict,
    compute_deadlines,
    evaluate,
    next_deadline,
)
from returnsdesk.domain.reasons import Reason, is_fault_reason

STORE = StorePolicy()
PARTIAL = "A partial refund may settle this faster than a return."


def facts(**kw) -> CaseFacts:
    """A return from a US customer, delivered 3 May 2026, asked on 10 May 2026."""
    opened = kw.pop("opened_at", datetime(2026, 5, 10, 9, 30, tzinfo=UTC))
    base = dict(
        kind="return",
        reason=Reason.SIZE_TOO_SMALL,
        placed_on=date(2026, 4, 25),
        delivered_on=date(2026, 5, 3),
        customer_country="US",
        personalised=False,
        opened_at=opened,
        today=opened.date(),
        now=opened,
    )
    base.update(kw)
    return CaseFacts(**base)


def by_code(deadlines: list[Deadline]) -> dict[str, Deadline]:
    return {d.code: d for d in deadlines}


def codes(verdict: Verdict, decisive: bool | None = None) -> list[str]:
    return [r.code for r in verdict.rules if decisive is None or r.decisive == decisive]


# --- facts ------------------------------------------------------------------------------


def test_facts_validate_kind_and_aware_datetimes():
    with pytest.raises(ValueError, match="kind"):
        facts(kind="complaint")
    with pytest.raises(ValueError, match="aware"):
        facts(opened_at=datetime(2026, 5, 10, 9, 30))
    with pytest.raises(ValueError, match="aware"):
        facts(now=datetime(2026, 5, 10, 9, 30))
    with pytest.raises(ValueError, match="aware"):
        facts(last_claim_sent_at=datetime(2026, 5, 10, 9, 30))
    with pytest.raises(ValueError, match="aware"):
        facts(first_response_at=datetime(2026, 5, 10, 9, 30))
    assert facts(reason="defective").reason is Reason.DEFECTIVE


def test_eu_uk_countries():
    assert len({c for c in EU_UK_COUNTRIES if c not in {"GB", "UK", "IS", "LI", "NO", "EL"}}) == 27
    assert {"FR", "DE", "IE", "NO", "IS", "LI", "GB", "UK"} <= EU_UK_COUNTRIES
    assert not {"US", "CH", "CA", "AU", ""} & EU_UK_COUNTRIES


# --- customer return window -------------------------------------------------------------


def test_customer_return_window_store_days():
    d = by_code(compute_deadlines(facts(), STORE, None))["customer_return"]
    assert d.due == date(2026, 6, 2)
    assert d.due_at is None
    assert d.label == "Customer return window"
    assert "Delivered on 3 May 2026 + 30 days (store policy) = 2 June 2026" in d.explanation


def test_customer_windows_need_no_action_once_the_customer_asked():
    d = by_code(compute_deadlines(facts(customer_country="GB", reason=Reason.DEFECTIVE), STORE))
    for code in ("customer_return", "legal_withdrawal", "uk_right_to_reject"):
        assert d[code].met
        assert "The request on 10 May 2026 is within it." in d[code].explanation
    assert not d["supplier_evidence"].met and not d["legal_refund_by"].met
    last_day = facts(opened_at=datetime(2026, 6, 2, 23, 59, tzinfo=UTC))
    assert by_code(compute_deadlines(last_day, STORE))["customer_return"].met
    late = facts(opened_at=datetime(2026, 6, 5, tzinfo=UTC))
    d = by_code(compute_deadlines(late, STORE))["customer_return"]
    assert d.met  # a missed window is explained, not an overdue task
    assert "came 3 days after it" in d.explanation


def test_supplier_return_days_override_the_store():
    d = by_code(compute_deadlines(facts(), STORE, SupplierPolicy(return_days=14)))
    assert d["customer_return"].due == date(2026, 5, 17)
    assert "supplier policy" in d["customer_return"].explanation
    zero = by_code(compute_deadlines(facts(), STORE, SupplierPolicy(return_days=0)))
    assert zero["customer_return"].due == date(2026, 5, 3)


def test_peak_season_extends_the_window():
    f = facts(placed_on=date(2025, 11, 20), delivered_on=date(2025, 11, 28))
    d = by_code(compute_deadlines(f, STORE, None))["customer_return"]
    assert d.due == date(2026, 1, 31)
    assert "peak season (15 Nov–31 Dec)" in d.explanation
    assert "28 December 2025" in d.explanation  # what it would have been


def test_peak_season_never_shortens_the_window():
    f = facts(placed_on=date(2025, 12, 30), delivered_on=date(2026, 1, 20))
    d = by_code(compute_deadlines(f, STORE, None))["customer_return"]
    assert d.due == date(2026, 2, 19)
    assert "does not change the window" in d.explanation


def test_peak_season_can_be_switched_off_or_configured():
    f = facts(placed_on=date(2025, 11, 20), delivered_on=date(2025, 11, 28))
    off = by_code(compute_deadlines(f, StorePolicy(peak=None), None))
    assert off["customer_return"].due == date(2025, 12, 28)
    wrap = StorePolicy(peak=PeakSeason(12, 1, 1, 10, 2, 29))
    f = facts(placed_on=date(2028, 1, 5), delivered_on=date(2028, 1, 12))
    assert by_code(compute_deadlines(f, wrap, None))["customer_return"].due == date(2028, 2, 29)


# --- legal deadlines --------------------------------------------------------------------


def test_eu_customer_gets_withdrawal_and_refund_by():
    f = facts(customer_country="fr")
    d = by_code(compute_deadlines(f, STORE, None))
    assert d["legal_withdrawal"].due == date(2026, 5, 17)
    assert "Customer in FR: EU consumers may withdraw within 14 days" in (
        d["legal_withdrawal"].explanation
    )
    assert d["legal_refund_by"].due == date(2026, 5, 24)  # request 10 May + 14
    assert "date of the request" in d["legal_refund_by"].explanation
    assert "uk_right_to_reject" not in d


def test_refund_by_counts_from_the_withdrawal_notice():
    f = facts(customer_country="DE", withdrawal_notice_on=date(2026, 5, 8))
    d = by_code(compute_deadlines(f, STORE, None))
    assert d["legal_refund_by"].due == date(2026, 5, 22)
    assert "said they withdraw" in d["legal_refund_by"].explanation


def test_no_refund_by_when_notice_is_after_the_withdrawal_period():
    f = facts(customer_country="DE", opened_at=datetime(2026, 5, 25, tzinfo=UTC))
    d = by_code(compute_deadlines(f, STORE, None))
    assert "legal_withdrawal" in d
    assert "legal_refund_by" not in d


def test_refund_by_only_for_return_and_refund_kinds():
    for kind in ("replacement", "exchange", "chargeback", "not_received"):
        assert "legal_refund_by" not in by_code(compute_deadlines(facts(kind=kind), STORE, None))
    f = facts(kind="refund_only", customer_country="NO")
    assert "legal_refund_by" in by_code(compute_deadlines(f, STORE, None))


def test_non_eu_customer_has_no_legal_deadlines():
    for country in ("US", "CH", ""):
        d = by_code(compute_deadlines(facts(customer_country=country), STORE, None))
        assert not {"legal_withdrawal", "legal_refund_by", "uk_right_to_reject"} & d.keys()


def test_legal_withdrawal_can_be_switched_off():
    d = by_code(
        compute_deadlines(facts(customer_country="FR"), StorePolicy(legal_withdrawal=False))
    )
    assert not {"legal_withdrawal", "legal_refund_by"} & d.keys()


def test_personalised_goods_are_exempt_from_withdrawal_unless_faulty():
    f = facts(customer_country="FR", personalised=True)
    assert "legal_withdrawal" not in by_code(compute_deadlines(f, STORE, None))
    f = replace(f, reason=Reason.PERSONALISATION_ERROR)
    d = by_code(compute_deadlines(f, STORE, None))
    assert d["legal_withdrawal"].due == date(2026, 5, 17)
    assert "this item is faulty" in d["legal_withdrawal"].explanation


@pytest.mark.parametrize("country", ["GB", "UK", "gb"])
def test_uk_right_to_reject_for_faulty_goods(country):
    f = facts(customer_country=country, reason=Reason.DEFECTIVE)
    d = by_code(compute_deadlines(f, STORE, None))
    assert d["uk_right_to_reject"].due == date(2026, 6, 2)
    assert "legal_withdrawal" in d
    assert d["legal_withdrawal"].explanation.startswith(f"Customer in {country.upper()}: UK")


def test_no_uk_right_to_reject_for_change_of_mind_or_eu():
    assert "uk_right_to_reject" not in by_code(
        compute_deadlines(facts(customer_country="GB"), STORE, None)
    )
    assert "uk_right_to_reject" not in by_code(
        compute_deadlines(facts(customer_country="IE", reason=Reason.DEFECTIVE), STORE, None)
    )


# --- supplier, first response, chargeback -----------------------------------------------


def test_supplier_evidence_deadline():
    d = by_code(compute_deadlines(facts(), STORE, None))
    assert d["supplier_evidence"].due == date(2026, 5, 18)
    d = by_code(compute_deadlines(facts(), STORE, SupplierPolicy(evidence_days=7)))
    assert d["supplier_evidence"].due == date(2026, 5, 10)
    assert "supplier policy" in d["supplier_evidence"].explanation


def test_supplier_follow_up_uses_hours_and_the_injected_clock():
    sent = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    f = facts(last_claim_sent_at=sent, now=datetime(2026, 5, 5, 16, 0, tzinfo=UTC))
    supplier = SupplierPolicy(timezone="Asia/Shanghai")
    d = by_code(compute_deadlines(f, STORE, supplier))["supplier_follow_up"]
    assert d.due_at == datetime(2026, 5, 6, 10, 0, tzinfo=UTC)
    assert d.due == date(2026, 5, 6)
    assert not d.met
    assert "6 May 2026 18:00 Asia/Shanghai, supplier time" in d.explanation
    assert "No reply for 30 hours so far." in d.explanation
    assert to_local(d.due_at, supplier.timezone).hour == 18

    d = by_code(compute_deadlines(f, STORE, SupplierPolicy(follow_up_hours=72)))
    assert d["supplier_follow_up"].due_at == sent + timedelta(hours=72)


def test_no_follow_up_without_an_unanswered_claim():
    assert "supplier_follow_up" not in by_code(compute_deadlines(facts(), STORE, None))


def test_follow_up_with_an_unknown_supplier_zone_still_computes():
    f = facts(last_claim_sent_at=datetime(2026, 5, 4, 10, tzinfo=UTC))
    d = by_code(compute_deadlines(f, STORE, SupplierPolicy(timezone="Nowhere/City")))
    assert d["supplier_follow_up"].due_at == datetime(2026, 5, 6, 10, tzinfo=UTC)
    assert "unknown" in d["supplier_follow_up"].explanation


def test_first_response():
    d = by_code(compute_deadlines(facts(), STORE, None))["first_response"]
    assert d.due_at == datetime(2026, 5, 11, 9, 30, tzinfo=UTC)
    assert not d.met
    assert "Not answered yet" in d.explanation
    answered = facts(first_response_at=datetime(2026, 5, 10, 12, tzinfo=UTC))
    d = by_code(compute_deadlines(answered, StorePolicy(first_response_hours=48), None))
    assert d["first_response"].met
    assert d["first_response"].due_at == datetime(2026, 5, 12, 9, 30, tzinfo=UTC)
    late = facts(first_response_at=datetime(2026, 5, 12, 12, tzinfo=UTC))
    assert "(late)" in by_code(compute_deadlines(late, STORE, None))["first_response"].explanation


def test_chargeback_response_due_date():
    f = facts(kind="chargeback", reason=Reason.NOT_RECEIVED, chargeback_due_on=date(2026, 5, 30))
    d = by_code(compute_deadlines(f, STORE, None))["chargeback_response"]
    assert d.due == date(2026, 5, 30)
    assert "30 May 2026" in d.explanation
    f = facts(chargeback_due_on=date(2026, 5, 30))  # not a chargeback case
    assert "chargeback_response" not in by_code(compute_deadlines(f, STORE, None))


def test_no_delivery_date_omits_delivery_based_deadlines():
    f = facts(kind="not_received", reason=Reason.NOT_RECEIVED, delivered_on=None)
    d = by_code(compute_deadlines(f, STORE, None))
    assert set(d) == {"first_response"}
    f = facts(delivered_on=None, customer_country="FR")
    d = by_code(compute_deadlines(f, STORE, None))
    assert not {"customer_return", "legal_withdrawal", "supplier_evidence"} & d.keys()
    assert "legal_refund_by" in d  # withdrawal before delivery is allowed


def test_closed_case_has_every_deadline_met():
    f = facts(is_open=False, last_claim_sent_at=datetime(2026, 5, 4, tzinfo=UTC))
    ds = compute_deadlines(f, STORE, None)
    assert ds and all(d.met for d in ds)
    assert next_deadline(ds, f.today) is None


def test_deadlines_are_sorted_and_next_deadline_prefers_overdue():
    f = facts(
        customer_country="FR",
        last_claim_sent_at=datetime(2026, 5, 4, 10, tzinfo=UTC),
        first_response_at=datetime(2026, 5, 10, 10, tzinfo=UTC),
    )
    ds = compute_deadlines(f, STORE, None)
    assert [d.due for d in ds] == sorted(d.due for d in ds)
    nxt = next_deadline(ds, date(2026, 5, 10))
    assert nxt is not None and nxt.code == "supplier_follow_up"  # due 6 May: overdue
    assert nxt.is_overdue(date(2026, 5, 10))
    assert nxt.countdown(date(2026, 5, 10)) == "4 days overdue"
    assert next_deadline([], date(2026, 5, 10)) is None
    # The met first response (due 11 May) and the met customer windows are skipped.
    later = [d for d in ds if d.code not in {"supplier_follow_up"}]
    assert next_deadline(later, date(2026, 5, 10)).code == "supplier_evidence"


# --- verdict ----------------------------------------------------------------------------


def test_change_of_mind_inside_the_window_is_eligible():
    v = evaluate(facts(), STORE, None)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.summary == "Eligible"
    assert v.eligible
    window = v.rules[0]
    assert window == Rule(
        "return_window",
        "Delivered on 3 May 2026; the 30-day return window runs until 2 June 2026 — "
        "the request on 10 May 2026 is inside it.",
        True,
    )
    assert v.suggestion is None
    assert (
        Rule(
            "legal_region",
            "Customer in US: no statutory withdrawal right is applied; the store policy decides.",
            False,
        )
        in v.rules
    )


def test_change_of_mind_after_the_window_is_not_eligible():
    v = evaluate(facts(opened_at=datetime(2026, 6, 5, tzinfo=UTC)), STORE, None)
    assert v.outcome is Outcome.NOT_ELIGIBLE
    assert v.summary == "Not eligible"
    assert not v.eligible
    assert "is 3 days after it" in v.rules[0].text
    assert v.decisive_rules == (v.rules[0],)


@pytest.mark.parametrize(
    "reason",
    [Reason.SIZE_TOO_LARGE, Reason.COLOUR_STYLE, Reason.NO_LONGER_WANTED, Reason.OTHER],
)
def test_all_change_of_mind_reasons_follow_the_window(reason):
    late = datetime(2026, 6, 3, tzinfo=UTC)
    assert evaluate(facts(reason=reason), STORE).outcome is Outcome.ELIGIBLE
    assert evaluate(facts(reason=reason, opened_at=late), STORE).outcome is Outcome.NOT_ELIGIBLE


def test_last_day_of_the_window_is_inside():
    f = facts(opened_at=datetime(2026, 6, 2, 23, 59, tzinfo=UTC))
    assert evaluate(f, STORE).outcome is Outcome.ELIGIBLE


def test_peak_season_verdict_mentions_the_extension():
    f = facts(
        placed_on=date(2025, 11, 20),
        delivered_on=date(2025, 11, 28),
        opened_at=datetime(2026, 1, 20, tzinfo=UTC),
    )
    v = evaluate(f, STORE)
    assert v.outcome is Outcome.ELIGIBLE
    assert "peak season" in v.rules[0].text and "31 January 2026" in v.rules[0].text


def test_eu_withdrawal_rescues_a_short_supplier_window():
    supplier = SupplierPolicy(return_days=7)
    f = facts(customer_country="FR", opened_at=datetime(2026, 5, 14, tzinfo=UTC))
    v = evaluate(f, STORE, supplier)
    assert v.outcome is Outcome.ELIGIBLE
    assert codes(v, decisive=True) == ["return_window", "legal_withdrawal"]
    assert "the supplier's 7-day return window" in v.rules[0].text
    assert "supplier_window" in codes(v, decisive=False)
    us = evaluate(replace(f, customer_country="US"), STORE, supplier)
    assert us.outcome is Outcome.NOT_ELIGIBLE
    uk = evaluate(replace(f, customer_country="GB"), STORE, supplier)
    assert uk.outcome is Outcome.ELIGIBLE
    late = evaluate(replace(f, opened_at=datetime(2026, 5, 20, tzinfo=UTC)), STORE, supplier)
    assert late.outcome is Outcome.NOT_ELIGIBLE
    assert "after it too" in late.rules[1].text


def test_eu_customer_gets_an_informative_rule():
    v = evaluate(facts(customer_country="FR"), STORE)
    info = [r for r in v.rules if r.code == "legal_withdrawal"]
    assert info == [
        Rule(
            "legal_withdrawal",
            "Customer in FR: EU 14-day withdrawal right applies (until 17 May 2026).",
            False,
        )
    ]
    v = evaluate(facts(customer_country=""), STORE)
    assert any("country unknown" in r.text for r in v.rules)
    v = evaluate(facts(customer_country="FR"), StorePolicy(legal_withdrawal=False))
    assert any("switched off" in r.text for r in v.rules)


@pytest.mark.parametrize(
    "reason",
    [
        Reason.DAMAGED_IN_TRANSIT,
        Reason.DEFECTIVE,
        Reason.WRONG_ITEM,
        Reason.NOT_AS_DESCRIBED,
        Reason.MISSING_PARTS,
        Reason.PERSONALISATION_ERROR,
    ],
)
def test_faulty_goods_are_covered_regardless_of_window(reason):
    inside = evaluate(facts(reason=reason), STORE)
    assert inside.outcome is Outcome.ELIGIBLE
    assert codes(inside, decisive=True) == ["return_window"]
    late = evaluate(facts(reason=reason, opened_at=datetime(2026, 9, 1, tzinfo=UTC)), STORE)
    assert late.outcome is Outcome.ELIGIBLE_BECAUSE_FAULTY
    assert late.summary == "Eligible only because the item is faulty"
    assert codes(late, decisive=True) == ["return_window", "fault_covered"]


def test_personalised_item_is_not_returnable_for_change_of_mind():
    v = evaluate(facts(personalised=True, customer_country="FR"), STORE)
    assert v.outcome is Outcome.NOT_ELIGIBLE
    assert codes(v, decisive=True) == ["personalised_exempt"]
    assert any("personalised goods are exempt" in r.text for r in v.rules if not r.decisive)


def test_personalised_item_with_a_fault_is_eligible_because_faulty():
    v = evaluate(facts(personalised=True, reason=Reason.PERSONALISATION_ERROR), STORE)
    assert v.outcome is Outcome.ELIGIBLE_BECAUSE_FAULTY
    assert codes(v, decisive=True) == ["personalised_but_faulty", "fault_covered"]
    assert "return_window" in codes(v, decisive=False)


@pytest.mark.parametrize(
    ("kind", "reason", "code"),
    [
        ("not_received", Reason.NOT_RECEIVED, "not_received"),
        ("refund_only", Reason.NOT_RECEIVED, "not_received"),
        ("return", Reason.ARRIVED_LATE, "arrived_late"),
        ("chargeback", Reason.NO_LONGER_WANTED, "chargeback"),
    ],
)
def test_not_received_late_and_chargeback_are_eligible(kind, reason, code):
    # Even long after any window, and even for personalised items.
    late = datetime(2026, 12, 1, tzinfo=UTC)
    f = facts(kind=kind, reason=reason, personalised=True, opened_at=late)
    v = evaluate(f, STORE)
    assert v.outcome is Outcome.ELIGIBLE
    assert codes(v, decisive=True) == [code]
    assert v.suggestion is None


def test_chargeback_rule_mentions_the_due_date():
    f = facts(kind="chargeback", reason=Reason.OTHER, chargeback_due_on=date(2026, 5, 30))
    assert "due by 30 May 2026" in evaluate(f, STORE).rules[0].text
    f = replace(f, chargeback_due_on=None)
    assert "Enter the response due date" in evaluate(f, STORE).rules[0].text


def test_no_delivery_date_is_explained():
    v = evaluate(facts(kind="not_received", reason=Reason.NOT_RECEIVED, delivered_on=None), STORE)
    assert v.outcome is Outcome.ELIGIBLE
    assert "no_delivery_date" in codes(v, decisive=False)
    v = evaluate(facts(delivered_on=None), STORE)
    assert v.outcome is Outcome.ELIGIBLE
    assert "has not started" in v.rules[0].text
    v = evaluate(facts(delivered_on=None, reason=Reason.DEFECTIVE), STORE)
    assert v.outcome is Outcome.ELIGIBLE_BECAUSE_FAULTY


def test_uk_faulty_goods_mention_right_to_reject():
    v = evaluate(facts(customer_country="GB", reason=Reason.DEFECTIVE), STORE)
    assert any(r.code == "uk_right_to_reject" and "2 June 2026" in r.text for r in v.rules)


# --- suggestions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reason", [Reason.COLOUR_STYLE, Reason.MISSING_PARTS, Reason.NOT_AS_DESCRIBED]
)
def test_partial_refund_suggested_for_minor_issues(reason):
    assert evaluate(facts(reason=reason), STORE).suggestion == PARTIAL


def test_partial_refund_suggested_for_minor_fault_flag():
    f = facts(reason=Reason.DEFECTIVE, minor_fault=True, amount_minor=2500)
    assert evaluate(f, STORE, SupplierPolicy()).suggestion == PARTIAL
    assert evaluate(replace(f, minor_fault=False), STORE).suggestion is None


def test_no_suggestion_when_not_eligible():
    f = facts(reason=Reason.COLOUR_STYLE, opened_at=datetime(2026, 7, 1, tzinfo=UTC))
    assert evaluate(f, STORE).suggestion is None


def test_keep_item_suggested_when_supplier_reimburses_without_return():
    keep = SupplierPolicy(reimburses_without_return=True)
    v = evaluate(facts(reason=Reason.DEFECTIVE, minor_fault=True), STORE, keep)
    assert v.suggestion is not None and "keeps the item" in v.suggestion
    # Not for change of mind, and no partial-refund hint either.
    assert evaluate(facts(reason=Reason.COLOUR_STYLE), STORE, keep).suggestion is None


def test_restocking_fee_is_mentioned_for_change_of_mind_returns():
    supplier = SupplierPolicy(restocking_fee_percent=15)
    v = evaluate(facts(), STORE, supplier)
    assert any(r.code == "restocking_fee" and "15%" in r.text for r in v.rules)
    v = evaluate(facts(reason=Reason.DEFECTIVE), STORE, supplier)
    assert "restocking_fee" not in codes(v)


# --- properties -------------------------------------------------------------------------

aware = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)


@st.composite
def case_facts(draw):
    placed = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2029, 12, 31)))
    delivered = draw(st.one_of(st.none(), st.integers(0, 60).map(lambda n: add_days(placed, n))))
    opened = draw(aware)
    kind = draw(st.sampled_from(sorted(KINDS)))
    return CaseFacts(
        kind=kind,
        reason=draw(st.sampled_from(list(Reason))),
        placed_on=placed,
        delivered_on=delivered,
        customer_country=draw(st.sampled_from(["FR", "GB", "UK", "NO", "US", "", "de"])),
        personalised=draw(st.booleans()),
        opened_at=opened,
        today=opened.date(),
        now=opened + timedelta(hours=draw(st.integers(0, 500))),
        first_response_at=draw(st.one_of(st.none(), aware)),
        last_claim_sent_at=draw(st.one_of(st.none(), aware)),
        chargeback_due_on=draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1)))),
        withdrawal_notice_on=draw(st.one_of(st.none(), st.dates(date(2020, 1, 1)))),
        is_open=draw(st.booleans()),
        minor_fault=draw(st.booleans()),
    )


suppliers = st.one_of(
    st.none(),
    st.builds(
        SupplierPolicy,
        return_days=st.one_of(st.none(), st.integers(0, 90)),
        evidence_days=st.one_of(st.none(), st.integers(0, 60)),
        follow_up_hours=st.one_of(st.none(), st.integers(1, 240)),
        restocking_fee_percent=st.integers(0, 30),
        reimburses_without_return=st.booleans(),
        timezone=st.sampled_from(["UTC", "Asia/Shanghai", "America/New_York", "Bad/Zone"]),
    ),
)


@given(case_facts(), suppliers)
def test_deadlines_always_sorted_and_consistent(f, supplier):
    ds = compute_deadlines(f, STORE, supplier)
    assert [d.due for d in ds] == sorted(d.due for d in ds)
    assert len({d.code for d in ds}) == len(ds)
    for d in ds:
        assert d.explanation and d.label
        if d.due_at is not None:
            assert d.due_at.tzinfo is not None
            assert d.due_at.astimezone(UTC).date() == d.due
            if supplier is not None and d.code == "supplier_follow_up":
                try:
                    local = to_local(d.due_at, supplier.timezone)
                except ValueError:
                    assert supplier.timezone == "Bad/Zone"
                else:
                    assert local.astimezone(UTC) == d.due_at
    if f.delivered_on is None:
        assert not {"customer_return", "legal_withdrawal", "supplier_evidence"} & {
            d.code for d in ds
        }
    nxt = next_deadline(ds, f.today)
    pending = [d for d in ds if not d.met]
    assert (nxt is None) == (not pending)
    if nxt is not None:
        assert nxt.due == min(d.due for d in pending)


@given(case_facts(), suppliers)
def test_verdict_invariants(f, supplier):
    v = evaluate(f, STORE, supplier)
    assert v.rules and v.rules[0].decisive
    assert v.decisive_rules
    assert all(r.text for r in v.rules)
    if v.outcome is Outcome.ELIGIBLE_BECAUSE_FAULTY:
        assert is_fault_reason(f.reason)
    if is_fault_reason(f.reason) or f.kind in {"chargeback", "not_received"}:
        assert v.outcome is not Outcome.NOT_ELIGIBLE
    if f.personalised and not is_fault_reason(f.reason) and f.kind in {"return", "exchange"}:
        if f.reason not in {Reason.NOT_RECEIVED, Reason.ARRIVED_LATE}:
            assert v.outcome is Outcome.NOT_ELIGIBLE
    if v.outcome is Outcome.NOT_ELIGIBLE:
        assert v.suggestion is None


@given(case_facts(), st.integers(0, 120))
def test_peak_extension_never_shortens_the_customer_window(f, days):
    store = StorePolicy(return_days=days)
    with_peak = by_code(compute_deadlines(f, store))
    without = by_code(compute_deadlines(f, replace(store, peak=None)))
    if "customer_return" in without:
        assert with_peak["customer_return"].due >= without["customer_return"].due
        assert without["customer_return"].due == add_days(f.delivered_on, days)
