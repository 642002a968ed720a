"""Working days per country, for periods that end on a non-working day.

EU periods (Regulation 1182/71 art. 3(4)): when the last day of a period expressed in days,
months or years is a public holiday, a Saturday or a Sunday, the period ends at the end of
the following working day. Public holidays come from the `holidays` package (kept up to
date by its maintainers), never from a hand-written table.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _calendar(country: str, year: int) -> frozenset[date]:
    try:
        table = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return frozenset()  # a country the package does not know: weekends only
    return frozenset(table)


def is_working_day(day: date, country: str) -> bool:
    """Not a Saturday, a Sunday or a public holiday of ``country`` (ISO alpha-2)."""
    if day.weekday() >= 5:
        return False
    return day not in _calendar(country.upper(), day.year) if country else True


def holiday_name(day: date, country: str) -> str | None:
    """The English name of the public holiday on ``day`` in ``country``, if it is one."""
    if not country:
        return None
    try:
        table = holidays.country_holidays(country.upper(), years=day.year)
    except NotImplementedError:
        return None
    return table.get(day)


def roll_to_working_day(day: date, countries: Iterable[str]) -> date:
    """``day`` itself, or the first later day that is a working day in every country."""
    chosen = [c for c in countries if c]
    while not all(is_working_day(day, c) for c in chosen) or day.weekday() >= 5:
        day += timedelta(days=1)
    return day
