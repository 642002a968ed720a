"""Exact money: integer minor units plus an ISO 4217 code.

Amounts live as ``int`` in the currency's minor unit (cents, pence; yen have
none). ``Decimal`` appears only at the edges, when parsing what a user typed
and when formatting for display. ``float`` never appears.

Rounding rule: parsing refuses amounts more precise than the currency allows
(``12.345`` EUR is an error, not 12.35). Computed shares (a 15 % restocking
fee) round half away from zero to the minor unit (``ROUND_HALF_UP``), the rule
shops and card processors use on receipts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel.core import UnknownLocaleError
from babel.numbers import (
    format_currency,
    get_currency_name,
    get_currency_symbol,
    get_decimal_symbol,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t

#: Largest amount accepted, in minor units: far above any order, far below SQLite's
#: 64-bit integer limit, so sums of millions of entries cannot overflow.
MAX_MINOR = 10**13

#: Units of account that ISO 4217 lists without marking them as funds, yet no shop is
#: paid in: the Arab Accounting Dinar and Uruguay's wage-index unit (ISO 4217 list
#: one, as published 2026-01-01 in the ``iso4217`` package).
_UNITS_OF_ACCOUNT = frozenset({"XAD", "UYW"})


class MoneyError(InputError):
    """An amount or currency the user gave cannot be used."""


@cache
def currency_exponents() -> dict[str, int]:
    """Every currency a shop can be paid in, with its ISO 4217 minor-unit exponent.

    Read from the ISO 4217 table the ``iso4217`` package ships (list one, maintained by
    SIX for ISO). Left out: funds (``IsFund``: BOV, CLF, USN...), codes without minor
    units (precious metals XAU/XAG/XPD/XPT, XDR, XSU, bond units, the testing code XTS and
    XXX "no currency") and the units of account above.
    """
    import iso4217

    funds = {
        node.findtext("Ccy")
        for node in iso4217.raw_xml.findall("CcyTbl/CcyNtry")
        if (name := node.find("CcyNm")) is not None and name.get("IsFund") == "true"
    }
    return {
        c.code: int(c.exponent)
        for c in iso4217.Currency
        if c.exponent is not None and c.code not in funds and c.code not in _UNITS_OF_ACCOUNT
    }


def check_currency(code: str) -> str:
    """Return the upper-cased ISO 4217 code of a currency a shop can be paid in."""
    normalised = (code or "").strip().upper()
    if normalised not in currency_exponents():
        raise MoneyError(
            t(
                "Unknown currency code: {code!r}. Use the three-letter ISO 4217 code of the "
                "currency the customer paid in (EUR, USD, GBP...).",
                code=code,
            )
        )
    return normalised


def minor_exponent(currency: str) -> int:
    """Number of decimal places of the currency's minor unit (EUR 2, JPY 0, IQD 3)."""
    return currency_exponents()[check_currency(currency)]


@dataclass(frozen=True)
class Money:
    """An exact amount: ``minor`` units of ``currency``.

    Amounts of two currencies never add, subtract or compare: ``<`` between EUR and
    PLN raises, so a sort cannot silently mix them (sort by currency first).
    """

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise MoneyError(t("Money amounts are whole minor units (integers)."))
        object.__setattr__(self, "currency", check_currency(self.currency))

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __lt__(self, other: Money) -> bool:
        return self._same_currency(other) or self.minor < other.minor

    def __le__(self, other: Money) -> bool:
        return self._same_currency(other) or self.minor <= other.minor

    def __gt__(self, other: Money) -> bool:
        return self._same_currency(other) or self.minor > other.minor

    def __ge__(self, other: Money) -> bool:
        return self._same_currency(other) or self.minor >= other.minor

    def _same_currency(self, other: object) -> bool:
        """Refuse anything that is not Money of the same currency (returns False)."""
        if not isinstance(other, Money):
            raise MoneyError(t("Money only combines with money."))
        if self.currency != other.currency:
            raise MoneyError(
                t(
                    "Cannot combine {currency} with {currency2}.",
                    currency=self.currency,
                    currency2=other.currency,
                )
            )
        return False

    def to_decimal(self) -> Decimal:
        return to_decimal(self.minor, self.currency)

    def format(self, locale: str = "en") -> str:
        return format_money(self.minor, self.currency, locale)


