"""The figures of the Reports area, the returns summary PDF and ``report stats``.

One function, ``build_report(start, end)``, reads every figure for a period
through the queries in ``store/reports.py`` and returns frozen view objects, so
the window, the PDF and the command line cannot disagree.

What each count means:

- *orders*: orders placed in the period; *units sold*: the quantities on them;
- *cases opened*: cases opened in the period (every breakdown counts these);
- *cases closed*: cases closed in the period, whenever they were opened;
- *open now*: cases not finished today, whenever they were opened;
- *return rate*: cases opened ÷ orders placed in the same period;
- *net cost*: paid out − recovered on ledger entries dated in the period, per
  currency; a case's money counts under its reason, its supplier and its first
  product.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from returnsdesk.domain.risk import (
    BIT,
    CaseFacts,
    Flag,
    SupplierFacts,
    Thresholds,
    case_flags,
    rules_of_mask,
    supplier_flags,
)
from returnsdesk.services.clock import resolve
from returnsdesk.services.report_rows import (
    DefectRow,
    FlagRow,
    KindTime,
    MonthRow,
    Overview,
    ProductRow,
    ReasonRow,
    Report,
    ResolveTimes,
    Satisfaction,
    SatisfactionRow,
    Scorecard,
    SupplierRow,
    costs_of,
)
from returnsdesk.store import ledger_sql, risk_snapshot
from returnsdesk.store import reports as q
from returnsdesk.store import risk as risk_sql
from returnsdesk.store.reports import Period


def overview(start: date, end: date, open_limit: int = 60) -> Overview:
    """The headline figures and the month rows of ``start``..``end`` (both included)."""
    p = Period(start, end)
    orders, units_sold = q.orders_placed(p)
    summary = q.summary(p, open_limit)
    return Overview(
        period=p,
        orders=orders,
        units_sold=units_sold,
        closed=summary.closed,
        open_now=summary.open_now,
        money=tuple(summary.money),
        monthly=tuple(MonthRow(*row) for row in q.monthly_rates(p)),
        open_cases=tuple(summary.open_cases),
    )


def period(start: date, end: date) -> Period:
    """A period of whole days, both included (refuses one that ends before it starts)."""
    return Period(start, end)


def _satisfaction(p: Period) -> Satisfaction:
    overall = q.satisfaction_by("''", p)
    rows = {
        name: tuple(SatisfactionRow(k or "", n, ease, outcome) for k, n, ease, outcome in found)
        for name, found in (
            ("reason", q.satisfaction_by("c.reason", p)),
            ("supplier", q.satisfaction_by("coalesce(s.name, '')", p)),
            ("resolution", q.satisfaction_by("c.agreed_resolution", p)),
        )
    }
    answers, ease, outcome = overall[0][1:] if overall else (0, None, None)
    return Satisfaction(
        answers, ease, outcome, rows["reason"], rows["supplier"], rows["resolution"]
    )


#: Net costs per currency, by reason / supplier id / SKU: {"reason": {key: {currency: net}}}.
Costs = dict[str, dict[Any, dict[str, int]]]
#: Report fields a part computes, by ``Report`` field name.
Fields = dict[str, Any]


@dataclass
class PeriodReads:
    """Reads that several parts of one period's report need: each is made once, by
    whichever part asks first (the Reports area shares one between its part jobs)."""

    claims: q.ClaimFigures | None = None
    defects: list[tuple[int, str, str, int]] | None = None
    supplier_facts: list[tuple[int, SupplierFacts]] | None = None
    costs: Costs | None = None

    def claim_figures(self, p: Period) -> q.ClaimFigures:
        if self.claims is None:
            self.claims = q.claim_figures(p)
        return self.claims

    def defect_rows(self, p: Period) -> list[tuple[int, str, str, int]]:
        if self.defects is None:
            self.defects = q.defects_by_sku(p, risk_sql.DEFECT_REASONS)
        return self.defects


def _scorecards(
    p: Period, cases: dict[int | None, int], as_of: date, memo: PeriodReads
) -> tuple[Scorecard, ...]:
    figures = memo.claim_figures(p)
    claims, replies, money_days = figures.counts, figures.replies, figures.money
    defects: dict[int, list[DefectRow]] = {}
    for sid, sku, reason, n in memo.defect_rows(p):
        defects.setdefault(sid, []).append(DefectRow(sku, reason, n))
    outstanding: dict[int, dict[str, int]] = {}
    for row in ledger_sql.supplier_money():
        if row.outstanding:
            outstanding.setdefault(row.supplier_id, {})[row.currency] = row.outstanding
    t = risk_sql.thresholds()
    cards = []
    for sid, f in _supplier_facts(p, as_of, memo):
        n, approved, paid = claims.get(sid, (0, 0, 0))
        answered, reply = replies.get(sid, (0, None))
        cards.append(
            Scorecard(
                supplier_id=sid,
                supplier=f.supplier,
                cases=cases.get(sid, 0),
                claims=n,
                approved=approved,
                reimbursed=paid,
                replies=answered,
                median_reply_days=reply,
                median_money_days=money_days.get(sid, (0, None))[1],
                outstanding=costs_of(outstanding.get(sid)),
                defects=tuple(defects.get(sid, ())),
                flags=tuple(supplier_flags(f, t)),
            )
        )
    return tuple(cards)


def _supplier_facts(p: Period, as_of: date, memo: PeriodReads) -> list[tuple[int, SupplierFacts]]:
    """(supplier id, facts of its last 12 months) of every supplier, by name.

    When the period is those 12 months (the Reports area's default), the facts are made
    from the period's claims (and its per-SKU defects, if read), read once for the
    scorecards and the risk signals together.
    """
    if memo.supplier_facts is None:
        if p == risk_sql.window_period(as_of):
            # The per-SKU defect rows only when the scorecards read them already: alone,
            # a count per supplier is enough (and much cheaper).
            facts = risk_sql.supplier_facts(as_of, memo.claim_figures(p), memo.defects)
        else:
            facts = risk_sql.supplier_facts(as_of)
        memo.supplier_facts = sorted(facts.items(), key=lambda kv: kv[1].supplier.casefold())
    return memo.supplier_facts


def _flagged(
    p: Period, as_of: date, t: Thresholds
) -> tuple[list[tuple[int, str, int]], Callable[[list[int]], dict[int, CaseFacts]]]:
    """The flagged cases opened in the period as (case id, customer, rule mask), newest
    first, and how to get the facts of those to describe.

    A fresh snapshot keeps each flagged case's customer, counts and facts: one read of
    it answers, and only the described cases' facts are decoded. Else the rules' SQL
    finds the masks and the described cases' facts are read and counted."""
    snapshot = risk_snapshot.flagged_with_facts(p.first_stamp, p.after_stamp, as_of, t)
    if snapshot is None:
        return (
            risk_snapshot.flagged_masks(p.first_stamp, p.after_stamp, as_of, t),
            lambda ids: risk_sql.case_facts(ids, as_of),
        )
    kept = {row[0]: row for row in snapshot}

    def made(ids: list[int]) -> dict[int, CaseFacts]:
        return risk_snapshot.kept_facts([kept[cid] for cid in ids])

    return [(case_id, who, mask) for case_id, who, mask, _counts, _facts in snapshot], made


def _customer_flags(p: Period, as_of: date) -> list[FlagRow]:
    """One row per customer and rule, over the flagged cases opened in the period.

    The newest case of each (customer, rule) is the one described; only those cases'
    facts are read. Which rules fire on which case comes from the flagged-case
    snapshot when it is fresh for ``as_of`` (the same masks as the rules; a test
    keeps them equal), else from the rules' SQL. Grouped on plain ints: a year of a
    large store has tens of thousands of flagged cases.
    """
    t = risk_sql.thresholds()
    flagged, facts_of = _flagged(p, as_of, t)
    bits_of: dict[int, tuple[int, ...]] = {}
    seen: dict[tuple[str, int], list[int]] = {}
    for case_id, subject, mask in flagged:  # newest first
        bits = bits_of.get(mask)
        if bits is None:
            bits = bits_of[mask] = tuple(BIT[rule] for rule in rules_of_mask(mask))
        for bit in bits:
            seen.setdefault((subject, bit), []).append(case_id)
    facts = facts_of(sorted({ids[0] for ids in seen.values()}))
    rule_order = {BIT[rule]: rule.value for rule in BIT}
    keyed = []
    flags_of: dict[int, dict[int, Flag]] = {}
    for (subject, bit), case_ids in seen.items():
        f = facts.get(case_ids[0])
        if f is None:
            continue
        if case_ids[0] not in flags_of:
            flags_of[case_ids[0]] = {BIT[x.rule]: x for x in case_flags(f, t)}
        flag = flags_of[case_ids[0]].get(bit)
        if flag is not None:
            row = FlagRow("customer", subject, flag, tuple(case_ids))
            keyed.append(((rule_order[bit], -len(case_ids), subject), row))
    keyed.sort(key=lambda pair: pair[0])
    return [row for _key, row in keyed]


def _net_costs(p: Period, memo: PeriodReads) -> Costs:
    if memo.costs is None:
        costs: Costs = {"reason": {}, "supplier": {}, "product": {}}
        for reason, supplier_id, sku, currency, net in q.net_cost_breakdown(p):
            for name, key in (("reason", reason), ("supplier", supplier_id), ("product", sku)):
                per = costs[name].setdefault(key, {})
                per[currency] = per.get(currency, 0) + net
        memo.costs = costs
    return memo.costs


def _ranked(counter: Counter[Any]) -> list[Any]:
    return sorted(counter, key=lambda k: (-counter[k], str(k)))


def _part_breakdown(p: Period, as_of: date, memo: PeriodReads) -> Fields:
    """Cases opened by reason, supplier, kind and status, with their net costs."""
    orders = q.orders_placed(p)[0]
    by_key: dict[str, Counter[Any]] = {name: Counter() for name in ("reason", "supplier", "kind")}
    units_by: dict[str, Counter[Any]] = {name: Counter() for name in ("reason", "supplier")}
    statuses: Counter[str] = Counter()
    for reason, supplier_id, kind, status, n, units in q.case_breakdown(p):
        for name, key in (("reason", reason), ("supplier", supplier_id)):
            by_key[name][key] += n
            units_by[name][key] += units
        by_key["kind"][kind] += n
        statuses[status] += n
    costs = _net_costs(p, memo)
    reasons = _ranked(by_key["reason"])
    by_reason = [
        ReasonRow(
            r,
            by_key["reason"][r],
            units_by["reason"][r],
            orders,
            costs_of(costs["reason"].get(r)),
        )
        for r in reasons + sorted(set(costs["reason"]) - set(reasons))
    ]
    sold = q.sold_by_supplier(p)
    names = q.supplier_names()
    supplier_ids = set(by_key["supplier"]) | set(sold) | set(costs["supplier"])
    by_supplier = sorted(
        (
            SupplierRow(
                sid,
                names.get(sid, "") if sid is not None else "",
                by_key["supplier"][sid],
                units_by["supplier"][sid],
                *sold.get(sid, ("", 0, 0))[1:],
                costs_of(costs["supplier"].get(sid)),
            )
            for sid in supplier_ids
        ),
        key=lambda row: (-row.cases, row.supplier.casefold(), row.supplier_id or 0),
    )
    return {
        "cases": sum(by_key["kind"].values()),
        "units_returned": sum(units_by["reason"].values()),
        "by_reason": tuple(by_reason),
        "by_supplier": tuple(by_supplier),
        "by_kind": tuple((k, by_key["kind"][k]) for k in _ranked(by_key["kind"])),
        "by_status": tuple((s, statuses[s]) for s in _ranked(statuses)),
    }


def _part_products(p: Period, as_of: date, memo: PeriodReads) -> Fields:
    cost_product = _net_costs(p, memo)["product"]
    by_product = [
        ProductRow(sku, title, n, ret, o, u, costs_of(cost_product.get(sku)))
        for sku, title, n, ret, o, u in q.cases_by_product(p)
    ]
    known_skus = {row.sku for row in by_product}
    for sku in sorted(set(cost_product) - known_skus):
        by_product.append(ProductRow(sku, "", 0, 0, 0, 0, costs_of(cost_product[sku])))
    return {"by_product": tuple(by_product)}


def _part_resolve(p: Period, as_of: date, memo: PeriodReads) -> Fields:
    medians, buckets = q.resolve_times(p)
    overall = medians.pop("", None)
    return {
        "resolve": ResolveTimes(
            closed=q.closed_count(p),
            median_days=overall[1] if overall else None,
            by_kind=tuple(
                KindTime(kind, n, median)
                for kind, (n, median) in sorted(medians.items(), key=lambda kv: -kv[1][0])
            ),
            buckets=tuple(
                (low, high, n) for (low, high), n in zip(q.RESOLVE_BUCKETS, buckets, strict=True)
            ),
        )
    }


def _part_scorecards(p: Period, as_of: date, memo: PeriodReads) -> Fields:
    return {"scorecards": _scorecards(p, q.cases_by_supplier(p), as_of, memo)}


def _part_satisfaction(p: Period, as_of: date, memo: PeriodReads) -> Fields:
    return {"satisfaction": _satisfaction(p)}


def _part_customer_flags(p: Period, as_of: date, memo: PeriodReads) -> Fields:
    return {"customer_flags": tuple(_customer_flags(p, as_of))}


def _part_supplier_flags(p: Period, as_of: date, memo: PeriodReads) -> Fields:
    t = risk_sql.thresholds()
    return {
        "supplier_flags": tuple(
            FlagRow("supplier", f.supplier, flag, (), sid)
            for sid, f in _supplier_facts(p, as_of, memo)
            for flag in supplier_flags(f, t)
        )
    }


#: The parts of a report, each computed on its own (the Reports area runs one job per
#: part, so each view fills as soon as its own figures are read).
PARTS: dict[str, Callable[[Period, date, PeriodReads], Fields]] = {
    "breakdown": _part_breakdown,
    "products": _part_products,
    "resolve": _part_resolve,
    "scorecards": _part_scorecards,
    "satisfaction": _part_satisfaction,
    "customer_flags": _part_customer_flags,
    "supplier_flags": _part_supplier_flags,
}
#: The parts each view of the Reports area shows (none: the overview's months). The
#: risk signals are two parts, read side by side: the customers' are the slow ones.
VIEW_PARTS: dict[str, tuple[str, ...]] = {
    "months": (),
    "products": ("products",),
    "suppliers": ("breakdown",),
    "reasons": ("breakdown",),
    "resolve": ("resolve",),
    "scorecards": ("scorecards",),
    "defects": ("scorecards",),
    "satisfaction": ("satisfaction",),
    "flags": ("customer_flags", "supplier_flags"),
}


def as_of_day(end: date, now: datetime | None = None) -> date:
    """The day a period's "now" figures (risk signals, money outstanding) are read on."""
    return min(end, resolve(now).date())


def report_part(
    name: str,
    start: date,
    end: date,
    now: datetime | None = None,
    memo: PeriodReads | None = None,
) -> Fields:
    """The report fields of part ``name`` for ``start``..``end`` (``memo`` shares reads
    between the parts of one period; the parts need not wait for the overview)."""
    reads = PeriodReads() if memo is None else memo
    return PARTS[name](Period(start, end), as_of_day(end, now), reads)


_EMPTY_PARTS: Fields = {
    "cases": 0,
    "units_returned": 0,
    "by_reason": (),
    "by_supplier": (),
    "by_product": (),
    "by_kind": (),
    "by_status": (),
    "resolve": ResolveTimes(0, None, (), ()),
    "scorecards": (),
    "satisfaction": Satisfaction(0, None, None, (), (), ()),
    "customer_flags": (),
    "supplier_flags": (),
}


def assemble(
    first: Overview, fields: Fields, now: datetime | None = None, partial: bool = False
) -> Report:
    """The report of ``first``'s period from its parts' fields. With ``partial``, the
    parts not read yet are empty (for exporting one view before the others are in)."""
    missing = set(_EMPTY_PARTS) - set(fields)
    if missing and not partial:
        raise ValueError(f"report parts missing: {sorted(missing)}")
    merged = {**_EMPTY_PARTS, **fields}
    flags = merged.pop("customer_flags") + merged.pop("supplier_flags")
    return Report(
        period=first.period,
        as_of=as_of_day(first.period.end, now),
        orders=first.orders,
        units_sold=first.units_sold,
        closed=first.closed,
        open_now=first.open_now,
        money=first.money,
        monthly=first.monthly,
        open_cases=first.open_cases,
        flags=flags,
        **merged,
    )


def build_report(
    start: date,
    end: date,
    now: datetime | None = None,
    open_limit: int = 60,
    first: Overview | None = None,
) -> Report:
    """Every figure of the period ``start``..``end`` (both included); ``first`` is the
    period's ``overview`` when the caller already has it (it is read again otherwise)."""
    p = Period(start, end)
    if first is None or first.period != p:
        first = overview(start, end, open_limit)
    memo = PeriodReads()
    fields: Fields = {}
    for name in PARTS:
        fields.update(report_part(name, start, end, now, memo))
    return assemble(first, fields, now)
