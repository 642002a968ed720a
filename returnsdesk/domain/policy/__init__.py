"""The rules engine: per-line verdicts and deadline states from the facts of one case.

Everything here is a pure function of the facts and the policies; the clock is injected
(``CaseFacts.now``) and days are taken in the shop's calendar (``StorePolicy.time_zone``).
Rules, deadlines and warnings carry codes with parameters; their sentences are rendered
in English or French by :func:`returnsdesk.domain.rule_text.render`.

Law applied (each rule's test cites the article):
- withdrawal right of EU/EEA consumers, Consumer Rights Directive 2011/83/EU (CRD) art. 9
  (14 days from delivery of the last item of the order), art. 13 (refund within 14 days of
  the notice; the trader may wait for the goods or proof of sending), art. 16 (exemptions),
  art. 25 (a mandatory right: a shop may extend it, never remove it); periods ending on a
  non-working day end on the next working day (Regulation 1182/71 art. 3(4));
- UK consumers: Consumer Contracts Regulations 2013 reg. 30-34, Consumer Rights Act 2015
  s.22-24 (30-day right to reject, then repair or replacement first);
- EU legal guarantee of conformity: Directive 2019/771 art. 10 (2 years from delivery).

The package: ``facts`` (what the rules read), ``results`` (what they answer), ``context``
(the shop's calendar and the periods), ``verdict`` and ``case_deadlines`` (the two
engines). Callers import from here.
"""

from __future__ import annotations

from returnsdesk.domain.policy.case_deadlines import (
    compute_deadlines,
    evidence_days,
    next_deadline,
    supplier_evidence_due,
)
from returnsdesk.domain.policy.context import end_of_day, local_day
from returnsdesk.domain.policy.facts import (
    KINDS,
    LEGAL_GUARANTEE_YEARS,
    LEGAL_REFUND_DAYS,
    LEGAL_WITHDRAWAL_DAYS,
    UK_RIGHT_TO_REJECT_DAYS,
    WITHDRAWAL_KINDS,
    CaseFacts,
    LineFacts,
    StorePolicy,
    SupplierPolicy,
)
from returnsdesk.domain.policy.results import (
    DEADLINE_LABELS,
    MERCHANT_DEADLINES,
    OUTCOME_RANK,
    Deadline,
    DeadlineState,
    LineVerdict,
    Outcome,
    Rule,
    RuleWarning,
    Verdict,
)
from returnsdesk.domain.policy.verdict import evaluate

__all__ = [
    "DEADLINE_LABELS",
    "KINDS",
    "LEGAL_GUARANTEE_YEARS",
    "LEGAL_REFUND_DAYS",
    "LEGAL_WITHDRAWAL_DAYS",
    "MERCHANT_DEADLINES",
    "OUTCOME_RANK",
    "UK_RIGHT_TO_REJECT_DAYS",
    "WITHDRAWAL_KINDS",
    "CaseFacts",
    "Deadline",
    "DeadlineState",
    "LineFacts",
    "LineVerdict",
    "Outcome",
    "Rule",
    "RuleWarning",
    "StorePolicy",
    "SupplierPolicy",
    "Verdict",
    "compute_deadlines",
    "end_of_day",
    "evaluate",
    "evidence_days",
    "local_day",
    "next_deadline",
    "supplier_evidence_due",
]
