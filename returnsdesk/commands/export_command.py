"""``returnsdesk export ledger``: the accounting export, for month-end scripts."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export data for other programs",
        description="Export data from the store to files.",
    )
    add_data_dir(parser)
    targets = parser.add_subparsers(dest="export_target", metavar="WHAT", required=True)
    ledger = targets.add_parser(
        "ledger",
        help="the refund ledger for accounting (.xlsx or .csv)",
        description="Write the ledger entries dated within the period (both ends included) "
        "to an .xlsx workbook (Ledger, Summary and Cases sheets) or a CSV file.",
    )
    add_data_dir(ledger)
    ledger.add_argument(
        "--from", dest="date_from", metavar="DATE", required=True, help="first day, YYYY-MM-DD"
    )
    ledger.add_argument(
        "--to", dest="date_to", metavar="DATE", required=True, help="last day, YYYY-MM-DD"
    )
    ledger.add_argument("--out", metavar="FILE", required=True, help="FILE.xlsx or FILE.csv")
    ledger.set_defaults(handler=run)


def _date(text: str, option: str) -> date:
    from returnsdesk.domain.errors import InputError

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option} {text!r} is not a date (use YYYY-MM-DD).") from None


def run(args: argparse.Namespace) -> int:
    from returnsdesk.formats.ledger_export import check_period, export_ledger
    from returnsdesk.session import open_session

    date_from = _date(args.date_from, "--from")
    date_to = _date(args.date_to, "--to")
    check_period(date_from, date_to)
    out = Path(args.out).expanduser()
    if out.suffix.lower() not in {".xlsx", ".csv"}:
        from returnsdesk.domain.errors import InputError

        raise InputError(f"--out {args.out!r}: use a file name ending in .xlsx or .csv.")
    open_session(paths.data_dir(getattr(args, "data_dir", None)))
    result = export_ledger(out.resolve(), date_from, date_to)
    print(f"Wrote {result.entries:,} ledger entries to {result.path}")
    return 0
