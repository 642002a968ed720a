"""Dates, times, money and numbers as a reader of a language expects them (Babel/CLDR).

The one place such values become text: the window, the documents, the exports' display
cells and the command line all call these, with the reader's language or, when none is
given, the window's. Dates in the window use the medium form ("23 Nov 2026" / "23 nov.
2026"), which no reader can mistake for another day, unlike "11/12/26".
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal, format_percent

from returnsdesk.domain.i18n.catalogue import current_language, norm_lang
from returnsdesk.domain.money import format_money

NO_VALUE = "—"

#: The CLDR locale each language is written in. English follows British usage (day first),
#: as the shops and their customers are in Europe.
_LOCALES = {"en": "en_GB", "fr": "fr_FR"}


def babel_locale(lang: str | None = None) -> str:
    return _LOCALES[norm_lang(lang) if lang is not None else current_language()]


def date_text(value: date | None, lang: str | None = None, length: str = "medium") -> str:
    """``length`` is ``short``, ``medium``, ``long`` or a CLDR pattern such as ``MMM y``."""
    if value is None:
        return NO_VALUE
    return format_date(value, length, locale=babel_locale(lang))


def moment_text(value: datetime | None, lang: str | None = None, tz: tzinfo | None = None) -> str:
    """A moment as date and hour in ``tz`` (the computer's zone when not given)."""
    if value is None:
        return NO_VALUE
    local = value.astimezone(tz)
    locale = babel_locale(lang)
    day = format_date(local.date(), "medium", locale=locale)
    return f"{day}, {format_time(local, 'HH:mm', locale=locale)}"


def moment_with_zone(value: datetime, lang: str | None = None, tz: tzinfo | None = None) -> str:
    """A moment with its zone named, for deadlines that fall in another time zone."""
    return format_datetime(value.astimezone(tz), "d MMM y, HH:mm zzzz", locale=babel_locale(lang))


def money_text(minor: int, currency: str, lang: str | None = None) -> str:
    """``€1,234.50`` in English, ``1 234,50 €`` in French."""
    return format_money(minor, currency, babel_locale(lang))


def number_text(value: int | float | Decimal, lang: str | None = None) -> str:
    return format_decimal(value, locale=babel_locale(lang))


def decimal_text(value: float | Decimal, lang: str | None = None, digits: int = 1) -> str:
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, pattern, locale=babel_locale(lang))


def percent_text(ratio: float | Decimal, lang: str | None = None, digits: int = 1) -> str:
    """``0.125`` → ``12.5%`` / ``12,5 %`` (the language's own percent pattern)."""
    locale = babel_locale(lang)
    pattern = Locale.parse(locale).percent_formats[None].pattern
    if digits:
        head, _, tail = pattern.rpartition("0")
        pattern = f"{head}0.{'0' * digits}{tail}"
    return format_percent(ratio, pattern, locale=locale)


def label_value(label: str, value: str, lang: str | None = None) -> str:
    """``Order: #1042``; French typography puts a (non-breaking) space before the colon."""
    code = norm_lang(lang) if lang is not None else current_language()
    return f"{label}\u00a0: {value}" if code == "fr" else f"{label}: {value}"
