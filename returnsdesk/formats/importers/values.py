"""Cell parsers shared by the importers. Each raises RowError with a message for the user."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from decimal import Decimal, InvalidOperation

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.money import parse_amount

DATE_ORDERS = ("ymd", "dmy", "mdy")


class RowError(InputError):
    """One cell of one row cannot be used."""


_SYMBOLS = str.maketrans("", "", "€$£¥\u00a0\u202f\u2009 '’")


def parse_decimal(text: str, what: str) -> Decimal:
    """``12.50``, ``12,50``, ``1,234.50``, ``1.234,50``, ``€ 12.50`` → Decimal (never float)."""
    raw = (text or "").strip()
    cleaned = raw.translate(_SYMBOLS)
    cleaned = re.sub(r"^[A-Z]{3}(?=[-\d.,])|(?<=[\d.,])[A-Z]{3}$", "", cleaned)
    if not cleaned:
        raise RowError(t("{what} is empty.", what=what))
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(",") > 1:
        cleaned = cleaned.replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d*)?|-?\.\d+", cleaned):
        raise RowError(t("{what} is not an amount: {raw!r}.", what=what, raw=raw))
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise RowError(t("{what} is not an amount: {raw!r}.", what=what, raw=raw)) from None


def parse_money(text: str, currency: str, what: str, *, blank_is_zero: bool = False) -> int:
    """An amount cell, read by the one strict amount parser (files are read as English:
    ``1,234`` is one thousand two hundred and thirty-four, ``12,50`` is 12.50)."""
    if blank_is_zero and not (text or "").strip():
        return 0
    try:
        value = parse_amount(text, currency, "en", allow_negative=True)
    except InputError as exc:
        raise RowError(t("{what}: {exc}", what=what, exc=exc)) from None
    if value < 0:
        raise RowError(t("{what} cannot be negative ({text}).", what=what, text=text.strip()))
    return value


def parse_quantity(text: str) -> int:
    if not (text or "").strip():
        return 1
    value = parse_decimal(text, "Quantity")
    if value != value.to_integral_value() or value < 1:
        raise RowError(
            t("Quantity must be a whole number of at least 1, not {text!r}.", text=text.strip())
        )
    return int(value)


_STAMP_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z")
_NUMERIC = re.compile(
    r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)


def _localise(value: datetime, tz: tzinfo | None) -> datetime:
    if value.tzinfo is not None:
        return value
    if tz is not None:
        return value.replace(tzinfo=tz)
    return value.astimezone()  # the computer's local time, daylight saving included


def parse_datetime(
    text: str, what: str, *, date_order: str = "ymd", tz: tzinfo | None = None
) -> datetime | None:
    """An aware datetime from a cell, or None when it is blank.

    Accepts ISO 8601 (with or without offset), Shopify's ``2026-05-01 10:00:00 +0200``,
    and numeric dates in ``date_order`` (``01/05/2026`` with ``dmy``), optionally with a
    time. Times without an offset are the shop's local time: ``tz`` or the computer's.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    for pattern in _STAMP_FORMATS:
        try:
            return datetime.strptime(raw, pattern)
        except ValueError:
            pass
    try:
        return _localise(datetime.fromisoformat(raw.replace("Z", "+00:00")), tz)
    except ValueError:
        pass
    match = _NUMERIC.fullmatch(raw)
    if match:
        a, b, c, hh, mm, ss, ampm = match.groups()
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        elif date_order == "mdy":
            month, day, year = int(a), int(b), int(c)
        else:
            day, month, year = int(a), int(b), int(c)
        if year < 100:
            year += 2000
        hour = int(hh or 0)
        if ampm:
            hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
        try:
            value = datetime.combine(date(year, month, day), time(hour, int(mm or 0), int(ss or 0)))
        except ValueError:
            raise RowError(t("{what} is not a valid date: {raw!r}.", what=what, raw=raw)) from None
        return _localise(value, tz)
    raise RowError(t("{what} is not a date: {raw!r}.", what=what, raw=raw))


def parse_date(
    text: str, what: str, *, date_order: str = "ymd", tz: tzinfo | None = None
) -> date | None:
    """The calendar date as written in the cell (its own offset), or None when blank."""
    value = parse_datetime(text, what, date_order=date_order, tz=tz)
    return None if value is None else value.date()


def split_item_name(name: str) -> tuple[str, str]:
    """Shopify/WooCommerce item names: ``"Lamp - Blue"`` → (``"Lamp"``, ``"Blue"``).

    The variant follows the LAST ``" - "`` ("Lamp - Deluxe - Blue / L" → "Lamp - Deluxe",
    "Blue / L"); a name without one has no variant.
    """
    text = " ".join((name or "").split())
    title, sep, variant = text.rpartition(" - ")
    if not sep or not title.strip() or not variant.strip():
        return text, ""
    return title.strip(), variant.strip()
