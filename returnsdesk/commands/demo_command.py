"""``returnsdesk demo``: fill a data folder with realistic sample data."""

from __future__ import annotations

import argparse
import time

from returnsdesk import paths
from returnsdesk.commands.parsers import AddDataDir, Subparsers


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="build a store full of sample data",
        description="Create a new store with sample cases, orders, supplier messages, "
        "evidence and ledger entries. The data folder must not already hold a store.",
    )
    add_data_dir(parser)
    parser.add_argument("--cases", type=int, default=300, metavar="N", help="number of cases")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from returnsdesk.demo import build_demo_store
    from returnsdesk.domain.errors import InputError

    if args.cases < 1:
        raise InputError("--cases must be at least 1.")
    folder = paths.data_dir(getattr(args, "data_dir", None))
    started = time.perf_counter()
    counts = build_demo_store(folder, cases=args.cases, seed=args.seed)
    elapsed = time.perf_counter() - started
    size = paths.database_path(folder).stat().st_size
    summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    print(f"Built {folder} in {elapsed:.1f} s ({size / 1e6:.1f} MB): {summary}")
    return 0
