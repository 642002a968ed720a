"""``returnsdesk evidence``: attach files to a case, export a supplier pack, verify the store."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers

if TYPE_CHECKING:
    from returnsdesk.session import Session


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "evidence",
        help="attach, export and verify evidence files",
        description="Attach photos, videos, screenshots and PDFs to a case, export a case's "
        "evidence as a zip for a supplier claim, or check every stored file against its hash.",
    )
    add_data_dir(parser)
    actions = parser.add_subparsers(dest="evidence_action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="attach files to a case",
        description="Copy files into the data folder (by SHA-256) and attach them to a case. "
        "Empty files and files over 500 MB are refused.",
    )
    add_data_dir(add)
    add.add_argument("rma", metavar="RMA-NUMBER")
    add.add_argument("files", metavar="FILE", nargs="+")
    add.add_argument(
        "--by",
        default="customer",
        choices=["customer", "supplier", "merchant", "carrier"],
        help="who supplied the files (default: customer)",
    )
    add.add_argument("--caption", default="", metavar="TEXT", help="caption for every file")
    add.set_defaults(handler=run_add)

    export = actions.add_parser(
        "export",
        help="zip a case's evidence with an index, for a supplier claim",
        description="Write a zip of the case's evidence with index.csv and index.txt "
        "(names, captions, capture times, SHA-256 hashes).",
    )
    add_data_dir(export)
    export.add_argument("rma", metavar="RMA-NUMBER")
    export.add_argument("--out", required=True, metavar="FILE.zip")
    export.set_defaults(handler=run_export)

    verify = actions.add_parser(
        "verify",
        help="check every stored file still matches its hash",
        description="Re-hash every stored evidence file. Exits 1 and lists missing or "
        "altered files; unreferenced files are reported but are not an error.",
    )
    add_data_dir(verify)
    verify.set_defaults(handler=run_verify)


def _session(args: argparse.Namespace) -> Session:
    from returnsdesk.session import open_session

    return open_session(paths.data_dir(getattr(args, "data_dir", None)))


def run_add(args: argparse.Namespace) -> int:
    from returnsdesk.services import evidence
    from returnsdesk.services.cases import find_by_rma

    session = _session(args)
    case = find_by_rma(args.rma)
    rows = evidence.attach_files(
        session.evidence_dir, case.id, args.files, supplied_by=args.by, caption=args.caption
    )
    for row in rows:
        file = row.file
        size = f"{file.width}×{file.height}" if file.width else "no preview"
        print(f"{case.rma}: added {row.original_name} ({file.mime}, {size}) sha256 {file.sha256}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from returnsdesk.formats.evidence_zip import export_case_evidence
    from returnsdesk.services.cases import find_by_rma

    session = _session(args)
    case = find_by_rma(args.rma)
    result = export_case_evidence(session.evidence_dir, case.id, Path(args.out))
    print(f"Wrote {result.path} ({result.files} files, {result.bytes / 1e6:.1f} MB)")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from returnsdesk.services.evidence import verify_store

    session = _session(args)
    report = verify_store(session.evidence_dir)
    for sha in report.missing:
        print(f"missing: {sha}", file=sys.stderr)
    for sha in report.mismatched:
        print(f"altered: {sha}", file=sys.stderr)
    print(
        f"Checked {report.checked} files: {len(report.missing)} missing, "
        f"{len(report.mismatched)} altered, {len(report.unreferenced)} unreferenced (kept)."
    )
    if report.partial:
        print(
            f"{len(report.partial)} partial files left by an interrupted import in "
            f"{session.evidence_dir / '.incoming'} (remove them with: returnsdesk check --repair)."
        )
    return 0 if report.ok else 1
