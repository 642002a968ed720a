"""The current time, in one place, so tests can inject another.

Services take an injectable ``now`` (``resolve``); code that asks for the time without
one calls ``utc_now``. ``set_clock`` fixes what ``utc_now`` answers, for every thread,
until it is cleared: the one hook the tests' ``clock`` fixture uses."""

from __future__ import annotations

from datetime import UTC, datetime

_fixed: datetime | None = None


def utc_now() -> datetime:
    if _fixed is not None:
        return _fixed
    return datetime.now(UTC).replace(microsecond=0)


def set_clock(now: datetime | None) -> None:
    """Make ``utc_now`` answer ``now`` (time-zone aware) from here on; None restores the
    real clock."""
    global _fixed
    if now is not None and now.tzinfo is None:
        raise ValueError("Injected clocks must be time-zone aware.")
    _fixed = None if now is None else now.astimezone(UTC)


def resolve(now: datetime | None) -> datetime:
    """``now`` if given (must be aware), else the current UTC time."""
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise ValueError("Injected clocks must be time-zone aware.")
    return now.astimezone(UTC)
