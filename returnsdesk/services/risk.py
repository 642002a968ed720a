"""Risk signals for a case, a supplier or a period, with their reasons in words."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from returnsdesk.domain.risk import (
    SETTING_KEY,
    Flag,
    Rule,
    Thresholds,
    case_flags,
    supplier_flags,
)
from returnsdesk.services import settings
from returnsdesk.services.clock import resolve
from returnsdesk.store import risk as risk_sql
from returnsdesk.store import risk_snapshot, supplier_facts_kept
from returnsdesk.store.db import is_read_only
from returnsdesk.store.models import Case

__all__ = [
    "Flag",
    "Rule",
    "Thresholds",
    "flags_of_case",
    "flags_of_case_and_supplier",
    "flags_of_supplier",
    "flagged_ready",
    "refresh_flagged",
    "refresh_supplier_facts",
    "save_thresholds",
    "supplier_facts_ready",
    "supplier_flags_by_id",
    "thresholds",
]


def thresholds() -> Thresholds:
    return risk_sql.thresholds()


def save_thresholds(values: Thresholds) -> None:
    settings.set_value(SETTING_KEY, asdict(values))


def _today(now: datetime | date | None) -> date:
    if isinstance(now, date) and not isinstance(now, datetime):
        return now
    return resolve(now).date()


def flags_of_case(case_id: int, now: datetime | date | None = None) -> list[Flag]:
    """The customer-side signals on one case (as of today)."""
    facts = risk_sql.case_facts([case_id], _today(now)).get(case_id)
    return case_flags(facts, thresholds()) if facts else []


def supplier_flags_by_id(now: datetime | date | None = None) -> dict[int, list[Flag]]:
    """Every supplier's signals over the 12 months up to today (from the kept facts when
    they are up to date)."""
    t = thresholds()
    as_of = _today(now)
    facts = supplier_facts_kept.kept(as_of)
    if facts is None:
        facts = risk_sql.supplier_facts(as_of)
    return {sid: supplier_flags(f, t) for sid, f in facts.items()}


def flags_of_supplier(supplier_id: int | None, now: datetime | date | None = None) -> list[Flag]:
    """One supplier's signals over the 12 months up to today (from the kept facts when
    they are up to date, else only its year is read)."""
    if supplier_id is None:
        return []
    as_of = _today(now)
    every = supplier_facts_kept.kept(as_of)
    if every is None:
        every = risk_sql.supplier_facts(as_of, supplier_id=supplier_id)
    facts = every.get(supplier_id)
    return supplier_flags(facts, thresholds()) if facts else []


def flags_of_case_and_supplier(case_id: int, now: datetime | date | None = None) -> list[Flag]:
    """What the case header shows: the customer's signals, then the supplier's."""
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        return []
    return flags_of_case(case_id, now) + flags_of_supplier(case.supplier_id, now)


def flagged_ready(now: datetime | date | None = None) -> bool:
    """Whether the flagged-case snapshot is up to date (the risk filter is then as cheap
    as a plain search)."""
    return risk_snapshot.snapshot_fresh(_today(now), thresholds())


def refresh_flagged(now: datetime | date | None = None) -> bool:
    """Bring the flagged-case snapshot up to date (run it off the GUI thread: at 100,000
    cases it takes a second or two); True when it was rebuilt. A read-only store keeps
    answering from the rules themselves."""
    if is_read_only():
        return False
    return risk_snapshot.rebuild_flagged(_today(now), thresholds())


def supplier_facts_ready(now: datetime | date | None = None) -> bool:
    """Whether the kept supplier facts are up to date for today."""
    return supplier_facts_kept.fresh(_today(now))


def refresh_supplier_facts(now: datetime | date | None = None) -> bool:
    """Bring the kept supplier facts up to date (off the GUI thread: seconds on a store of
    a million cases); True when they were rebuilt. A read-only store reads them afresh."""
    if is_read_only():
        return False
    return supplier_facts_kept.rebuild(_today(now))
