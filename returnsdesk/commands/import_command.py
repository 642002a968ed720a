"""``returnsdesk import orders FILE.csv``: import a store's orders export from the command line.

Problem rows: by default the import is refused as a whole (exit 1, nothing
written) when any row cannot be used, and every problem row is listed with its
line number. ``--skip-bad-rows`` imports the good orders and lists the rest.
``--dry-run`` rehearses the import in a transaction that is rolled back and
prints what would be created and updated; its exit code is what the real run's
would be. Exit 1 whenever nothing is (or would be) imported.
"""

from __future__ import annotations

import argparse
import sys

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers

_SHOWN = 20


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import data from other programs",
        description="Import data exported from other programs.",
    )
    add_data_dir(parser)
    kinds = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    orders = kinds.add_parser(
        "orders",
        help="import a Shopify, WooCommerce or mapped CSV orders export",
        description="Import orders from a store's CSV export. Re-importing the same or an "
        "overlapping file updates what changed and duplicates nothing. Any problem row "
        "refuses the whole import unless --skip-bad-rows is given.",
    )
    add_data_dir(orders)
    orders.add_argument("file", metavar="FILE.csv", help="the orders export file")
    orders.add_argument(
        "--format",
        choices=("shopify", "woocommerce", "csv"),
        help="file layout (default: detected from the header; 'csv' uses the column "
        "mapping saved for this layout in the app)",
    )
    orders.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )
    orders.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good orders even when some rows have problems",
    )
    orders.add_argument(
        "--progress", action="store_true", help="print 'progress DONE/TOTAL' lines while writing"
    )
    parser.set_defaults(handler=run)
    orders.set_defaults(handler=run)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _numbers(label: str, numbers: list[str]) -> None:
    if numbers:
        shown = ", ".join(numbers[:_SHOWN])
        more = f" and {len(numbers) - _SHOWN:,} more" if len(numbers) > _SHOWN else ""
        print(f"  {label}: {shown}{more}")


def run(args: argparse.Namespace) -> int:
    from returnsdesk.formats.importers import parse_file
    from returnsdesk.services.imports import import_orders
    from returnsdesk.session import open_session

    open_session(paths.data_dir(getattr(args, "data_dir", None)))
    result = parse_file(args.file, args.format)
    print(
        f"Read {args.file} ({result.format}, {result.encoding}, "
        f"separator {result.delimiter!r}): {_plural(result.rows, 'row')}, "
        f"{_plural(len(result.orders), 'good order')}, "
        f"{_plural(result.duplicate_rows, 'duplicate row')} skipped."
    )
    if result.problems:
        print(f"Problem rows ({len(result.problems):,}):")
        for problem in result.problems:
            where = f"line {problem.line}"
            if problem.order_number:
                where += f" (order {problem.order_number})"
            print(f"  {where}: {problem.reason}")
    if not result.orders:
        print("Nothing to import: the file has no usable orders.", file=sys.stderr)
        return 1
    if result.problems and not args.skip_bad_rows:
        print(
            f"Refused: {_plural(result.bad_orders, 'order')} with problems, so nothing was "
            f"imported. Fix the file, or run again with --skip-bad-rows to import the "
            f"{_plural(len(result.orders), 'good order')}.",
            file=sys.stderr,
        )
        return 1

    def progress(done: int, total: int) -> None:
        if args.progress:
            print(f"progress {done}/{total}", flush=True)

    summary = import_orders(result.orders, dry_run=args.dry_run, progress=progress)
    verb = "Would import" if args.dry_run else "Imported"
    print(
        f"{verb}: orders {summary.orders_created:,} new, {summary.orders_updated:,} updated, "
        f"{summary.orders_unchanged:,} unchanged; customers {summary.customers_created:,} new, "
        f"{summary.customers_updated:,} updated; suppliers {summary.suppliers_created:,} new; "
        f"products {summary.products_created:,} new."
    )
    _numbers("new orders", summary.created_numbers)
    _numbers("updated orders", summary.updated_numbers)
    if args.dry_run:
        print("Dry run: nothing was written.")
    return 0
