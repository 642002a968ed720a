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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from returnsdesk.domain.deadlines import (
    PeakSeason,
    add_days,
    add_hours_utc,
    peak_extended_until,
    require_aware,
    zone,
)
from returnsdesk.domain.reasons import Reason, is_fault_reason
from returnsdesk.domain.regions import LegalRegion, legal_region
from returnsdesk.domain.rule_text import DEADLINE_LABELS_EN, deadline_label, render
from returnsdesk.domain.workdays import roll_to_working_day

KINDS = frozenset(
    {"return", "refund_only", "replacement", "exchange", "not_received", "chargeback"}
)

LEGAL_WITHDRAWAL_DAYS = 14  # CRD art. 9(1); CCR 2013 reg. 30(3)
LEGAL_REFUND_DAYS = 14  # CRD art. 13(1); CCR 2013 reg. 34(4)-(6)
UK_RIGHT_TO_REJECT_DAYS = 30  # CRA 2015 s.22(3)
LEGAL_GUARANTEE_YEARS = 2  # Directive 2019/771 art. 10(1)

#: Kinds where the customer sends goods back for their money (a withdrawal, legally).
WITHDRAWAL_KINDS = frozenset({"return", "refund_only"})
_PARTIAL_REFUND_REASONS = frozenset(
    {Reason.COLOUR_STYLE, Reason.MISSING_PARTS, Reason.NOT_AS_DESCRIBED}
)

DEADLINE_LABELS = DEADLINE_LABELS_EN
#: Deadlines that are the merchant's work (the others are windows for the customer).
MERCHANT_DEADLINES = frozenset(
    {"legal_refund_by", "supplier_evidence", "supplier_follow_up", "first_response",
     "chargeback_response"}
)  # fmt: skip


@dataclass(frozen=True)
class StorePolicy:
    return_days: int = 30
    peak: PeakSeason | None = field(default_factory=PeakSeason)
    first_response_hours: int = 24
    follow_up_hours: int = 48
    evidence_days: int = 15
    #: Days the shop adds to the legal 14-day withdrawal period (it can never remove it).
    extra_withdrawal_days: int = 0
    #: The shop's country (ISO alpha-2) and time zone: its calendar decides "today".
    country: str = ""
    time_zone: str = "UTC"
    #: The return policy as published to customers (quoted in dispute packs).
    published_text: str = ""
    #: The merchant recorded that this policy was shown to the customer at checkout.
    shown_at_checkout: bool = False

    def __post_init__(self) -> None:
        for name in ("return_days", "evidence_days", "extra_withdrawal_days"):
            if not 0 <= getattr(self, name) <= 3650:
                raise ValueError(f"{name} must be between 0 and 3650 days")
        for name in ("first_response_hours", "follow_up_hours"):
            if not 0 <= getattr(self, name) <= 24 * 365:
                raise ValueError(f"{name} must be between 0 and 8760 hours")
        zone(self.time_zone)


@dataclass(frozen=True)
class SupplierPolicy:
    """A supplier's terms; None means "use the store's value"."""

    return_days: int | None = None
    evidence_days: int | None = None
    follow_up_hours: int | None = None
    restocking_fee_percent: int = 0
    reimburses_without_return: bool = False
    timezone: str = "UTC"


