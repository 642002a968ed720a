"""Recording a customer's answer to the satisfaction survey, on the case and its timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.satisfaction import ParsedReply, SurveyMarks, parse_reply
from returnsdesk.domain.text import LONG, clean_text
from returnsdesk.domain.workflow import Status
from returnsdesk.services.clock import resolve
from returnsdesk.services.timeline import EventKind, record_event
from returnsdesk.store.db import write
from returnsdesk.store.models import Case, SurveyAnswer

__all__ = ["Answer", "ParsedReply", "answer_of", "can_survey", "parse_reply", "record_answer"]


@dataclass(frozen=True)
class Answer:
    case_id: int
    ease: int
    outcome: int
    comment: str
    answered_on: date


#: A case the customer can judge: settled one way or the other (not cancelled as a
#: duplicate, not a chargeback decided by the bank).
SURVEYED = frozenset({Status.RESOLVED, Status.CLOSED, Status.REJECTED})


def can_survey(status: str) -> bool:
    """Only a settled case is surveyed: the customer judges an outcome, not a wait."""
    return Status(status) in SURVEYED


def answer_of(case_id: int) -> Answer | None:
    row = SurveyAnswer.get_or_none(SurveyAnswer.case == case_id)
    if row is None:
        return None
    return Answer(case_id, row.ease, row.outcome, row.comment, row.answered_on)


def record_answer(
    case_id: int,
    ease: int,
    outcome: int,
    comment: str = "",
    answered_on: date | None = None,
    now: datetime | None = None,
) -> Answer:
    """Store the customer's marks (1–5) and comment; a second answer replaces the first,
    and both show on the timeline."""
    now = resolve(now)
    comment = clean_text(comment or "", "Comment", max_len=LONG)
    marks = SurveyMarks(ease, outcome, comment)
    answered_on = answered_on or now.date()
    if answered_on > now.date():
        raise InputError(t("The answer date is in the future."))
    with write():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise InputError(t("The case no longer exists."))
        if not can_survey(case.status):
            raise InputError(
                t(
                    "{rma} is still open: record the survey answer once the case is settled.",
                    rma=case.rma,
                )
            )
        existing = SurveyAnswer.get_or_none(SurveyAnswer.case == case_id)
        if existing is None:
            SurveyAnswer.create(
                case=case_id,
                ease=marks.ease,
                outcome=marks.outcome,
                comment=marks.comment,
                answered_on=answered_on,
                recorded_at=now,
            )
            corrected = False
        else:
            SurveyAnswer.update(
                ease=marks.ease,
                outcome=marks.outcome,
                comment=marks.comment,
                answered_on=answered_on,
                recorded_at=now,
            ).where(SurveyAnswer.id == existing.id).execute()
            corrected = True
        record_event(
            case,
            EventKind.SURVEY,
            "",
            now,
            code="survey",
            params={
                "ease": marks.ease,
                "outcome": marks.outcome,
                "comment": marks.comment,
                "corrected": corrected,
            },
        )
    return Answer(case_id, marks.ease, marks.outcome, marks.comment, answered_on)