def to_decimal(minor: int, currency: str) -> Decimal:
    """The exact decimal value of ``minor`` units (for display and spreadsheets)."""
    return Decimal(minor).scaleb(-minor_exponent(currency))


def from_decimal(value: Decimal, currency: str) -> int:
    """Exact conversion to minor units; refuses more precision than the currency has."""
    exponent = minor_exponent(currency)
    if not value.is_finite():
        raise MoneyError(t("Amount is not a number."))
    scaled = value.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise MoneyError(
            t(
                "{currency} amounts have {exponent} decimal place(s) at most; got {value}.",
                currency=currency,
                exponent=exponent,
                value=value,
            )
        )
    if abs(scaled) > MAX_MINOR:
        raise MoneyError(t("Amount {value} is too large.", value=value))
    return int(scaled)


# --- parsing what a person typed ------------------------------------------------------

#: Longest text read as an amount ("-1 000 000 000 000,00 EUR" is 24): longer is refused
#: at once, so pasting a page into the field costs nothing.
MAX_TEXT = 64

#: Characters that separate digit groups or decimals. Spaces of every kind (thin and
#: narrow no-break too) and apostrophes (Swiss style) only ever group digits.
_SPACES = " \u00a0\u202f\u2009\u2007"
_GROUP_ONLY = _SPACES + "'\u2019"
_SEPARATORS = ".," + _GROUP_ONLY
_NUMBER = re.compile(r"[0-9" + re.escape(_SEPARATORS) + r"]+")


def _lang(locale: str) -> str:
    return "fr" if (locale or "en").lower().startswith("fr") else "en"


@cache
def _decimal_sign(locale: str) -> str:
    """The decimal sign of the window's language (``.`` in English, ``,`` in French)."""
    try:
        return get_decimal_symbol(locale or "en")
    except (ValueError, LookupError, UnknownLocaleError):
        return "."


def currency_marks(currency: str) -> set[str]:
    """How a person may write ``currency`` beside an amount: its code and its symbols
    (upper-cased) as written in English and French, and at home (``$`` for CAD in Canada)."""
    code = check_currency(currency)
    marks = {code}
    for locale in ("en", "fr", "en_CA", "en_AU", "fr_CA", "fr_CH", "de_CH", "en_GB"):
        marks.add(get_currency_symbol(code, locale))
    return {"".join(m.split()).upper() for m in marks}


def _names_a_currency(mark: str) -> bool:
    return mark.upper() in currency_exponents() or any(
        unicodedata.category(ch) == "Sc" for ch in mark
    )


def _match(pattern: str, text: str) -> str:
    """The first match of a pattern that matches every text (it may match nothing)."""
    found = re.search(pattern, text)
    return found.group() if found else ""


def _strip_currency(text: str, code: str) -> str:
    """The signed number in ``text`` without its currency mark; a mark naming another
    currency is refused."""
    head = _match(r"[^0-9.,]*", text)
    tail = _match(r"[^0-9]*$", text[len(head) :])
    body = text[len(head) : len(text) - len(tail)]
    sign = "-" if "-" in head else ""
    head_mark = "".join(head.replace("-", "").split())
    tail_mark = "".join(tail.split())
    if head.count("-") > 1 or (head_mark and tail_mark):
        raise MoneyError(t("Not an amount: {text!r}", text=text))
    mark = head_mark or tail_mark
    if mark and mark.upper() not in currency_marks(code):
        if _names_a_currency(mark):
            raise MoneyError(
                t(
                    "This amount is in {code}; {text!r} names another currency ({mark}). Enter "
                    "the amount in {code}.",
                    code=code,
                    text=text,
                    mark=mark,
                )
            )
        raise MoneyError(t("Not an amount: {text!r}", text=text))
    return sign + body


def _well_grouped(integer: str, separator: str) -> bool:
    groups = integer.split(separator)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _split_number(body: str, decimal_sign: str) -> tuple[str, str]:
    """(integer digits, fraction digits) of a number written with separators."""
    seps = [(i, ch) for i, ch in enumerate(body) if ch in _SEPARATORS]
    if not seps:
        return body, ""
    at, last = seps[-1]
    after = body[at + 1 :]
    is_decimal = last in ".," and (len(after) in (1, 2) or len(after) > 3 or last == decimal_sign)
    if is_decimal:
        integer, fraction = body[:at], after
    else:
        integer, fraction = body, ""
    group_seps = {ch for ch in integer if ch in _SEPARATORS}
    if not group_seps:
        return integer or "0", fraction
    if len(group_seps) > 1 or (is_decimal and last in group_seps):
        raise ValueError
    if not _well_grouped(integer, group_seps.pop()):
        raise ValueError
    return "".join(ch for ch in integer if ch.isdigit()), fraction