@dataclass(frozen=True)
class LineFacts:
    """One order line (or parcel) as the rules see it."""

    id: str
    delivered_on: date | None = None
    personalised: bool = False  # personalised or made to order (CRD art. 16(c))
    sealed_hygiene_opened: bool = False  # sealed for hygiene and unsealed (art. 16(e))
    perishable: bool = False  # liable to deteriorate or expire rapidly (art. 16(d))
    title: str = ""

    @property
    def name(self) -> str:
        return self.title or self.id


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about one case. Moments must be time-zone aware."""

    kind: str
    reason: Reason
    placed_at: datetime
    #: Where the consumer lives (ISO alpha-2), "" when not known.
    customer_country: str
    #: Every line of the order (the withdrawal period runs from the last one delivered).
    lines: tuple[LineFacts, ...]
    opened_at: datetime
    now: datetime
    #: Ids of the lines the case is about; empty means every line.
    case_line_ids: tuple[str, ...] = ()
    shipped_on: date | None = None
    first_response_at: datetime | None = None
    #: The first claim sent to the supplier (closes the evidence deadline).
    claim_sent_at: datetime | None = None
    #: A claim sent to the supplier with no reply yet (starts the follow-up clock).
    awaiting_supplier_since: datetime | None = None
    chargeback_due_at: datetime | None = None
    chargeback_answered_at: datetime | None = None
    withdrawal_notice_at: datetime | None = None
    goods_received_on: date | None = None
    proof_of_sending_on: date | None = None
    #: The day the refund was posted in full.
    refunded_on: date | None = None
    is_open: bool = True
    minor_fault: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown case kind: {self.kind!r}")
        object.__setattr__(self, "reason", Reason(self.reason))
        object.__setattr__(self, "lines", tuple(self.lines))
        object.__setattr__(self, "case_line_ids", tuple(self.case_line_ids))
        for name in (
            "placed_at", "opened_at", "now", "first_response_at", "claim_sent_at",
            "awaiting_supplier_since", "chargeback_due_at", "chargeback_answered_at",
            "withdrawal_notice_at",
        ):  # fmt: skip
            value = getattr(self, name)
            if value is not None:
                require_aware(value, name)
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("Two order lines have the same id")
        unknown = set(self.case_line_ids) - set(ids)
        if unknown:
            raise ValueError(f"The case names lines the order does not have: {sorted(unknown)}")

    @property
    def case_lines(self) -> tuple[LineFacts, ...]:
        if not self.case_line_ids:
            return self.lines
        chosen = set(self.case_line_ids)
        return tuple(line for line in self.lines if line.id in chosen)


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


# --- calendar ---------------------------------------------------------------------------


def local_day(t: datetime, tz_name: str) -> date:
    """The day ``t`` falls on in the shop's calendar."""
    require_aware(t, "t")
    return t.astimezone(zone(tz_name)).date()


def end_of_day(day: date, tz_name: str) -> datetime:
    """The last moment of ``day`` in the named time zone, in UTC."""
    return datetime.combine(day, time.max, zone(tz_name)).astimezone(UTC)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February → 28 February
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True)
class _Context:
    facts: CaseFacts
    store: StorePolicy
    supplier: SupplierPolicy | None
    today: date
    request_on: date  # the earlier of the request and the withdrawal notice
    placed_on: date
    region: LegalRegion | None
    fault: bool

    @property
    def tz(self) -> str:
        return self.store.time_zone

    def day(self, t: datetime) -> date:
        return local_day(t, self.tz)

    def roll(self, d: date) -> date:
        """Reg. 1182/71 art. 3(4) for EU/EEA consumers: next working day in the consumer's
        country and, when the shop is in the EU/EEA too, in the shop's (either could be
        where the act is done; counting both is the reading that protects the consumer)."""
        if self.region not in (LegalRegion.EU, LegalRegion.EEA):
            return d
        countries = [self.facts.customer_country]
        if legal_region(self.store.country) in (LegalRegion.EU, LegalRegion.EEA):
            countries.append(self.store.country)
        return roll_to_working_day(d, countries)


def _context(facts: CaseFacts, store: StorePolicy, supplier: SupplierPolicy | None) -> _Context:
    opened = local_day(facts.opened_at, store.time_zone)
    notice = facts.withdrawal_notice_at
    request = min(opened, local_day(notice, store.time_zone)) if notice else opened
    return _Context(
        facts=facts,
        store=store,
        supplier=supplier,
        today=local_day(facts.now, store.time_zone),
        request_on=request,
        placed_on=local_day(facts.placed_at, store.time_zone),
        region=legal_region(facts.customer_country),
        fault=is_fault_reason(facts.reason),
    )


