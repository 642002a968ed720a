"""``returnsdesk report stats``: the Reports area's figures for a period, for scripts."""

from __future__ import annotations

import argparse
import json
from typing import Any

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "report",
        help="print report figures",
        description="Print the figures of the Reports area (the same as the returns summary).",
    )
    add_data_dir(parser)
    kinds = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    stats = kinds.add_parser(
        "stats",
        help="return rates, costs, supplier scorecards, satisfaction and risk signals",
        description="Orders placed and cases opened in the period, the return rate, breakdowns "
        "by reason, supplier and product (net cost per currency, in minor units in --json), "
        "supplier scorecards, satisfaction and risk signals.",
    )
    stats.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    stats.add_argument("--json", action="store_true", help="print JSON for scripts")
    stats.add_argument("--lang", choices=["en", "fr"], default="en", help="language of reasons")
    add_data_dir(stats)
    stats.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from returnsdesk.commands.print_command import _date
    from returnsdesk.services.report_json import stats_json
    from returnsdesk.services.reports import build_report, period
    from returnsdesk.session import open_session

    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    period(start, end)  # refuses an inverted period before the store is opened
    open_session(paths.data_dir(getattr(args, "data_dir", None)))
    report = build_report(start, end)
    data = stats_json(report, args.lang)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_text(data, args.lang))
    return 0


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


def _money(costs: dict[str, int]) -> str:
    from returnsdesk.domain.money import format_plain

    return ", ".join(f"{format_plain(v, c)} {c}" for c, v in costs.items()) or "—"


def _text(d: dict[str, Any], lang: str) -> str:
    """The report for a person: reasons by their label in ``lang``, never their code."""
    from returnsdesk.formats.catalogue import reason_text

    p = d["period"]
    lines = [
        f"Period {p['from']} – {p['to']}",
        f"Orders placed: {d['orders']:,} ({d['units_sold']:,} units)",
        f"Cases opened: {d['cases']:,} ({d['units_returned']:,} units)",
        f"Return rate: {_pct(d['return_rate'])} of orders, {_pct(d['unit_return_rate'])} of units",
        f"Cases closed in the period: {d['cases_closed']:,}; open today: {d['open_now']:,}",
        "Net cost: " + _money({m["currency"]: m["net_cost"] for m in d["money"]}),
        "",
        "By reason:",
    ]
    lines += [
        f"  {reason_text(r['reason'], lang):<30} {r['cases']:>6}  {_pct(r['return_rate']):>8}  "
        f"{_money(r['net_cost'])}"
        for r in d["by_reason"]
    ]
    lines.append("By supplier:")
    lines += [
        f"  {(r['supplier'] or '(none)'):<24} {r['cases']:>6}  {_pct(r['return_rate']):>8}  "
        f"{_money(r['net_cost'])}"
        for r in d["by_supplier"]
    ]
    lines.append("Supplier scorecards:")
    for s in d["suppliers"]:
        reply = s["median_days_to_first_reply"]
        lines.append(
            f"  {s['supplier']:<24} claims {s['claims_sent']}, "
            f"approved {_pct(s['approval_rate'])}, "
            f"reimbursed {_pct(s['reimbursement_rate'])}, first reply "
            f"{'—' if reply is None else f'{reply:.1f} d'}, outstanding "
            f"{_money(s['money_outstanding'])}"
        )
    sat = d["satisfaction"]
    lines.append(
        f"Satisfaction: {sat['answers']} answers"
        + (f", ease {sat['ease']:.2f}/5, outcome {sat['outcome']:.2f}/5" if sat["answers"] else "")
    )
    lines.append(f"Risk signals: {len(d['flags'])}")
    lines += [f"  {f['subject']}: {f['reason']}" for f in d["flags"][:50]]
    if len(d["flags"]) > 50:
        lines.append(f"  … and {len(d['flags']) - 50} more (use --json for all).")
    return "\n".join(lines)
