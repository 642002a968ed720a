"""``returnsdesk address``: where a case's parcel goes back to, and the address book."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers

if TYPE_CHECKING:
    from returnsdesk.services.return_address import ReturnDestination


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "address",
        help="return address of a case, and saved addresses",
        description="Choose where a case's parcel goes back to (the supplier, the shop, a "
        "saved warehouse or return centre, or nowhere: the customer keeps the item), and keep "
        "the book of saved addresses.",
    )
    add_data_dir(parser)
    actions = parser.add_subparsers(dest="address_action", metavar="ACTION", required=True)

    show = actions.add_parser("show", help="where a case's parcel goes, and why")
    show.add_argument("rma", metavar="RMA-NUMBER")
    show.set_defaults(handler=run_show)

    put = actions.add_parser("set", help="choose a case's return address")
    put.add_argument("rma", metavar="RMA-NUMBER")
    put.add_argument("choice", choices=["supplier", "shop", "saved", "none"])
    put.add_argument("--saved", default=None, metavar="NAME", help="the saved address's name")
    put.set_defaults(handler=run_set)

    book = actions.add_parser("list", help="list saved addresses")
    book.set_defaults(handler=run_list)

    add = actions.add_parser("add", help="add (or update) a saved address")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--address", required=True, metavar="TEXT", help="lines separated by \\n")
    add.add_argument("--notes", default="", metavar="TEXT")
    add.set_defaults(handler=run_add)
    for sub in (show, put, book, add):
        add_data_dir(sub)


def _open(args: argparse.Namespace) -> None:
    from returnsdesk.session import open_session

    open_session(paths.data_dir(getattr(args, "data_dir", None)))


def _print_destination(rma: str, where: ReturnDestination) -> None:
    from returnsdesk.services.return_address import CHOICE_TEXT, DEFAULT_WHY_TEXT

    # A chosen destination has no "why"; a default one always has.
    how = "chosen" if where.why is None else f"default: {DEFAULT_WHY_TEXT[where.why]}"
    print(f"{rma}: {CHOICE_TEXT[where.choice]} ({how})")
    for line in where.lines():
        print(f"  {line}")
    if where.needs_parcel and not where.address.strip():
        print("  (no address known: the instructions ask the customer to wait for it)")


def run_show(args: argparse.Namespace) -> int:
    from returnsdesk.services.cases import find_by_rma
    from returnsdesk.services.return_address import destination

    _open(args)
    case = find_by_rma(args.rma)
    _print_destination(case.rma, destination(case))
    return 0


def run_set(args: argparse.Namespace) -> int:
    from returnsdesk.domain.errors import InputError
    from returnsdesk.services.cases import find_by_rma
    from returnsdesk.services.return_address import choose, list_addresses

    _open(args)
    case = find_by_rma(args.rma)
    saved_id = None
    if args.choice == "saved":
        if not args.saved:
            raise InputError("Name the saved address with --saved NAME.")
        wanted = args.saved.strip().casefold()
        match = [a for a in list_addresses() if a.name.casefold() == wanted]
        if not match:
            raise InputError(f"No saved address called {args.saved!r} (see `address list`).")
        saved_id = match[0].id
    _print_destination(case.rma, choose(case.id, args.choice, saved_id))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from returnsdesk.services.return_address import list_addresses

    _open(args)
    entries = list_addresses()
    if not entries:
        print("No saved addresses.")
    for entry in entries:
        print(entry.name)
        for line in entry.address.splitlines():
            print(f"  {line}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from returnsdesk.services.return_address import list_addresses, save_address

    _open(args)
    wanted = args.name.strip().casefold()
    existing = next((a.id for a in list_addresses() if a.name.casefold() == wanted), None)
    entry = save_address(existing, args.name, args.address.replace("\\n", "\n"), args.notes)
    print(f"Saved {entry.name}.")
    return 0