def store_window_end(ctx: _Context, delivered: date) -> tuple[date, bool]:
    """Last day of the store's own return window for an item, and whether peak extended it.

    The published store policy is the contract with the customer: the supplier's window
    never shortens it (the difference is the merchant's exposure, see the warning)."""
    base = add_days(delivered, ctx.store.return_days)
    peak = peak_extended_until(ctx.placed_on, ctx.store.peak) if ctx.store.peak else None
    if peak is not None and peak > base:
        return peak, True
    return base, False


def _exemption(line: LineFacts) -> str | None:
    """The CRD art. 16 exemption a line falls under, if any."""
    if line.personalised:
        return "personalised"
    if line.sealed_hygiene_opened:
        return "hygiene"
    if line.perishable:
        return "perishable"
    return None


def withdrawal_days(ctx: _Context) -> int:
    return LEGAL_WITHDRAWAL_DAYS + ctx.store.extra_withdrawal_days


def withdrawal_end(ctx: _Context) -> tuple[date | None, date | None, str | None]:
    """End of the legal withdrawal period (CRD art. 9(2)(b)(i): from the delivery of the last
    item of the order) after and before rolling to a working day, or (None, None, name of an
    undelivered line) when it cannot be known."""
    missing = next((line for line in ctx.facts.lines if line.delivered_on is None), None)
    if missing is not None:
        return None, None, missing.name
    last = max(line.delivered_on for line in ctx.facts.lines if line.delivered_on)
    raw = add_days(last, withdrawal_days(ctx))
    return ctx.roll(raw), raw, None


def _withdrawal_lines(ctx: _Context) -> list[LineFacts]:
    """Case lines the legal withdrawal right covers (not exempt under CRD art. 16)."""
    if ctx.region is None:
        return []
    return [line for line in ctx.facts.case_lines if _exemption(line) is None]


# --- verdict ----------------------------------------------------------------------------


def _fault_rules(ctx: _Context, line: LineFacts) -> tuple[Outcome, list[Rule]]:
    """A faulty, damaged or wrong item outside the store window: the legal remedies."""
    req = ctx.request_on
    delivered = line.delivered_on
    if ctx.region in (LegalRegion.EU, LegalRegion.EEA):
        if delivered is None:
            # Delivery is never before the order: the guarantee runs at least this long.
            if req <= add_years(ctx.placed_on, LEGAL_GUARANTEE_YEARS):
                return Outcome.ELIGIBLE_BECAUSE_FAULTY, [
                    Rule("legal_guarantee", True, "legal_guarantee.undated", {"line": line.name})
                ]
            return Outcome.UNKNOWN, [Rule("no_delivery_date", True, "", {"line": line.name})]
        end = ctx.roll(add_years(delivered, LEGAL_GUARANTEE_YEARS))
        params = {"line": line.name, "delivered": delivered, "end": end, "request": req}
        if req <= end:
            return Outcome.ELIGIBLE_BECAUSE_FAULTY, [
                Rule("legal_guarantee", True, "legal_guarantee.inside", params)
            ]
        return Outcome.NOT_ELIGIBLE, [
            Rule("legal_guarantee", True, "legal_guarantee.after", params)
        ]
    if ctx.region == LegalRegion.UK:
        if delivered is None:
            return Outcome.ELIGIBLE_BECAUSE_FAULTY, [
                Rule("uk_repair_first", True, "uk_repair_first.undated", {"line": line.name})
            ]
        end = add_days(delivered, UK_RIGHT_TO_REJECT_DAYS)
        params = {"line": line.name, "delivered": delivered, "end": end, "request": req}
        if req <= end:
            return Outcome.ELIGIBLE_BECAUSE_FAULTY, [
                Rule("uk_right_to_reject", True, "uk_right_to_reject.inside", params)
            ]
        return Outcome.ELIGIBLE_BECAUSE_FAULTY, [Rule("uk_repair_first", True, "", params)]
    if not ctx.facts.customer_country:
        return Outcome.ELIGIBLE_BECAUSE_FAULTY, [
            Rule("fault_covered", True, "fault_covered", {"line": line.name}),
            Rule("customer_country_unknown", False),
        ]
    return Outcome.ELIGIBLE_BECAUSE_FAULTY, [
        Rule("fault_covered", True, "fault_covered", {"line": line.name})
    ]


