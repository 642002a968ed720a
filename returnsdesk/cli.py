"""Command line: ``returnsdesk`` opens the window; subcommands script what the app produces.

One argparse tree. Each subcommand lives in ``returnsdesk/commands/`` and
registers itself with ``register(subparsers)``; its handler returns an exit
code. Refused input and unusable stores print one line to stderr and exit 1 —
never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from returnsdesk import paths
from returnsdesk.commands import (
    demo_command,
    evidence_command,
    export_command,
    import_command,
    print_command,
    verdict_command,
)
from returnsdesk.domain.errors import InputError
from returnsdesk.store.db import StoreError

COMMAND_MODULES = [
    demo_command,
    import_command,
    export_command,
    evidence_command,
    print_command,
    verdict_command,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="returnsdesk",
        description="Returns, refunds, supplier claims and chargebacks for dropshippers.",
    )
    _add_data_dir(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throwaway store filled with sample data (your own store is not touched)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers, _add_data_dir)
    return parser


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"data folder (default: ${paths.ENV_DATA_DIR} or the platform's user data folder)",
    )


def _run_gui(args: argparse.Namespace) -> int:
    from returnsdesk.ui.app import run_app  # Qt is loaded only for the window

    if args.demo:
        from returnsdesk.demo import build_demo_store

        folder = Path(tempfile.mkdtemp(prefix="returnsdesk-demo-"))
        build_demo_store(folder, cases=300, seed=7)
    else:
        folder = paths.data_dir(getattr(args, "data_dir", None))
    return run_app(folder, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_gui(args)
        return args.handler(args)
    except (InputError, StoreError, OSError) as exc:
        print(f"returnsdesk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("returnsdesk: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
