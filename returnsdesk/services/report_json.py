"""``report stats --json``: a report as plain JSON types (money in minor units per
currency), one small function per section."""

from __future__ import annotations

from typing import Any

from returnsdesk.services.report_rows import Costs, Report


def _costs_json(costs: Costs) -> dict[str, int]:
    return dict(costs)


def _round(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


def _totals_and_months(report: Report) -> dict[str, Any]:
    return {
        "money": [
            {
                "currency": m.currency,
                "paid_out": m.paid_out,
                "recovered": m.recovered,
                "net_cost": m.net,
            }
            for m in report.money
        ],
        "monthly": [
            {
                "month": m.month,
                "orders": m.orders,
                "cases": m.cases,
                "cases_closed": m.closed,
                "return_rate": _round(m.rate),
            }
            for m in report.monthly
        ],
    }


def _breakdowns(report: Report) -> dict[str, Any]:
    return {
        "by_reason": [
            {
                "reason": r.reason,
                "cases": r.cases,
                "units_returned": r.units_returned,
                "return_rate": _round(r.rate),
                "net_cost": _costs_json(r.net_cost),
            }
            for r in report.by_reason
        ],
        "by_supplier": [
            {
                "supplier": r.supplier or None,
                "cases": r.cases,
                "units_returned": r.units_returned,
                "orders": r.orders,
                "units_sold": r.units_sold,
                "return_rate": _round(r.rate),
                "net_cost": _costs_json(r.net_cost),
            }
            for r in report.by_supplier
        ],
        "by_product": [
            {
                "sku": r.sku,
                "title": r.title,
                "cases": r.cases,
                "units_returned": r.units_returned,
                "orders": r.orders,
                "units_sold": r.units_sold,
                "return_rate": _round(r.rate),
                "net_cost": _costs_json(r.net_cost),
            }
            for r in report.by_product
        ],
    }


def _resolve_and_suppliers(report: Report) -> dict[str, Any]:
    return {
        "time_to_resolve": {
            "cases_closed": report.resolve.closed,
            "median_days": _round(report.resolve.median_days, 2),
            "by_kind": [
                {"kind": k.kind, "cases_closed": k.closed, "median_days": _round(k.median_days, 2)}
                for k in report.resolve.by_kind
            ],
            "buckets": [
                {"from_day": low, "to_day": high, "cases_closed": n}
                for low, high, n in report.resolve.buckets
            ],
        },
        "suppliers": [
            {
                "supplier": s.supplier,
                "cases": s.cases,
                "claims_sent": s.claims,
                "approved": s.approved,
                "approval_rate": _round(s.approval_rate),
                "reimbursed": s.reimbursed,
                "reimbursement_rate": _round(s.reimbursement_rate),
                "median_days_to_first_reply": _round(s.median_reply_days, 2),
                "median_days_to_money": _round(s.median_money_days, 2),
                "money_outstanding": _costs_json(s.outstanding),
                "defects_by_sku": [
                    {"sku": d.sku, "reason": d.reason, "cases": d.cases} for d in s.defects
                ],
            }
            for s in report.scorecards
        ],
    }


def _satisfaction_and_flags(report: Report, lang: str) -> dict[str, Any]:
    return {
        "satisfaction": {
            "answers": report.satisfaction.answers,
            "ease": _round(report.satisfaction.ease, 2),
            "outcome": _round(report.satisfaction.outcome, 2),
            **{
                f"by_{name}": [
                    {
                        name: row.key or None,
                        "answers": row.answers,
                        "ease": _round(row.ease, 2),
                        "outcome": _round(row.outcome, 2),
                    }
                    for row in rows
                ]
                for name, rows in (
                    ("reason", report.satisfaction.by_reason),
                    ("supplier", report.satisfaction.by_supplier),
                    ("resolution", report.satisfaction.by_resolution),
                )
            },
        },
        "flags": [
            {
                "subject": f.subject,
                "kind": f.kind,
                "rule": f.flag.rule.value,
                "reason": f.reason(lang),
                "cases": len(f.case_ids),
            }
            for f in report.flags
        ],
    }


def stats_json(report: Report, lang: str = "en") -> dict[str, Any]:
    """The report as plain JSON types (money in minor units per currency)."""
    p = report.period
    return {
        "period": {"from": p.start.isoformat(), "to": p.end.isoformat()},
        "orders": report.orders,
        "units_sold": report.units_sold,
        "cases": report.cases,
        "units_returned": report.units_returned,
        "return_rate": _round(report.return_rate),
        "unit_return_rate": _round(report.unit_return_rate),
        "cases_closed": report.closed,
        "open_now": report.open_now,
        **_totals_and_months(report),
        **_breakdowns(report),
        **_resolve_and_suppliers(report),
        **_satisfaction_and_flags(report, lang),
    }
