"""``returnsdesk label``: attach a prepaid return label file to a case, show it, remove it."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers

if TYPE_CHECKING:
    from returnsdesk.services.return_labels import LabelView
    from returnsdesk.session import Session


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "label",
        help="prepaid return labels",
        description="Attach the prepaid return label a carrier or label service issued (PDF, "
        "PNG or JPEG) to a case. `print instructions` prints it after the instructions.",
    )
    add_data_dir(parser)
    actions = parser.add_subparsers(dest="label_action", metavar="ACTION", required=True)

    put = actions.add_parser(
        "set",
        help="attach a label file to a case (replaces its current label)",
        description="Store the label file like evidence (by SHA-256) and attach it to the case. "
        "Its cost is posted to the ledger as a return label cost; its expiry date becomes a "
        "deadline of the case.",
    )
    put.add_argument("rma", metavar="RMA-NUMBER")
    put.add_argument("file", metavar="FILE")
    put.add_argument("--carrier", default="", metavar="C")
    put.add_argument("--tracking", default="", metavar="T", help="tracking number of the label")
    put.add_argument("--cost", default=None, metavar="AMOUNT", help="in the order's currency")
    put.add_argument("--expires", default=None, metavar="YYYY-MM-DD", help="last day it is valid")
    put.set_defaults(handler=run_set)

    show = actions.add_parser("show", help="show a case's current label")
    show.add_argument("rma", metavar="RMA-NUMBER")
    show.set_defaults(handler=run_show)

    remove = actions.add_parser(
        "remove", help="take the label off a case (its cost stays in the ledger)"
    )
    remove.add_argument("rma", metavar="RMA-NUMBER")
    remove.set_defaults(handler=run_remove)
    for sub in (put, show, remove):
        add_data_dir(sub)


def _session(args: argparse.Namespace) -> Session:
    from returnsdesk.session import open_session

    return open_session(paths.data_dir(getattr(args, "data_dir", None)))


def _expiry(text: str | None) -> date | None:
    from returnsdesk.domain.errors import InputError

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--expires must be a date like 2026-01-31; got {text!r}.") from None


def run_set(args: argparse.Namespace) -> int:
    from returnsdesk.domain.money import MoneyError, parse_amount
    from returnsdesk.services.cases import find_by_rma
    from returnsdesk.services.return_labels import set_label

    expires = _expiry(args.expires)
    session = _session(args)
    case = find_by_rma(args.rma)
    cost = None
    if args.cost is not None:
        try:
            from returnsdesk.services import settings

            cost = parse_amount(args.cost, case.currency, settings.shop_details().language)
        except MoneyError as exc:
            from returnsdesk.domain.errors import InputError

            raise InputError(f"--cost: {exc}") from None
    label = set_label(
        session.evidence_dir,
        case.id,
        args.file,
        carrier=args.carrier,
        tracking=args.tracking,
        cost_minor=cost,
        expires_on=expires,
    )
    print(f"{case.rma}: label {label.original_name} ({label.mime}) sha256 {label.sha256}")
    _print_details(label)
    return 0


def _print_details(label: LabelView) -> None:
    from returnsdesk.domain.money import format_money

    if label.carrier:
        print(f"  carrier: {label.carrier}")
    if label.tracking:
        print(f"  tracking: {label.tracking}")
    if label.cost_minor is not None:
        print(f"  cost: {format_money(label.cost_minor, label.currency)} (in the ledger)")
    if label.expires_on is not None:
        print(f"  expires: {label.expires_on.isoformat()}")


def run_show(args: argparse.Namespace) -> int:
    from returnsdesk.services.cases import find_by_rma
    from returnsdesk.services.return_labels import current_label

    session = _session(args)
    case = find_by_rma(args.rma)
    label = current_label(case.id, session.evidence_dir)
    if label is None:
        print(f"{case.rma}: no label.")
        return 0
    print(f"{case.rma}: label {label.original_name} ({label.mime}) sha256 {label.sha256}")
    _print_details(label)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from returnsdesk.services.cases import find_by_rma
    from returnsdesk.services.return_labels import remove_label

    _session(args)
    case = find_by_rma(args.rma)
    remove_label(case.id)
    print(f"{case.rma}: label removed.")
    return 0