def _line_verdict(ctx: _Context, line: LineFacts) -> LineVerdict:
    rules: list[Rule] = []
    outcome = _line_outcome(ctx, line, rules)
    return LineVerdict(line.id, line.name, outcome, tuple(rules))


def _line_outcome(ctx: _Context, line: LineFacts, rules: list[Rule]) -> Outcome:
    facts = ctx.facts
    if facts.kind == "not_received" or facts.reason == Reason.NOT_RECEIVED:
        rules.append(Rule("not_received", True))
        return Outcome.ELIGIBLE
    if facts.reason == Reason.ARRIVED_LATE:
        rules.append(Rule("arrived_late", True))
        return Outcome.ELIGIBLE
    req = ctx.request_on
    exemption = _exemption(line)
    inside_store: bool | None = None
    if line.delivered_on is not None:
        end, peak = store_window_end(ctx, line.delivered_on)
        inside_store = req <= end
        params = {
            "line": line.name, "delivered": line.delivered_on, "days": ctx.store.return_days,
            "end": end, "request": req, "late": (req - end).days,
        }  # fmt: skip
        template = (
            "return_window." + ("peak_" if peak else "") + ("inside" if inside_store else "after")
        )
    if ctx.fault:
        if inside_store and exemption is None:
            rules.append(Rule("return_window", True, template, params))
            rules.append(Rule("fault_covered", False, "fault_covered", {"line": line.name}))
            return Outcome.ELIGIBLE
        if exemption is not None:
            rules.append(Rule(f"{exemption}_but_faulty", True, "", {"line": line.name}))
        elif inside_store is not None:
            rules.append(Rule("return_window", False, template, params))
        outcome, fault_rules = _fault_rules(ctx, line)
        rules.extend(fault_rules)
        return outcome
    # Change of mind (size, colour, no longer wanted, other).
    if exemption is not None:
        rules.append(Rule(f"{exemption}_exempt", True, "", {"line": line.name}))
        return Outcome.NOT_ELIGIBLE
    if inside_store:
        rules.append(Rule("return_window", True, template, params))
        return Outcome.ELIGIBLE
    if inside_store is not None:
        rules.append(Rule("return_window", ctx.region is None, template, params))
    if ctx.region is None:
        if inside_store is None:
            rules.append(Rule("no_delivery_date", True, "", {"line": line.name}))
            return Outcome.UNKNOWN
        if not facts.customer_country:
            rules.append(Rule("customer_country_unknown", True))
            return Outcome.UNKNOWN
        return Outcome.NOT_ELIGIBLE
    w_end, raw_end, undelivered = withdrawal_end(ctx)
    if w_end is None:
        rules.append(Rule("no_delivery_date", True, "", {"line": undelivered}))
        return Outcome.UNKNOWN
    params = {
        "country": facts.customer_country, "region": ctx.region.value,
        "days": withdrawal_days(ctx), "end": w_end, "request": req, "raw_end": raw_end,
    }  # fmt: skip
    inside = req <= w_end
    rules.append(
        Rule(
            "legal_withdrawal",
            True,
            "legal_withdrawal." + ("inside" if inside else "after"),
            params,
        )
    )
    return Outcome.ELIGIBLE if inside else Outcome.NOT_ELIGIBLE


def _case_outcome(lines: Iterable[LineVerdict]) -> Outcome:
    """Unanimous lines give their outcome; mixed lines give the most favourable one (each
    line keeps its own verdict, and the summary says the lines differ)."""
    outcomes = [line.outcome for line in lines]
    return max(outcomes, key=OUTCOME_RANK.__getitem__)


def _region_rule(ctx: _Context) -> Rule:
    country = ctx.facts.customer_country
    if not country:
        return Rule("customer_country_unknown", False)
    if ctx.region is None:
        return Rule("no_legal_withdrawal", False, "", {"country": country})
    return Rule(
        "legal_region", False, "", {"country": country, "region": ctx.region.value,
                                    "days": withdrawal_days(ctx)}
    )  # fmt: skip


