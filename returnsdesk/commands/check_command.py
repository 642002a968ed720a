"""``returnsdesk check``: the store health check, with ``--repair`` for safe fixes."""

from __future__ import annotations

import argparse
import sys

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check the store: database, ledger, evidence, search index",
        description="Check the database (integrity, links), the ledger's rules (reversals, "
        "refunds within order totals, totals), every evidence file against its hash, "
        "leftover and unknown files, and the search index. Exits 1 when problems remain.",
    )
    add_data_dir(parser)
    parser.add_argument(
        "--repair",
        action="store_true",
        help="remove leftover and unknown files and rebuild the search index "
        "(database or ledger damage is only reported: restore a backup)",
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from returnsdesk.services.health import check_store
    from returnsdesk.session import open_session

    session = open_session(paths.data_dir(getattr(args, "data_dir", None)))
    report = check_store(session.evidence_dir, repair=args.repair)
    if args.json:
        import json

        findings = [
            {"area": f.area.value, "text": f.text, "repairable": f.repairable}
            for f in report.findings
        ]
        print(json.dumps({"ok": report.ok, "findings": findings, "repaired": report.repaired}))
        return 0 if report.ok else 1
    for finding in report.findings:
        print(f"{finding.area.value}: {finding.text}", file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1
