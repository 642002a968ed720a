from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from returnsdesk.domain.deadlines import (
    PeakSeason,
    add_days,
    add_hours_utc,
    countdown,
    days_left,
    peak_extended_until,
    return_window_end,
    to_local,
)

ZONES = ["UTC", "Europe/Paris", "Asia/Shanghai", "America/Los_Angeles", "Australia/Lord_Howe"]

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
aware_utc = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
)


@st.composite
def seasons(draw):
    def month_day():
        m = draw(st.integers(1, 12))
        d = draw(st.integers(1, [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]))
        return m, d

    (sm, sd), (em, ed), (um, ud) = month_day(), month_day(), month_day()
    return PeakSeason(sm, sd, em, ed, um, ud)


# --- add_days / add_hours_utc ------------------------------------------------------------


@given(dates, st.integers(0, 3650))
def test_add_days_adds_exactly_n_days(d, n):
    assert add_days(d, n) - d == timedelta(days=n)


def test_add_days_over_leap_day():
    assert add_days(date(2028, 2, 28), 1) == date(2028, 2, 29)
    assert add_days(date(2027, 2, 28), 1) == date(2027, 3, 1)


def test_add_hours_utc_requires_aware_datetime():
    with pytest.raises(ValueError, match="aware"):
        add_hours_utc(datetime(2026, 5, 3, 9, 0), 48)


def test_add_hours_utc_returns_utc_and_counts_elapsed_hours_across_dst():
    # 29 March 2026: Paris springs forward; 24 elapsed hours land at 10:00 local, not 09:00.
    from zoneinfo import ZoneInfo

    paris = datetime(2026, 3, 28, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    out = add_hours_utc(paris, 24)
    assert out.tzinfo is UTC
    assert out == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert out - paris == timedelta(hours=24)
    assert add_hours_utc(datetime(2026, 5, 3, 9, tzinfo=timezone(timedelta(hours=2))), 1) == (
        datetime(2026, 5, 3, 8, tzinfo=UTC)
    )


# --- peak season ------------------------------------------------------------------------


def test_default_peak_season_is_15_nov_to_31_dec_returns_until_31_jan():
    s = PeakSeason()
    assert (s.start_month, s.start_day, s.end_month, s.end_day) == (11, 15, 12, 31)
    assert peak_extended_until(date(2025, 11, 15), s) == date(2026, 1, 31)
    assert peak_extended_until(date(2025, 12, 31), s) == date(2026, 1, 31)
    assert peak_extended_until(date(2025, 11, 14), s) is None
    assert peak_extended_until(date(2026, 1, 1), s) is None
    assert s.describe() == "15 Nov–31 Dec"
    assert not s.wraps_year_end


def test_wrapping_season_uses_the_start_year():
    s = PeakSeason(12, 1, 1, 15, 2, 28)  # 1 Dec–15 Jan → returns until 28 Feb
    assert s.wraps_year_end
    assert peak_extended_until(date(2025, 12, 20), s) == date(2026, 2, 28)
    assert peak_extended_until(date(2026, 1, 10), s) == date(2026, 2, 28)
    assert peak_extended_until(date(2026, 1, 15), s) == date(2026, 2, 28)
    assert peak_extended_until(date(2026, 1, 16), s) is None
    assert peak_extended_until(date(2025, 11, 30), s) is None


def test_returns_until_in_the_start_year_when_it_comes_after_the_start():
    s = PeakSeason(6, 1, 6, 30, 8, 15)
    assert peak_extended_until(date(2026, 6, 10), s) == date(2026, 8, 15)
    same_month_earlier_day = PeakSeason(11, 15, 12, 31, 11, 10)
    assert peak_extended_until(date(2025, 11, 20), same_month_earlier_day) == date(2026, 11, 10)


def test_feb_29_is_clamped_in_common_years():
    s = PeakSeason(2, 1, 2, 29, 2, 29)
    assert peak_extended_until(date(2027, 2, 28), s) == date(2027, 2, 28)
    assert peak_extended_until(date(2028, 2, 29), s) == date(2028, 2, 29)
    assert peak_extended_until(date(2027, 3, 1), s) is None
    wrap = PeakSeason(12, 1, 1, 31, 2, 29)
    assert peak_extended_until(date(2026, 12, 5), wrap) == date(2027, 2, 28)
    assert peak_extended_until(date(2027, 12, 5), wrap) == date(2028, 2, 29)
    assert peak_extended_until(date(2028, 1, 5), wrap) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "args", [(13, 1, 12, 31, 1, 31), (11, 31, 12, 31, 1, 31), (11, 15, 12, 31, 2, 30)]
)
def test_invalid_season_is_rejected(args):
    with pytest.raises(ValueError):
        PeakSeason(*args)


