"""Date and time arithmetic used by the policy rules: day counts, peak season, time zones."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def add_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def require_aware(t: datetime, what: str = "datetime") -> None:
    """Raise ValueError for a naive datetime: local wall-clock times are ambiguous."""
    if t.tzinfo is None or t.tzinfo.utcoffset(t) is None:
        raise ValueError(f"{what} must be time-zone aware, got naive {t.isoformat()}")


def add_hours_utc(t: datetime, hours: int) -> datetime:
    """Add elapsed hours and return UTC.

    Converting to UTC first keeps the sum exact across DST changes (aware arithmetic in
    a zone with DST is wall-clock arithmetic).
    """
    require_aware(t, "t")
    return t.astimezone(UTC) + timedelta(hours=hours)


def _clamped(year: int, month: int, day: int) -> date:
    """date(year, month, day), with the day clamped to the month's end (29 Feb → 28 Feb)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _check_month_day(month: int, day: int, what: str) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"{what}: month must be 1-12, got {month}")
    # 2000 is a leap year, so 29 Feb is allowed here and clamped in common years.
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise ValueError(f"{what}: day {day} does not exist in month {month}")


@dataclass(frozen=True)
class PeakSeason:
    """Orders placed from start to end (inclusive) may be returned until `returns_until`.

    The season may wrap the year end (e.g. 1 Dec–15 Jan). The returns-until date falls in
    the season's start year, or in the next year when it comes before the start in the
    calendar (15 Nov–31 Dec → 31 Jan of the following year).
    """

    start_month: int = 11
    start_day: int = 15
    end_month: int = 12
    end_day: int = 31
    returns_until_month: int = 1
    returns_until_day: int = 31

    def __post_init__(self) -> None:
        _check_month_day(self.start_month, self.start_day, "peak season start")
        _check_month_day(self.end_month, self.end_day, "peak season end")
        _check_month_day(self.returns_until_month, self.returns_until_day, "returns until")

    @property
    def wraps_year_end(self) -> bool:
        return (self.end_month, self.end_day) < (self.start_month, self.start_day)

    def describe(self) -> str:
        """Short English text such as "15 Nov–31 Dec"."""
        start = f"{self.start_day} {_MONTH_ABBR[self.start_month - 1]}"
        end = f"{self.end_day} {_MONTH_ABBR[self.end_month - 1]}"
        return f"{start}–{end}"

    def season_start_year(self, placed: date) -> int | None:
        """The start year of the season `placed` falls in, or None when it is outside."""
        y = placed.year
        start = _clamped(y, self.start_month, self.start_day)
        end = _clamped(y, self.end_month, self.end_day)
        if not self.wraps_year_end:
            return y if start <= placed <= end else None
        if placed >= start:
            return y
        if placed <= end:
            return y - 1
        return None


def peak_extended_until(placed: date, season: PeakSeason) -> date | None:
    """Returns-until date for an order placed in the peak season, else None."""
    start_year = season.season_start_year(placed)
    if start_year is None:
        return None
    until = (season.returns_until_month, season.returns_until_day)
    year = start_year + 1 if until < (season.start_month, season.start_day) else start_year
    return _clamped(year, season.returns_until_month, season.returns_until_day)


def return_window_end(delivered: date, placed: date, days: int, peak: PeakSeason | None) -> date:
    """Last day of the customer return window: delivery + days, or the peak date if later."""
    base = add_days(delivered, days)
    extended = peak_extended_until(placed, peak) if peak is not None else None
    return max(base, extended) if extended is not None else base


def days_left(due: date, today: date) -> int:
    """Days from today to due; negative when overdue."""
    return (due - today).days


def countdown(due: date, today: date) -> str:
    n = days_left(due, today)
    if n == 0:
        return "today"
    if n == 1:
        return "tomorrow"
    if n > 1:
        return f"in {n} days"
    if n == -1:
        return "1 day overdue"
    return f"{-n} days overdue"


def zone(tz_name: str) -> ZoneInfo:
    """ZoneInfo for an IANA name; unknown or malformed names raise ValueError."""
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as exc:
        raise ValueError(f"Unknown time zone: {tz_name!r}") from exc


def to_local(t: datetime, tz_name: str) -> datetime:
    """Convert an aware datetime to the named IANA time zone (e.g. a supplier's)."""
    require_aware(t, "t")
    return t.astimezone(zone(tz_name))
