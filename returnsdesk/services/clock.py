"""The current time, in one place, so tests can inject another."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def resolve(now: datetime | None) -> datetime:
    """``now`` if given (must be aware), else the real current UTC time."""
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise ValueError("Injected clocks must be time-zone aware.")
    return now.astimezone(UTC)
