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


# --- strict parsing (issue 12) ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, locale, expected",
    [
        ("12,34", "en", 1234),  # was booked as 1,234.00 in an English window
        ("12,5", "en", 1250),  # was 125.00
        ("1 234,56", "en", 123456),  # was 123,456.00
        ("12.34", "fr", 1234),
        ("1,234", "en", 123400),
        ("1.234", "fr", 123400),
        ("1.234,56", "en", 123456),
        ("1,234.56", "fr", 123456),
        ("1\u202f234,56\xa0€", "fr", 123456),
        ("EUR 5", "en", 500),
        ("5 eur", "fr", 500),
        ("1'234.50", "en", 123450),
    ],
)
def test_separator_with_one_or_two_digits_is_the_decimal_sign(text, locale, expected):
    assert parse_amount(text, "EUR", locale) == expected


@pytest.mark.parametrize(
    "text, currency, locale, message",
    [
        ("1,2,3", "EUR", "en", "grouped by three"),  # was 123.00
        ("12 34", "EUR", "en", "grouped by three"),
        ("1,23,456", "EUR", "en", "grouped by three"),
        ("1.234,5.6", "EUR", "en", "Not an amount|grouped"),
        ("1,234", "EUR", "fr", "2 decimal place"),  # French: 1,234 is 1.234
        ("1,120", "EUR", "fr", "2 decimal place"),  # never read as 1.12
        ("12.500", "EUR", "en", "2 decimal place"),
        ("$12.00", "EUR", "en", "names another currency"),
        ("£5", "EUR", "en", "names another currency"),
        ("USD 5", "EUR", "en", "names another currency"),
        ("5 kg", "EUR", "en", "Not an amount"),
        ("12€34", "EUR", "en", "Not an amount"),
        ("1" + "a" * 20000 + "1", "EUR", "en", "20,002 characters"),
    ],
)
def test_strict_parser_refuses_with_a_clear_message(text, currency, locale, message):
    with pytest.raises(MoneyError, match=message):
        parse_amount(text, currency, locale)


def test_field_currency_symbols_are_accepted():
    assert parse_amount("$12.00", "USD", "en") == 1200
    assert parse_amount("12,00 $CA", "CAD", "fr") == 1200
    assert parse_amount("£5", "GBP", "en") == 500
    assert parse_amount("¥1,500", "JPY", "en") == 1500


def _render(major: int, fraction: str, decimal_sign: str, group: str | None) -> str:
    digits = str(major)
    if group is not None:
        parts = []
        while len(digits) > 3:
            parts.insert(0, digits[-3:])
            digits = digits[:-3]
        digits = group.join([digits, *parts])
    return f"{digits}{decimal_sign}{fraction}" if fraction else digits


@given(
    major=st.integers(min_value=0, max_value=10**9),
    fraction=st.one_of(st.just(""), st.from_regex(r"[0-9]{1,2}", fullmatch=True)),
    decimal_sign=st.sampled_from([".", ","]),
    group=st.sampled_from([None, ",", ".", " ", "\u202f", "'"]),
    locale=st.sampled_from(["en", "fr"]),
)
def test_parser_never_multiplies_what_was_typed(major, fraction, decimal_sign, group, locale):
    """Whatever the separators and the window language, the parser returns exactly the
    amount the person meant, or refuses; never ten or a hundred times it."""
    if group == decimal_sign and fraction:
        group = None
    text = _render(major, fraction, decimal_sign, group)
    meant = major * 100 + int((fraction or "0").ljust(2, "0"))
    try:
        got = parse_amount(text, "EUR", locale)
    except MoneyError:
        return
    assert got == meant, text
    assert got not in (meant * 10, meant * 100) or meant == 0


@given(st.text(alphabet="0123456789.,  '", min_size=1, max_size=12), st.sampled_from(["en", "fr"]))
def test_parser_reading_keeps_every_typed_digit_in_place(text, locale):
    """Any accepted reading of a digits-and-separators string keeps the digits in order
    and puts the decimal point at a separator that is followed by 1-3 digits (or none)."""
    try:
        got = parse_amount(text, "EUR", locale)
    except MoneyError:
        return
    digits = "".join(ch for ch in text if ch.isdigit())
    candidates = {int(digits) * 100}
    for i, ch in enumerate(text):
        if ch in ".,":
            after = "".join(c for c in text[i + 1 :] if c.isdigit())
            before = "".join(c for c in text[:i] if c.isdigit()) or "0"
            if len(after) <= 2:
                candidates.add(int(before) * 100 + int(after.ljust(2, "0") or "0"))
    assert got in candidates, text


# --- ISO 4217 -------------------------------------------------------------------------


def test_every_active_iso_4217_currency_has_its_iso_exponent():
    import iso4217

    from returnsdesk.domain.money import currency_exponents

    table = currency_exponents()
    assert len(table) > 150
    for currency in iso4217.Currency:
        if currency.code in table:
            assert minor_exponent(currency.code) == currency.exponent, currency.code


@pytest.mark.parametrize(
    "code, exponent",
    # ISO 4217 list one (published 2026-01-01) where CLDR/babel's cash digits differ.
    [
        ("IQD", 3),
        ("MGA", 2),
        ("LAK", 2),
        ("IRR", 2),
        ("RSD", 2),
        ("ALL", 2),
        ("MMK", 2),
        ("KWD", 3),
        ("JPY", 0),
        ("XOF", 0),
        ("ISK", 0),
        ("TWD", 2),
        ("HUF", 2),
    ],
)
def test_exponents_come_from_iso_not_cldr(code, exponent):
    assert minor_exponent(code) == exponent


@pytest.mark.parametrize(
    "code", ["XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XDR", "XSU", "XUA", "XBA", "CLF", "USN"]
)
def test_funds_metals_and_testing_codes_are_not_currencies(code):
    with pytest.raises(MoneyError, match="Unknown currency"):
        Money(100, code)


# --- no mixing of currencies ----------------------------------------------------------

codes = st.sampled_from(CURRENCIES)


@given(codes, codes, st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6))
def test_money_of_two_currencies_never_adds_compares_or_sorts(a, b, x, y):
    left, right = Money(x, a), Money(y, b)
    if a == b:
        assert (left < right) == (x < y)
        assert sorted([left, right]) == sorted([left, right], key=lambda m: m.minor)
        return
    for operation in (
        lambda: left + right,
        lambda: left - right,
        lambda: left < right,
        lambda: left <= right,
        lambda: left > right,
        lambda: left >= right,
        lambda: sorted([left, right]),
        lambda: max(left, right),
    ):
        with pytest.raises(MoneyError, match="Cannot combine"):
            operation()
    assert left != right


def test_amount_in_words():
    from returnsdesk.domain.money import amount_in_words

    assert amount_in_words(1234, "EUR", "en") == "twelve euros and 34/100"
    assert amount_in_words(123400, "EUR", "fr") == "mille deux cent trente-quatre euros et 00/100"
    assert amount_in_words(1500, "JPY", "en") == "one thousand, five hundred Japanese yen"
