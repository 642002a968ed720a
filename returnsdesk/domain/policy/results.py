"""What the rules answer: verdicts with the rules that decided them, and deadlines with
their state. Codes with parameters; sentences come from :mod:`returnsdesk.domain.rule_text`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from returnsdesk.domain.rule_text import DEADLINE_LABELS_EN, deadline_label, render

DEADLINE_LABELS = DEADLINE_LABELS_EN
#: Deadlines that are the merchant's work (the others are windows for the customer).
MERCHANT_DEADLINES = frozenset(
    {"legal_refund_by", "supplier_evidence", "supplier_follow_up", "first_response",
     "chargeback_response"}
)  # fmt: skip


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    ELIGIBLE_BECAUSE_FAULTY = "eligible_because_faulty"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


#: How favourable an outcome is to the customer (for "a later request is never better").
OUTCOME_RANK = {
    Outcome.NOT_ELIGIBLE: 0,
    Outcome.UNKNOWN: 1,
    Outcome.ELIGIBLE_BECAUSE_FAULTY: 2,
    Outcome.ELIGIBLE: 3,
    Outcome.NOT_APPLICABLE: -1,
}


class DeadlineState(StrEnum):
    OPEN = "open"
    MET = "met"
    MISSED = "missed"
    OVERDUE = "overdue"
    NOT_NEEDED = "not_needed"


@dataclass(frozen=True)
class Rule:
    code: str
    decisive: bool
    #: Which sentence renders it (a code can have several: inside / after the window...).
    template: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return render(self.template or self.code, self.params, lang)


@dataclass(frozen=True)
class RuleWarning:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return render(f"warning.{self.code}", self.params, lang)


@dataclass(frozen=True)
class LineVerdict:
    line_id: str
    title: str
    outcome: Outcome
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    lines: tuple[LineVerdict, ...]
    rules: tuple[Rule, ...]
    warnings: tuple[RuleWarning, ...] = ()
    suggestion: Rule | None = None

    @property
    def eligible(self) -> bool:
        return self.outcome in (Outcome.ELIGIBLE, Outcome.ELIGIBLE_BECAUSE_FAULTY)

    @property
    def lines_differ(self) -> bool:
        return len({line.outcome for line in self.lines}) > 1

    @property
    def decisive_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.decisive)

    def summary(self, lang: str = "en") -> str:
        key = "summary.mixed" if self.lines_differ else f"summary.{self.outcome.value}"
        return render(key, {}, lang)


@dataclass(frozen=True)
class Deadline:
    code: str
    #: Last day (shop calendar); None while it cannot start (UK refund: goods not back yet).
    due: date | None
    #: Exact moment (UTC) for hour-based deadlines; None for whole-day ones.
    due_at: datetime | None
    state: DeadlineState
    #: The day the action happened (met, or missed by being late).
    done_on: date | None = None
    #: Waiting on the customer (goods or proof of sending) before the clock is real work.
    waiting: bool = False
    #: The date is an estimate (no delivery date: counted from the shipping date).
    estimate: bool = False
    template: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def merchant(self) -> bool:
        return self.code in MERCHANT_DEADLINES

    @property
    def met(self) -> bool:
        return self.state in (DeadlineState.MET, DeadlineState.NOT_NEEDED)

    @property
    def pending(self) -> bool:
        """Real work for the merchant: open or overdue, not waiting on the customer."""
        return (
            self.merchant
            and not self.waiting
            and self.due is not None
            and self.state in (DeadlineState.OPEN, DeadlineState.OVERDUE)
        )

    def is_overdue(self, today: date | None = None) -> bool:
        return self.state == DeadlineState.OVERDUE

    def label(self, lang: str = "en") -> str:
        return deadline_label(self.code, lang)

    def text(self, lang: str = "en") -> str:
        return render(self.template or f"deadline.{self.code}", self.params, lang)

    @property
    def explanation(self) -> str:
        return self.text("en")