def _warnings(ctx: _Context) -> list[RuleWarning]:
    out: list[RuleWarning] = []
    supplier = ctx.supplier
    facts = ctx.facts
    if facts.kind != "chargeback" and supplier is not None and supplier.return_days is not None:
        for line in facts.case_lines:
            if line.delivered_on is None:
                continue
            store_end, _ = store_window_end(ctx, line.delivered_on)
            supplier_end = add_days(line.delivered_on, supplier.return_days)
            if store_end > supplier_end:
                out.append(
                    RuleWarning(
                        "store_outlasts_supplier",
                        {"store_end": store_end, "supplier_end": supplier_end, "line": line.name},
                    )
                )
                break
    return out


def evaluate(
    facts: CaseFacts, store: StorePolicy, supplier: SupplierPolicy | None = None
) -> Verdict:
    """The verdict per case line and for the case, with the rules that decided it."""
    ctx = _context(facts, store, supplier)
    warnings = tuple(_warnings(ctx))
    if facts.kind == "chargeback":
        due = ctx.day(facts.chargeback_due_at) if facts.chargeback_due_at else None
        rule = Rule("chargeback", True, "chargeback." + ("due" if due else "no_due"), {"due": due})
        lines = tuple(
            LineVerdict(line.id, line.name, Outcome.NOT_APPLICABLE, ()) for line in facts.case_lines
        )
        return Verdict(Outcome.NOT_APPLICABLE, lines, (rule,), warnings)
    lines = tuple(_line_verdict(ctx, line) for line in facts.case_lines)
    outcome = _case_outcome(lines)
    rules: list[Rule] = []
    differ = len({line.outcome for line in lines}) > 1
    for lv in lines:
        for rule in lv.rules:
            if rule not in rules:
                rules.append(rule)
    if differ:
        rules.insert(0, Rule("lines_differ", True, "", {"count": len(lines)}))
    region_rule = _region_rule(ctx)
    if not any(r.code == "legal_withdrawal" for r in rules) or region_rule.code != "legal_region":
        rules.append(region_rule)  # else the withdrawal rule already says which law applies
    eligible = outcome in (Outcome.ELIGIBLE, Outcome.ELIGIBLE_BECAUSE_FAULTY)
    returnable = facts.kind != "not_received" and facts.reason not in (
        Reason.NOT_RECEIVED,
        Reason.ARRIVED_LATE,
    )
    if returnable and eligible and not ctx.fault and supplier and supplier.restocking_fee_percent:
        rules.append(
            Rule("restocking_fee", False, "", {"percent": supplier.restocking_fee_percent})
        )
    suggestion: Rule | None = None
    keep_item = supplier is not None and supplier.reimburses_without_return
    if returnable and eligible:
        if keep_item and ctx.fault:
            suggestion = Rule("suggest_keep_item", False)
        elif not keep_item and (facts.minor_fault or facts.reason in _PARTIAL_REFUND_REASONS):
            suggestion = Rule("suggest_partial_refund", False)
    return Verdict(outcome, lines, tuple(rules), warnings, suggestion)


# --- deadlines --------------------------------------------------------------------------


def _customer_window(ctx: _Context, end: date) -> tuple[DeadlineState, date | None]:
    """A window for the customer to ask in: open while it runs, then met (they asked in
    time) or missed. Never the merchant's work, so never overdue."""
    if ctx.request_on > end:
        return DeadlineState.MISSED, None
    if ctx.today <= end:
        return DeadlineState.OPEN, None
    return DeadlineState.MET, ctx.request_on


def _action_state(done: date | None, due: date, today: date) -> tuple[DeadlineState, date | None]:
    if done is not None:
        return (DeadlineState.MET if done <= due else DeadlineState.MISSED), done
    return (DeadlineState.OVERDUE if today > due else DeadlineState.OPEN), None


def _moment_state(
    done: datetime | None, due_at: datetime, now: datetime, done_day: date | None
) -> tuple[DeadlineState, date | None]:
    if done is not None:
        return (DeadlineState.MET if done <= due_at else DeadlineState.MISSED), done_day
    return (DeadlineState.OVERDUE if now > due_at else DeadlineState.OPEN), None


