"""The verdict: for each case line and for the case, eligible or not and the rules that
decided it, with warnings for the merchant and a suggested settlement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from returnsdesk.domain.deadlines import add_days
from returnsdesk.domain.policy.context import (
    Context,
    add_years,
    exemption_of,
    make_context,
    store_window_end,
    withdrawal_days,
    withdrawal_end,
)
from returnsdesk.domain.policy.facts import (
    LEGAL_GUARANTEE_YEARS,
    UK_RIGHT_TO_REJECT_DAYS,
    CaseFacts,
    LineFacts,
    StorePolicy,
    SupplierPolicy,
)
from returnsdesk.domain.policy.results import (
    OUTCOME_RANK,
    LineVerdict,
    Outcome,
    Rule,
    RuleWarning,
    Verdict,
)
from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.regions import LegalRegion

_PARTIAL_REFUND_REASONS = frozenset(
    {Reason.COLOUR_STYLE, Reason.MISSING_PARTS, Reason.NOT_AS_DESCRIBED}
)


def _fault_rules(ctx: Context, line: LineFacts) -> tuple[Outcome, list[Rule]]:
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


def _line_verdict(ctx: Context, line: LineFacts) -> LineVerdict:
    rules: list[Rule] = []
    outcome = _line_outcome(ctx, line, rules)
    return LineVerdict(line.id, line.name, outcome, tuple(rules))


def _line_outcome(ctx: Context, line: LineFacts, rules: list[Rule]) -> Outcome:
    facts = ctx.facts
    if facts.kind == "not_received" or facts.reason == Reason.NOT_RECEIVED:
        rules.append(Rule("not_received", True))
        return Outcome.ELIGIBLE
    if facts.reason == Reason.ARRIVED_LATE:
        rules.append(Rule("arrived_late", True))
        return Outcome.ELIGIBLE
    window = _store_window(ctx, line)
    if ctx.fault:
        return _faulty_line(ctx, line, window, rules)
    return _change_of_mind(ctx, line, window, rules)


@dataclass(frozen=True)
class _Window:
    """The store's return window for a delivered line, judged at the request."""

    inside: bool
    template: str
    params: dict[str, Any]

    def rule(self, decisive: bool) -> Rule:
        return Rule("return_window", decisive, self.template, self.params)


def _store_window(ctx: Context, line: LineFacts) -> _Window | None:
    if line.delivered_on is None:
        return None
    req = ctx.request_on
    end, peak = store_window_end(ctx, line.delivered_on)
    inside = req <= end
    params = {
        "line": line.name, "delivered": line.delivered_on, "days": ctx.store.return_days,
        "end": end, "request": req, "late": (req - end).days,
    }  # fmt: skip
    template = "return_window." + ("peak_" if peak else "") + ("inside" if inside else "after")
    return _Window(inside, template, params)


def _faulty_line(
    ctx: Context, line: LineFacts, window: _Window | None, rules: list[Rule]
) -> Outcome:
    """Faulty, damaged or wrong: the store window first, then the legal remedies."""
    exemption = exemption_of(line)
    if window is not None and window.inside and exemption is None:
        rules.append(window.rule(True))
        rules.append(Rule("fault_covered", False, "fault_covered", {"line": line.name}))
        return Outcome.ELIGIBLE
    if exemption is not None:
        rules.append(Rule(f"{exemption}_but_faulty", True, "", {"line": line.name}))
    elif window is not None:
        rules.append(window.rule(False))
    outcome, fault_rules = _fault_rules(ctx, line)
    rules.extend(fault_rules)
    return outcome


def _change_of_mind(
    ctx: Context, line: LineFacts, window: _Window | None, rules: list[Rule]
) -> Outcome:
    """Size, colour, no longer wanted, other: the store window, else the legal withdrawal."""
    exemption = exemption_of(line)
    if exemption is not None:
        rules.append(Rule(f"{exemption}_exempt", True, "", {"line": line.name}))
        return Outcome.NOT_ELIGIBLE
    if window is not None and window.inside:
        rules.append(window.rule(True))
        return Outcome.ELIGIBLE
    if window is not None:
        rules.append(window.rule(ctx.region is None))
    if ctx.region is None:
        if window is None:
            rules.append(Rule("no_delivery_date", True, "", {"line": line.name}))
            return Outcome.UNKNOWN
        if not ctx.facts.customer_country:
            rules.append(Rule("customer_country_unknown", True))
            return Outcome.UNKNOWN
        return Outcome.NOT_ELIGIBLE
    return _withdrawal_outcome(ctx, ctx.region, rules)


def _withdrawal_outcome(ctx: Context, region: LegalRegion, rules: list[Rule]) -> Outcome:
    """The legal withdrawal period decides (CRD art. 9; CCR 2013 reg. 30)."""
    w_end, raw_end, undelivered = withdrawal_end(ctx)
    if w_end is None:
        rules.append(Rule("no_delivery_date", True, "", {"line": undelivered}))
        return Outcome.UNKNOWN
    req = ctx.request_on
    params = {
        "country": ctx.facts.customer_country, "region": region.value,
        "days": withdrawal_days(ctx), "end": w_end, "request": req, "raw_end": raw_end,
    }  # fmt: skip
    inside = req <= w_end
    template = "legal_withdrawal." + ("inside" if inside else "after")
    rules.append(Rule("legal_withdrawal", True, template, params))
    return Outcome.ELIGIBLE if inside else Outcome.NOT_ELIGIBLE


def _case_outcome(lines: Iterable[LineVerdict]) -> Outcome:
    """Unanimous lines give their outcome; mixed lines give the most favourable one (each
    line keeps its own verdict, and the summary says the lines differ)."""
    outcomes = [line.outcome for line in lines]
    return max(outcomes, key=OUTCOME_RANK.__getitem__)


def _region_rule(ctx: Context) -> Rule:
    country = ctx.facts.customer_country
    if not country:
        return Rule("customer_country_unknown", False)
    if ctx.region is None:
        return Rule("no_legal_withdrawal", False, "", {"country": country})
    return Rule(
        "legal_region", False, "", {"country": country, "region": ctx.region.value,
                                    "days": withdrawal_days(ctx)}
    )  # fmt: skip


def _warnings(ctx: Context) -> list[RuleWarning]:
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
    ctx = make_context(facts, store, supplier)
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
