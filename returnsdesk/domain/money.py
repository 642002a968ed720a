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

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import (
    NumberFormatError,
    format_currency,
    get_currency_precision,
    get_currency_symbol,
    is_currency,
    parse_decimal,
)

from returnsdesk.domain.errors import InputError

#: Largest amount accepted, in minor units: far above any order, far below SQLite's
#: 64-bit integer limit, so sums of millions of entries cannot overflow.
MAX_MINOR = 10**13


class MoneyError(InputError):
    """An amount or currency the user gave cannot be used."""


def check_currency(code: str) -> str:
    """Return the upper-cased ISO 4217 code, or raise MoneyError."""
    normalised = (code or "").strip().upper()
    if len(normalised) != 3 or not normalised.isalpha() or not is_currency(normalised):
        raise MoneyError(f"Unknown currency code: {code!r}")
    return normalised


def minor_exponent(currency: str) -> int:
    """Number of decimal places of the currency's minor unit (EUR 2, JPY 0, BHD 3)."""
    return get_currency_precision(check_currency(currency))


@dataclass(frozen=True, order=True)
class Money:
    """An exact amount: ``minor`` units of ``currency``."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise MoneyError("Money amounts are whole minor units (integers).")
        object.__setattr__(self, "currency", check_currency(self.currency))

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def _same_currency(self, other: Money) -> None:
        if self.currency != other.currency:
            raise MoneyError(f"Cannot combine {self.currency} with {other.currency}.")

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
        raise MoneyError("Amount is not a number.")
    scaled = value.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise MoneyError(
            f"{currency} amounts have {exponent} decimal place(s) at most; got {value}."
        )
    if abs(scaled) > MAX_MINOR:
        raise MoneyError(f"Amount {value} is too large.")
    return int(scaled)


def parse_amount(
    text: str, currency: str, locale: str = "en", *, allow_negative: bool = False
) -> int:
    """Parse what a user typed (``"1,234.50"``, ``"12,5"`` in French) to minor units."""
    code = check_currency(currency)
    cleaned = text or ""
    for symbol in (get_currency_symbol(code, locale), code, "€", "$", "£", "¥"):
        cleaned = cleaned.replace(symbol, "")
    cleaned = "".join(cleaned.split())  # every kind of space, thin and non-breaking too
    if not cleaned:
        raise MoneyError("Enter an amount.")
    if cleaned.strip("0123456789.,-'’"):
        raise MoneyError(f"Not an amount: {text!r}")
    try:
        value = parse_decimal(cleaned, locale=locale, strict=False)
    except (NumberFormatError, InvalidOperation, ValueError):
        raise MoneyError(f"Not an amount: {text!r}") from None
    minor = from_decimal(value, code)
    if minor < 0 and not allow_negative:
        raise MoneyError("The amount cannot be negative.")
    return minor


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
