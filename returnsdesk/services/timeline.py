"""A case's timeline: the one place events are recorded, and read back as sentences.

An event is recorded with a code and parameters (see :mod:`returnsdesk.domain.event_text`);
its English sentence is stored too (for search, old readers and the command line), but what
a person sees is rendered in their language by :func:`event_text`. Events recorded before
codes existed have no code and show their stored text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from returnsdesk.domain.event_text import event_sentence
from returnsdesk.domain.i18n import N_, t
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


KIND_LABELS: dict[EventKind, str] = {
    EventKind.CREATED: N_("Opened"),
    EventKind.STATUS: N_("Status change"),
    EventKind.NOTE: N_("Note"),
    EventKind.EDIT: N_("Details edited"),
    EventKind.CONTACT: N_("Message"),
    EventKind.EVIDENCE: N_("Evidence"),
    EventKind.MONEY: N_("Money"),
    EventKind.SURVEY: N_("Satisfaction survey"),
}


def event_kind_label(kind: str, lang: str | None = None) -> str:
    try:
        return t(KIND_LABELS[EventKind(kind)], lang)
    except ValueError:
        return t("Note", lang)


def record_event(
    case: Case,
    kind: EventKind,
    text: str,
    at: datetime,
    *,
    from_status: str = "",
    to_status: str = "",
    code: str = "",
    params: Mapping[str, object] | None = None,
) -> CaseEvent:
    """Append an event and mark the case as touched (call inside a write transaction).

    With a ``code``, ``text`` may be empty: the English sentence is written from the code.
    """
    params_json = ""
    if code:
        params = dict(params or {})
        text = text or event_sentence(code, params, "en")
        params_json = json.dumps(params, ensure_ascii=False, sort_keys=True)
    event = CaseEvent.create(
        case=case,
        at=at,
        kind=kind,
        text=text,
        from_status=from_status,
        to_status=to_status,
        code=code,
        params=params_json,
    )
    Case.update(updated_at=at, version=Case.version + 1).where(Case.id == case.id).execute()
    case.updated_at = at
    case.version += 1
    return event


def event_params(event: CaseEvent) -> dict[str, object]:
    """The event's parameters; empty when it has none or they cannot be read."""
    try:
        value = json.loads(event.params) if event.params else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def event_text(event: CaseEvent, lang: str | None = None) -> str:
    """What happened, in ``lang`` (the window's language by default); an event recorded
    before codes existed, or with a code this version does not know, shows its stored text."""
    if event.code:
        try:
            return event_sentence(event.code, event_params(event), lang)
        except (KeyError, ValueError):
            pass
    return event.text


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a case's timeline as the window shows it."""

    at: datetime
    #: The kind of event, translated ("Status", "Statut").
    kind: str
    text: str


def events_of(case_id: int) -> list[CaseEvent]:
    """The case's timeline, newest first."""
    return list(
        CaseEvent.select()
        .where(CaseEvent.case == case_id)
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
    )


def case_timeline(case_id: int, lang: str | None = None) -> list[TimelineEntry]:
    """The case's timeline, newest first, in ``lang`` (the window's language by default)."""
    return [
        TimelineEntry(e.at, event_kind_label(e.kind, lang), event_text(e, lang))
        for e in events_of(case_id)
    ]


@dataclass(frozen=True)
class OrderEvent:
    """A timeline line of any case of the order, as the window shows it (``kind`` and
    ``text`` already in the reader's language); ``own`` when it is the case's own."""

    at: datetime
    kind: str
    text: str
    rma: str
    own: bool


def order_timeline(case_id: int, lang: str | None = None) -> list[OrderEvent]:
    """The timelines of every case of the case's order, merged, newest first."""
    case = Case.get_by_id(case_id)
    rows = (
        CaseEvent.select(CaseEvent, Case.id, Case.rma)
        .join(Case)
        .where(Case.order == case.order_id)
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
    )
    return [
        OrderEvent(
            e.at,
            event_kind_label(e.kind, lang),
            event_text(e, lang),
            e.case.rma,
            e.case_id == case_id,
        )
        for e in rows
    ]
