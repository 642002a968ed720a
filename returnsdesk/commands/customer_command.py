"""``returnsdesk customer``: a customer's personal data — export it, or anonymise them (GDPR)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers

if TYPE_CHECKING:
    from returnsdesk.session import Session


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "customer",
        help="a customer's personal data: export or anonymise (GDPR)",
        description="Export everything held about a customer (JSON and their evidence, as a "
        "zip), or anonymise them on request: name, e-mail, phone and addresses are replaced; "
        "money records and case facts are kept.",
    )
    add_data_dir(parser)
    actions = parser.add_subparsers(dest="customer_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a zip of everything held about the customer")
    add_data_dir(export)
    export.add_argument("email", metavar="EMAIL")
    export.add_argument("--out", required=True, metavar="FILE.zip")
    export.set_defaults(handler=run_export)
    anonymise = actions.add_parser(
        "anonymise",
        aliases=["anonymize"],
        help="replace the customer's personal details (keeps money records and case facts)",
    )
    add_data_dir(anonymise)
    anonymise.add_argument("email", metavar="EMAIL")
    anonymise.set_defaults(handler=run_anonymise)


def _open(args: argparse.Namespace) -> Session:
    from returnsdesk.session import open_session

    return open_session(paths.data_dir(getattr(args, "data_dir", None)))


def run_export(args: argparse.Namespace) -> int:
    from returnsdesk.domain.errors import InputError
    from returnsdesk.formats.personal_data_zip import export_personal_data

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".zip":
        raise InputError(f"--out {args.out!r}: use a file name ending in .zip.")
    session = _open(args)
    result = export_personal_data(session.evidence_dir, args.email, out.resolve())
    print(
        f"Wrote {result.path}: {result.customers} customer record(s), {result.cases} case(s), "
        f"{result.files} evidence file(s)."
    )
    return 0


def run_anonymise(args: argparse.Namespace) -> int:
    from returnsdesk.services.personal_data import anonymise

    _open(args)
    result = anonymise(args.email)
    cases = ", ".join(result.cases) if result.cases else "no cases"
    print(
        f"Anonymised {result.customers} customer record(s) ({cases}); money records and case "
        "facts were kept."
    )
    return 0
