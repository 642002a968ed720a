"""Which backups to keep: the newest of each of the last few days, weeks and months.

The usual grandfather-father-son scheme: keep the newest backup of each of the
``daily`` most recent days that have one, of each of the ``weekly`` most recent
ISO weeks, and of each of the ``monthly`` most recent months; the newest backup
of all is always kept. Everything else may be deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Retention:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        for name in ("daily", "weekly", "monthly"):
            if not 0 <= getattr(self, name) <= 1000:
                raise ValueError(f"{name} must be between 0 and 1000.")


def _newest_per_period(
    stamps: list[datetime], period: Callable[[datetime], Hashable], count: int
) -> set[datetime]:
    kept: set[datetime] = set()
    seen: set[Hashable] = set()
    for stamp in stamps:  # newest first
        key = period(stamp)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        kept.add(stamp)
    return kept


def to_keep(stamps: Iterable[datetime], rule: Retention = Retention()) -> set[datetime]:
    """The backup times to keep under ``rule`` (the others can go)."""
    ordered = sorted(set(stamps), reverse=True)
    if not ordered:
        return set()
    kept = {ordered[0]}
    kept |= _newest_per_period(ordered, lambda s: s.date(), rule.daily)
    kept |= _newest_per_period(ordered, lambda s: s.isocalendar()[:2], rule.weekly)
    kept |= _newest_per_period(ordered, lambda s: (s.year, s.month), rule.monthly)
    return kept