def parse_amount(
    text: str, currency: str, locale: str = "en", *, allow_negative: bool = False
) -> int:
    """Parse what a person typed to minor units, strictly.

    - a separator followed by one or two digits is the decimal separator in any
      language (``12,34`` and ``12.34`` are both 12.34);
    - three digits after a separator follow the window's language: in English ``1,234``
      is one thousand two hundred and thirty-four, in French it is 1.234 (refused in a
      two-decimal currency); groups must be well made (``1,2,3`` is refused);
    - a currency code or symbol in the text must be the field's currency.
    """
    code = check_currency(currency)
    raw = (text or "").strip().strip(_SPACES)
    if not raw:
        raise MoneyError(t("Enter an amount."))
    if len(raw) > MAX_TEXT:
        raise MoneyError(t("Not an amount: the text is {raw:,} characters long.", raw=len(raw)))
    body = _strip_currency(raw, code)
    negative = body.startswith("-")
    body = body.lstrip("-")
    if not body or not _NUMBER.fullmatch(body) or not any(ch.isdigit() for ch in body):
        raise MoneyError(t("Not an amount: {text!r}", text=text))
    try:
        integer, fraction = _split_number(body, _decimal_sign(locale))
    except ValueError:
        raise MoneyError(
            t(
                "Not an amount: {text!r}. Digits are grouped by three (1,234.56 or 1 234,56).",
                text=text,
            )
        ) from None
    if not fraction.isdigit() and fraction:
        raise MoneyError(t("Not an amount: {text!r}", text=text))
    exponent = minor_exponent(code)
    if len(fraction) > exponent:  # "1,120" in French is ambiguous: refused, never 1.12
        hint = (
            " Here a separator followed by three digits is the decimal sign; write "
            "thousands with a space (1 234)."
            if len(fraction) == 3
            else ""
        )
        raise MoneyError(
            t(
                "{code} amounts have {exponent} decimal place(s) at most; {text!r} has "
                "{fraction}.{hint}",
                code=code,
                exponent=exponent,
                text=text.strip(),
                fraction=len(fraction),
                hint=hint,
            )
        )
    value = Decimal(f"{integer}.{fraction or '0'}")
    minor = from_decimal(-value if negative else value, code)
    if minor < 0 and not allow_negative:
        raise MoneyError(t("The amount cannot be negative."))
    return minor


def amount_in_words(minor: int, currency: str, locale: str = "en") -> str:
    """The amount as a cheque would say it: ``twelve euros and 34/100``."""
    from num2words import num2words

    code = check_currency(currency)
    lang = _lang(locale)
    exponent = minor_exponent(code)
    major, rest = divmod(abs(minor), 10**exponent)
    name = get_currency_name(code, count=major, locale=lang)
    words = f"{num2words(major, lang=lang)} {name}"
    if exponent:
        joiner = "et" if lang == "fr" else "and"
        words += f" {joiner} {rest:0{exponent}d}/{10**exponent}"
    return ("moins " if lang == "fr" else "minus ") + words if minor < 0 else words


def format_money(minor: int, currency: str, locale: str = "en") -> str:
    """Locale-aware display, e.g. ``€1,234.50`` (en) or ``1 234,50 €`` (fr)."""
    return format_currency(to_decimal(minor, currency), check_currency(currency), locale=locale)


def format_plain(minor: int, currency: str) -> str:
    """Locale-free fixed-point text such as ``-12.50`` (for CSV and logs)."""
    return str(to_decimal(minor, currency))


def percent_of(minor: int, percent: Decimal | int) -> int:
    """``percent`` % of an amount, rounded half away from zero to the minor unit."""
    share = Decimal(minor) * Decimal(percent) / Decimal(100)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def total(amounts: Iterable[Money], currency: str) -> Money:
    """Exact sum; every amount must be in ``currency``."""
    result = Money(0, currency)
    for amount in amounts:
        result = result + amount
    return result
