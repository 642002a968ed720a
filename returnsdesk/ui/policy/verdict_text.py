"""Plain text of a verdict and its deadlines, shared by the new-case preview, the case
workspace and the "Can they return it?" calculator (sentences come from the engine)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from returnsdesk.domain.i18n.formatting import babel_locale, label_value
from returnsdesk.domain.policy import Deadline, DeadlineState, Outcome, Verdict
from returnsdesk.domain.rule_text import date_words, label_colon, norm_lang, render, state_label
from returnsdesk.services.cases import Assessment

OUTCOME_COLOURS = {
    Outcome.ELIGIBLE: "#2e7d32",
    Outcome.ELIGIBLE_BECAUSE_FAULTY: "#1565c0",
    Outcome.NOT_ELIGIBLE: "#c62828",
    Outcome.UNKNOWN: "#ef6c00",
    Outcome.NOT_APPLICABLE: "#455a64",
}
#: The lines differ: each line's verdict matters, the case has none of its own.
MIXED_COLOUR = "#455a64"
STATE_COLOURS = {
    DeadlineState.OVERDUE: "#c62828",
    DeadlineState.MISSED: "#8e24aa",
    DeadlineState.MET: "#2e7d32",
}


def rules_language() -> str:
    """Rule sentences in the window follow the window's locale (English or French)."""
    return norm_lang(babel_locale())


def verdict_colour(verdict: Verdict) -> str:
    return MIXED_COLOUR if verdict.lines_differ else OUTCOME_COLOURS[verdict.outcome]


def line_verdicts(verdict: Verdict, lang: str) -> list[str]:
    """One line per order line when their verdicts differ (else nothing)."""
    if not verdict.lines_differ:
        return []

    return [
        label_value(lv.title, render("summary." + lv.outcome.value, {}, lang), lang)
        for lv in verdict.lines
    ]


def deadline_state(
    deadline: Deadline, lang: str, day_text: Callable[[date], str] | None = None
) -> str:
    """The state in words, with the day it was met, or what it waits for."""
    if deadline.waiting:
        return state_label("waiting", lang)
    state = state_label(deadline.state.value, lang)
    if deadline.done_on is not None:
        done = day_text(deadline.done_on) if day_text else date_words(deadline.done_on, lang)
        state += f" ({done})"
    return state


def deadline_line(deadline: Deadline, lang: str) -> str:
    day = date_words(deadline.due, lang) if deadline.due else "—"
    state = deadline_state(deadline, lang)
    return f"{deadline.label(lang)}{label_colon(lang)}{day} — {state}"


def assessment_text(assessment: Assessment, lang: str) -> str:
    verdict = assessment.verdict
    out = [verdict.summary(lang)]
    out += [f"  {text}" for text in line_verdicts(verdict, lang)]
    out.append("")
    out += [f"• {rule.text(lang)}" for rule in verdict.rules]
    out += [f"⚠ {warning.text(lang)}" for warning in verdict.warnings]
    if verdict.suggestion is not None:
        out += ["", verdict.suggestion.text(lang)]
    out.append("")
    out += [deadline_line(d, lang) for d in assessment.deadlines]
    return "\n".join(out)