def evidence_days(store: StorePolicy, supplier: SupplierPolicy | None) -> int:
    if supplier is not None and supplier.evidence_days is not None:
        return supplier.evidence_days
    return store.evidence_days


def supplier_evidence_due(
    delivered_on: date | None, store: StorePolicy, supplier: SupplierPolicy | None
) -> date | None:
    """The supplier evidence deadline alone (cheap: for lists of many cases)."""
    if delivered_on is None:
        return None
    return add_days(delivered_on, evidence_days(store, supplier))


def _refund_deadline(ctx: _Context, w_end: date | None) -> Deadline | None:
    facts = ctx.facts
    if facts.kind not in WITHDRAWAL_KINDS or not _withdrawal_lines(ctx):
        return None
    notice = ctx.request_on
    # A notice after the withdrawal period is not a legal withdrawal (the store window may
    # still take the item back). Before delivery it is: CRD art. 9(3).
    if w_end is not None and notice > w_end:
        return None
    back = [d for d in (facts.goods_received_on, facts.proof_of_sending_on) if d is not None]
    goods_back = min(back) if back else None
    params: dict[str, Any] = {"notice": notice, "goods_back": goods_back}
    if ctx.region == LegalRegion.UK:
        # CCR 2013 reg. 34(5)-(6): 14 days after the goods, or proof of sending, arrive.
        due = add_days(goods_back, LEGAL_REFUND_DAYS) if goods_back else None
        template = "deadline.legal_refund_by.uk" + ("" if due else "_waiting")
    else:
        # CRD art. 13(1): 14 days from the notice; art. 13(3): the trader may withhold the
        # refund until the goods or proof of sending arrive, whichever is earlier. Not
        # rolled to a working day: paying on the 14th day never hurts the consumer.
        due = add_days(notice, LEGAL_REFUND_DAYS)
        template = "deadline.legal_refund_by.eu"
        if goods_back is not None and goods_back > due:
            due = goods_back
            template = "deadline.legal_refund_by.eu_goods_late"
    params["due"] = due
    waiting = False
    if facts.refunded_on is not None:
        if due is None:
            state, done = DeadlineState.MET, facts.refunded_on
        else:
            state, done = _action_state(facts.refunded_on, due, ctx.today)
    elif due is None:
        state, done, waiting = DeadlineState.OPEN, None, True
    else:
        state, done = _action_state(None, due, ctx.today)
        if state == DeadlineState.OVERDUE and goods_back is None:
            # The trader may wait for the goods or the proof of sending (art. 13(3)).
            state, waiting = DeadlineState.OPEN, True
            template = "deadline.legal_refund_by.eu_waiting"
    params["refunded"] = facts.refunded_on
    return Deadline("legal_refund_by", due, None, state, done, waiting, False, template, params)


