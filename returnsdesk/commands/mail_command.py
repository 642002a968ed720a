"""``returnsdesk mail import``: log saved e-mails (.eml, Outlook .msg) in the contact log."""

from __future__ import annotations

import argparse
import sys

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "mail",
        help="import saved e-mails into the supplier contact log",
        description="Log e-mails saved from a mail program (.eml; Outlook .msg) as supplier "
        "contacts: sent or received from the addresses, date with its time zone, subject, "
        "plain text with the quoted history folded; attachments become evidence of the case.",
    )
    add_data_dir(parser)
    actions = parser.add_subparsers(dest="mail_action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="log one or more saved e-mails",
        description="The case is the one given, else the one the mail replies to, else the "
        "RMA number, supplier reference or order number (#1042) found in the subject or text.",
    )
    add_data_dir(imp)
    imp.add_argument("files", metavar="FILE.eml", nargs="+")
    imp.add_argument("--case", default=None, metavar="RMA-NUMBER", help="log them on this case")
    imp.add_argument("--supplier", default=None, metavar="NAME", help="the supplier (by name)")
    imp.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    from returnsdesk.domain.errors import InputError
    from returnsdesk.formats.mail import read_mail
    from returnsdesk.services.cases import find_by_rma
    from returnsdesk.services.mail_import import describe, import_mail
    from returnsdesk.services.supplier_view import supplier_choices
    from returnsdesk.session import open_session

    session = open_session(paths.data_dir(getattr(args, "data_dir", None)))
    case_id = find_by_rma(args.case).id if args.case else None
    supplier_id = None
    if args.supplier:
        name = args.supplier.strip()
        supplier_id = next((s.id for s in supplier_choices() if s.name == name), None)
        if supplier_id is None:
            raise InputError(f"No supplier called {name!r}.")
    failures = 0
    for name in args.files:
        try:
            result = import_mail(session.evidence_dir, read_mail(name), case_id, supplier_id)
        except InputError as exc:
            print(f"{name}: not imported: {exc}", file=sys.stderr)
            failures += 1
            continue
        print(f"{name}: {describe(result)}")
        for reason in result.skipped:
            print(f"  attachment not kept: {reason}")
    return 1 if failures else 0
