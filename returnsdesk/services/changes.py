"""What a write touched, so each area of the window can decide whether to refresh.

A write operation returns a ``Changes``; the window broadcasts it from one place
(``ui.operations``) and every area looks at it, instead of dialogs wiring refresh
signals to the screens they happen to know about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Area(StrEnum):
    """The kinds of stored things a screen shows."""

    CASES = "cases"
    ORDERS = "orders"
    SUPPLIERS = "suppliers"
    CONTACTS = "contacts"
    LEDGER = "ledger"
    EVIDENCE = "evidence"
    SETTINGS = "settings"


@dataclass(frozen=True)
class Changes:
    """The areas a write touched and, when known, the cases it touched."""

    areas: frozenset[Area] = field(default_factory=frozenset)
    case_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *areas: Area, cases: Iterable[int | None] = ()) -> Changes:
        ids = frozenset(case_id for case_id in cases if case_id is not None)
        touched = set(areas)
        if ids:
            touched.add(Area.CASES)
        return cls(frozenset(touched), ids)

    @classmethod
    def everything(cls) -> Changes:
        """A restore, an import or a repair: every area reloads."""
        return cls(frozenset(Area))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas, self.case_ids | other.case_ids)

    def touches(self, *areas: Area) -> bool:
        return any(area in self.areas for area in areas)

    def touches_case(self, case_id: int | None) -> bool:
        """True when the case may have changed (a write that names no case may touch any)."""
        if Area.CASES not in self.areas:
            return False
        return not self.case_ids or case_id in self.case_ids

    def __bool__(self) -> bool:
        return bool(self.areas)
