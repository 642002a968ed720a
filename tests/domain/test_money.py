"""Money: parsing, formatting and exact sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from returnsdesk.domain.money import (
    MAX_MINOR,
    Money,
    MoneyError,
    format_money,
    format_plain,
    from_decimal,
    minor_exponent,
    parse_amount,
    percent_of,
    to_decimal,
    total,
)

CURRENCIES = ["EUR", "USD", "GBP", "JPY", "PLN", "BHD", "CAD", "CHF"]
amounts = st.integers(min_value=0, max_value=MAX_MINOR)


def test_exponents_follow_iso_4217():
    assert minor_exponent("EUR") == 2
    assert minor_exponent("jpy") == 0
    assert minor_exponent("BHD") == 3


@pytest.mark.parametrize(
    "text, currency, locale, expected",
    [
        ("12.50", "EUR", "en", 1250),
        ("1,234.50", "USD", "en", 123450),
        ("12,5", "EUR", "fr", 1250),
        ("1 234,56", "EUR", "fr", 123456),
        ("€ 9.99", "EUR", "en", 999),
        ("1500", "JPY", "en", 1500),
        ("0.125", "BHD", "en", 125),
    ],
)
def test_parse_amount(text, currency, locale, expected):
    assert parse_amount(text, currency, locale) == expected


@pytest.mark.parametrize(
    "text, currency, message",
    [
        ("12.345", "EUR", "decimal place"),
        ("10.5", "JPY", "decimal place"),
        ("-3", "EUR", "negative"),
        ("", "EUR", "Enter an amount"),
        ("abc", "EUR", "Not an amount"),
        ("nan", "EUR", "Not an amount"),
        ("1.2.3,4", "EUR", "Not an amount"),
        ("1000000000000000000", "EUR", "too large"),
        ("12", "EURO", "Unknown currency"),
        ("12", "XXY", "Unknown currency"),
    ],
)
def test_parse_amount_refuses_bad_input(text, currency, message):
    with pytest.raises(MoneyError, match=message):
        parse_amount(text, currency)


def test_format_money_is_locale_aware():
    assert format_money(123450, "EUR", "en") == "€1,234.50"
    assert format_money(123450, "EUR", "fr") == "1\u202f234,50\xa0€"
    assert format_money(1500, "JPY", "en") == "¥1,500"
    assert format_plain(-1250, "EUR") == "-12.50"


@given(st.sampled_from(CURRENCIES), amounts)
def test_decimal_round_trip(currency, minor):
    assert from_decimal(to_decimal(minor, currency), currency) == minor


@given(st.sampled_from(CURRENCIES), amounts)
def test_plain_text_round_trip(currency, minor):
    assert parse_amount(format_plain(minor, currency), currency) == minor


@given(st.sampled_from(["EUR", "USD", "JPY"]), amounts, st.sampled_from(["en", "fr", "de"]))
def test_formatted_text_parses_back(currency, minor, locale):
    assert parse_amount(format_money(minor, currency, locale), currency, locale) == minor


@given(st.lists(st.integers(min_value=-(10**9), max_value=10**9), max_size=200))
def test_sums_are_exact(values):
    assert total((Money(v, "EUR") for v in values), "EUR").minor == sum(values)


def test_mixed_currencies_do_not_add():
    with pytest.raises(MoneyError, match="Cannot combine"):
        Money(1, "EUR") + Money(1, "USD")


def test_money_refuses_floats():
    with pytest.raises(MoneyError):
        Money(1.5, "EUR")  # type: ignore[arg-type]


@given(amounts, st.integers(min_value=0, max_value=100))
def test_percent_rounds_half_up_and_stays_in_bounds(minor, pct):
    share = percent_of(minor, pct)
    assert 0 <= share <= minor
    assert abs(Decimal(share) - Decimal(minor) * pct / 100) <= Decimal("0.5")


def test_percent_rounding_rule():
    assert percent_of(5, 50) == 3  # 2.5 -> 3 (half up)
    assert percent_of(999, 15) == 150  # 149.85 -> 150