def compute_deadlines(
    facts: CaseFacts, store: StorePolicy, supplier: SupplierPolicy | None = None
) -> list[Deadline]:
    """Every deadline that applies to the case with its state, earliest first.

    Deadlines that do not apply are left out."""
    ctx = _context(facts, store, supplier)
    out: list[Deadline] = []
    case_lines = facts.case_lines
    delivered = [line.delivered_on for line in case_lines if line.delivered_on is not None]
    last_delivered = max(delivered) if delivered and len(delivered) == len(case_lines) else None
    returnable = facts.kind not in ("chargeback", "not_received") and facts.reason not in (
        Reason.NOT_RECEIVED,
        Reason.ARRIVED_LATE,
    )

    if returnable and delivered:
        ends = [store_window_end(ctx, d) for d in delivered]
        end, peak = max(ends)
        state, done = _customer_window(ctx, end)
        params = {"delivered": max(delivered), "days": store.return_days, "end": end,
                  "request": ctx.request_on}  # fmt: skip
        template = "deadline.customer_return" + (".peak" if peak else "")
        out.append(Deadline("customer_return", end, None, state, done, template=template,
                            params=params))  # fmt: skip

    w_end, raw_end, _ = withdrawal_end(ctx)
    if returnable and _withdrawal_lines(ctx) and w_end is not None:
        state, done = _customer_window(ctx, w_end)
        params = {"country": facts.customer_country, "days": withdrawal_days(ctx), "end": w_end,
                  "request": ctx.request_on, "raw_end": raw_end}  # fmt: skip
        out.append(Deadline("legal_withdrawal", w_end, None, state, done, params=params))

    if returnable:
        refund = _refund_deadline(ctx, w_end)
        if refund is not None:
            out.append(refund)

    if returnable and ctx.fault and last_delivered is not None:
        if ctx.region == LegalRegion.UK:
            end = add_days(last_delivered, UK_RIGHT_TO_REJECT_DAYS)
            state, done = _customer_window(ctx, end)
            out.append(Deadline("uk_right_to_reject", end, None, state, done,
                                params={"delivered": last_delivered, "end": end}))  # fmt: skip
        elif ctx.region is not None:
            end = ctx.roll(add_years(last_delivered, LEGAL_GUARANTEE_YEARS))
            state, done = _customer_window(ctx, end)
            out.append(Deadline("legal_guarantee", end, None, state, done,
                                params={"delivered": last_delivered, "end": end}))  # fmt: skip

    if facts.kind != "chargeback" and ctx.fault:
        days = evidence_days(store, supplier)
        start = min(delivered) if delivered else facts.shipped_on
        if start is not None:
            due = add_days(start, days)
            sent = ctx.day(facts.claim_sent_at) if facts.claim_sent_at else None
            state, done = _action_state(sent, due, ctx.today)
            estimate = not delivered
            template = "deadline.supplier_evidence" + (".estimate" if estimate else "")
            out.append(Deadline("supplier_evidence", due, None, state, done, False, estimate,
                                template, {"start": start, "days": days, "due": due}))  # fmt: skip

    if facts.awaiting_supplier_since is not None:
        hours = store.follow_up_hours
        if supplier is not None and supplier.follow_up_hours is not None:
            hours = supplier.follow_up_hours
        sent = facts.awaiting_supplier_since
        due_at = add_hours_utc(sent, hours)
        state = DeadlineState.OVERDUE if facts.now > due_at else DeadlineState.OPEN
        supplier_tz = supplier.timezone if supplier is not None else "UTC"
        params = {"sent": sent, "hours": hours, "due_at": due_at, "supplier_tz": supplier_tz,
                  "tz": store.time_zone}  # fmt: skip
        out.append(Deadline("supplier_follow_up", ctx.day(due_at), due_at, state, params=params))

    due_at = add_hours_utc(facts.opened_at, store.first_response_hours)
    answered = facts.first_response_at
    state, done = _moment_state(
        answered, due_at, facts.now, ctx.day(answered) if answered else None
    )
    out.append(Deadline("first_response", ctx.day(due_at), due_at, state, done,
                        params={"opened": facts.opened_at, "hours": store.first_response_hours,
                                "due_at": due_at, "tz": store.time_zone}))  # fmt: skip

    if facts.kind == "chargeback" and facts.chargeback_due_at is not None:
        due_at = facts.chargeback_due_at.astimezone(UTC)
        answered = facts.chargeback_answered_at
        state, done = _moment_state(
            answered, due_at, facts.now, ctx.day(answered) if answered else None
        )
        out.append(Deadline("chargeback_response", ctx.day(due_at), due_at, state, done,
                            params={"due_at": due_at, "tz": store.time_zone}))  # fmt: skip

    return sorted(out, key=_sort_key)


def _sort_key(d: Deadline) -> tuple[date, datetime, str]:
    # A whole-day deadline counts as due at the end of its day; undated ones come last.
    day = d.due or date.max
    at = d.due_at or datetime.combine(day, time.max, UTC)
    return (day, at, d.code)


def next_deadline(deadlines: Iterable[Deadline], today: date | None = None) -> Deadline | None:
    """The merchant's next piece of real work: the earliest open or overdue deadline that
    is not waiting on the customer. Customer windows, met and waiting ones never count."""
    pending = [d for d in deadlines if d.pending]
    return min(pending, key=_sort_key) if pending else None
