"""The one injectable clock (issue #17): ``set_clock`` fixes ``utc_now`` for every caller
and thread, ``resolve`` prefers an explicit ``now``, and naive times are refused."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest

from returnsdesk.services import clock as clock_module
from returnsdesk.services.clock import resolve, set_clock, utc_now


def test_the_clock_fixture_fixes_utc_now_everywhere_and_moves_on(clock, now):
    assert utc_now() == now and resolve(None) == now
    seen: list[datetime] = []
    worker = threading.Thread(target=lambda: seen.append(utc_now()))
    worker.start()
    worker.join()
    assert seen == [now]  # a worker thread reads the same clock
    # This module imported utc_now by name: it follows too (no module-by-module patching).
    assert clock.advance(hours=50) == now + timedelta(hours=50) == utc_now()


def test_an_explicit_now_wins_and_is_given_in_utc(clock):
    paris = datetime(2026, 3, 1, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert resolve(paris) == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_naive_times_are_refused_and_none_restores_the_real_clock():
    with pytest.raises(ValueError, match="aware"):
        set_clock(datetime(2026, 1, 1))
    set_clock(datetime(2000, 1, 1, tzinfo=UTC))
    try:
        assert utc_now().year == 2000
    finally:
        set_clock(None)
    assert clock_module._fixed is None
    assert abs(utc_now() - datetime.now(UTC)) < timedelta(minutes=1)
