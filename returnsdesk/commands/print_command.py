"""``returnsdesk print``: return instructions, returns summary and dispute packs as PDF."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "print",
        help="print documents to PDF",
        description="Write a document as a PDF file (the file is replaced atomically).",
    )
    add_data_dir(parser)
    kinds = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    instructions = kinds.add_parser("instructions", help="customer return instructions")
    instructions.add_argument("rma", metavar="RMA-NUMBER")
    instructions.add_argument(
        "--lang", choices=["en", "fr"], default=None, help="default: the customer's language"
    )
    instructions.add_argument(
        "--paper", choices=["a4", "letter"], default="a4", help="paper size (default: a4)"
    )
    instructions.add_argument(
        "--label-page",
        choices=["sheet", "4x6"],
        default="sheet",
        help="print the case's prepaid label on a page of the paper (default) or on a "
        "4x6 in label page",
    )

    summary = kinds.add_parser("summary", help="returns summary for a period")
    summary.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    summary.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    summary.add_argument(
        "--lang", choices=["en", "fr"], default=None, help="default: the shop's language"
    )

    dispute = kinds.add_parser("dispute", help="chargeback evidence pack")
    dispute.add_argument("rma", metavar="RMA-NUMBER")
    dispute.add_argument(
        "--lang", choices=["en", "fr"], default=None, help="default: the shop's language"
    )

    for sub in (instructions, summary, dispute):
        sub.add_argument("--out", required=True, metavar="FILE.pdf", help="file to write")
        add_data_dir(sub)
        sub.set_defaults(handler=run)


def _date(text: str, what: str) -> date:
    from returnsdesk.domain.errors import InputError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what} must be a date like 2026-01-31; got {text!r}.") from None


def _warn_expired_label(case_id: int, evidence_dir: Path) -> None:
    """Say so when the label printed with the instructions is past its expiry date."""
    import sys

    from returnsdesk.services.clock import utc_now
    from returnsdesk.services.return_labels import current_label

    label = current_label(case_id, evidence_dir)
    if label is not None and label.expires_on is not None and label.expires_on < utc_now().date():
        print(
            f"warning: the prepaid label expired on {label.expires_on.isoformat()}; "
            "attach a new one with `returnsdesk label set`.",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    from returnsdesk.formats.pdf.common import write_atomic
    from returnsdesk.session import open_session

    if args.document == "summary":  # check the input before touching the store
        start, end = _date(args.start, "--from"), _date(args.end, "--to")
    session = open_session(paths.data_dir(getattr(args, "data_dir", None)))
    if args.document == "instructions":
        from returnsdesk.formats.pdf.instructions import build_instructions
        from returnsdesk.services.cases import find_by_rma

        case = find_by_rma(args.rma)
        _warn_expired_label(case.id, session.evidence_dir)
        data = build_instructions(
            case.id,
            args.lang,
            evidence_dir=session.evidence_dir,
            paper=args.paper,
            label_page=args.label_page,
        )
    elif args.document == "summary":
        from returnsdesk.formats.pdf.summary import build_summary
        from returnsdesk.services.reports import period

        period(start, end)  # refuses an inverted period
        data = build_summary(start, end, args.lang)
    else:
        import sys

        from returnsdesk.formats.pdf.dispute import make_dispute_pack
        from returnsdesk.services.cases import find_by_rma

        pack = make_dispute_pack(find_by_rma(args.rma).id, session.evidence_dir, args.lang)
        data = pack.data
        for warning in pack.warnings:
            print(f"Warning: {warning}", file=sys.stderr)
    target = write_atomic(args.out, data)
    print(f"Wrote {target} ({len(data) / 1024:.0f} KB)")
    return 0
