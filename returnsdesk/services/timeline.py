"""Writing to a case's timeline: the one place events are recorded."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from returnsdesk.store.models import Case, CaseEvent


class EventKind(StrEnum):
    CREATED = "created"
    STATUS = "status"
    NOTE = "note"
    EDIT = "edit"
    CONTACT = "contact"
    EVIDENCE = "evidence"
    MONEY = "money"
    SURVEY = "survey"


def record_event(
    case: Case,
    kind: EventKind,
    text: str,
    at: datetime,
    *,
    from_status: str = "",
    to_status: str = "",
) -> CaseEvent:
    """Append an event and mark the case as touched (call inside a write transaction)."""
    event = CaseEvent.create(
        case=case, at=at, kind=kind, text=text, from_status=from_status, to_status=to_status
    )
    Case.update(updated_at=at, version=Case.version + 1).where(Case.id == case.id).execute()
    case.updated_at = at
    case.version += 1
    return event


def events_of(case_id: int) -> list[CaseEvent]:
    """The case's timeline, newest first."""
    return list(
        CaseEvent.select()
        .where(CaseEvent.case == case_id)
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
    )
