"""Satisfaction survey: reading a pasted reply, recording the answer on the case."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.messages import TemplateKey, default_template
from returnsdesk.domain.satisfaction import parse_reply
from returnsdesk.services.satisfaction import answer_of, record_answer
from returnsdesk.services.timeline import events_of
from returnsdesk.store.models import Case
from tests.factories import make_case

NOW = datetime(2026, 5, 20, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "ease", "outcome", "comment"),
    [
        ("Ease: 4\nOutcome: 5/5\nComment: quick, thanks", 4, 5, "quick, thanks"),
        ("Facilité : 2\nRésultat : 3\nLe colis était abîmé", 2, 3, "Le colis était abîmé"),
        ("ease 5, outcome 1\n> Ease: how easy was it? (1–5)", 5, 1, ""),
        ("Thanks, all good!", None, None, "Thanks, all good!"),
        ("Ease: 9\nOutcome: 0", None, None, "Ease: 9\nOutcome: 0"),  # not marks 1–5
    ],
)
def test_pasted_replies_are_read_or_left_for_the_user(text, ease, outcome, comment):
    parsed = parse_reply(text)
    assert (parsed.ease, parsed.outcome, parsed.comment) == (ease, outcome, comment)


def test_survey_template_exists_in_both_languages():
    for lang in ("en", "fr"):
        template = default_template(TemplateKey.SATISFACTION_SURVEY, lang)
        assert "{rma}" in template.body and "1" in template.body and "5" in template.body


def test_answer_is_recorded_on_a_settled_case_and_shown_on_the_timeline(store):
    case = make_case(NOW)
    with pytest.raises(InputError, match="still open"):
        record_answer(case.id, 4, 5, now=NOW)
    Case.update(status="resolved").where(Case.id == case.id).execute()
    record_answer(case.id, 4, 5, "Great <b>service</b>", answered_on=date(2026, 5, 19), now=NOW)
    assert answer_of(case.id).ease == 4
    assert "ease 4/5, outcome 5/5" in events_of(case.id)[0].text
    record_answer(case.id, 3, 5, now=NOW)
    assert (answer_of(case.id).ease, answer_of(case.id).comment) == (3, "")
    assert "corrected" in events_of(case.id)[0].text


@pytest.mark.parametrize(("ease", "outcome"), [(0, 3), (6, 3), (3, True), (3, "4")])
def test_marks_outside_1_to_5_are_refused_and_nothing_is_saved(store, ease, outcome):
    case = make_case(NOW)
    Case.update(status="closed").where(Case.id == case.id).execute()
    with pytest.raises(InputError):
        record_answer(case.id, ease, outcome, now=NOW)
    assert answer_of(case.id) is None