@given(seasons(), st.integers(1991, 2089))
def test_season_membership_matches_a_day_by_day_scan(s, year):
    in_season = set()
    for offset in range(-400, 400):
        d = date(year, 7, 1) + timedelta(days=offset)
        if peak_extended_until(d, s) is not None:
            in_season.add(d)

    def md(d):
        return (d.month, d.day)

    start, end = (s.start_month, s.start_day), (s.end_month, s.end_day)
    for offset in range(-400, 400):
        d = date(year, 7, 1) + timedelta(days=offset)
        key = md(d)
        # Feb 29 configured but absent → the 28th stands in for it.
        if d.month == 2 and d.day == 28 and d.year % 4 != 0:
            if start == (2, 29):
                key = (2, 29)
            elif end == (2, 29):
                key = (2, 29)
        expected = start <= key <= end if start <= end else key >= start or key <= end
        assert (d in in_season) == expected, d


@given(seasons(), dates)
def test_returns_until_falls_in_the_start_year_or_the_next(s, placed):
    until = peak_extended_until(placed, s)
    if until is not None:
        assert until.year - placed.year in (-1, 0, 1, 2)
        assert until.month == s.returns_until_month


@given(dates, st.integers(0, 60), st.integers(0, 365), st.one_of(st.none(), seasons()))
def test_peak_extension_only_ever_extends(placed, ship_days, days, season):
    delivered = add_days(placed, ship_days)
    end = return_window_end(delivered, placed, days, season)
    assert end >= add_days(delivered, days)
    if season is None or peak_extended_until(placed, season) is None:
        assert end == add_days(delivered, days)


def test_return_window_end_default_peak():
    s = PeakSeason()
    assert return_window_end(date(2025, 11, 25), date(2025, 11, 20), 30, s) == date(2026, 1, 31)
    # Delivered late: delivery + 30 days is later than 31 Jan, so it wins.
    assert return_window_end(date(2026, 1, 10), date(2025, 12, 30), 30, s) == date(2026, 2, 9)
    assert return_window_end(date(2025, 10, 5), date(2025, 10, 1), 30, s) == date(2025, 11, 4)


# --- countdown --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (3, "in 3 days"),
        (-1, "1 day overdue"),
        (-5, "5 days overdue"),
    ],
)
def test_countdown(offset, text):
    today = date(2026, 5, 10)
    due = add_days(today, offset)
    assert countdown(due, today) == text
    assert days_left(due, today) == offset


# --- time zones -------------------------------------------------------------------------


def test_to_local():
    t = datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
    local = to_local(t, "Asia/Shanghai")
    assert (local.hour, local.minute) == (17, 0)
    assert local == t


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "Europe", "../etc/passwd"])
def test_unknown_time_zone(name):
    with pytest.raises(ValueError, match="Unknown time zone"):
        to_local(datetime(2026, 5, 3, tzinfo=UTC), name)


def test_to_local_rejects_naive():
    with pytest.raises(ValueError, match="aware"):
        to_local(datetime(2026, 5, 3, 9), "Europe/Paris")


@given(aware_utc, st.sampled_from(ZONES), st.integers(0, 24 * 60))
@example(datetime(2048, 3, 28, 2, 0, tzinfo=UTC), "Australia/Lord_Howe", 181)  # repeated hour
def test_zone_conversion_round_trips(t, name, hours):
    # Compare in UTC: per PEP 495 a local time in a repeated hour (fold=1) never compares
    # equal to a time in another zone, even when it is the same instant.
    due = add_hours_utc(t, hours)
    local = to_local(due, name)
    assert local.astimezone(UTC) == due
    assert local.replace(tzinfo=None) - local.utcoffset() == due.replace(tzinfo=None)
    assert to_local(local, "UTC").replace(tzinfo=UTC) == due
