"""Command line: ``returnsdesk`` opens the window; subcommands script what the app produces.

One argparse tree. Each subcommand lives in ``returnsdesk/commands/`` and
registers itself with ``register(subparsers)``; its handler returns an exit
code. Refused input and unusable stores print one line to stderr and exit 1 —
never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from peewee import PeeweeException

from returnsdesk import paths
from returnsdesk.commands import (
    address_command,
    backup_command,
    check_command,
    customer_command,
    demo_command,
    evidence_command,
    export_command,
    import_command,
    label_command,
    mail_command,
    print_command,
    report_command,
    verdict_command,
)
from returnsdesk.domain.errors import InputError
from returnsdesk.failures import plain_message
from returnsdesk.store.db import StoreError

COMMAND_MODULES = [
    demo_command,
    import_command,
    export_command,
    evidence_command,
    print_command,
    backup_command,
    check_command,
    customer_command,
    label_command,
    address_command,
    mail_command,
    report_command,
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

        # The demo store lives as long as its window: the folder goes when the app ends.
        with tempfile.TemporaryDirectory(
            prefix="returnsdesk-demo-", ignore_cleanup_errors=True
        ) as temporary:
            folder = Path(temporary)
            build_demo_store(folder, cases=300, seed=7)
            return run_app(folder, demo=True)
    return run_app(paths.data_dir(getattr(args, "data_dir", None)), demo=False)


def _data_dir_of(args: argparse.Namespace) -> Path | None:
    try:
        return paths.data_dir(getattr(args, "data_dir", None))
    except Exception:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_gui(args)
        handler: Callable[[argparse.Namespace], int] = args.handler  # set by each command
        return handler(args)
    except KeyboardInterrupt:
        print("returnsdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        # A full disk, a read-only folder or a locked file: one plain sentence.
        message = plain_message(exc, _data_dir_of(args))
        if message is None and not isinstance(
            exc, InputError | StoreError | OSError | sqlite3.Error | PeeweeException
        ):
            raise  # a bug: the traceback is what a developer needs
        print(f"returnsdesk: error: {message or exc}", file=sys.stderr)
        return 1
    finally:
        _close_store()


def _close_store() -> None:
    """Close the store cleanly (checkpoint, no -wal left behind), whatever happened."""
    from returnsdesk.session import close_session

    # Closing after a disk-full error may fail too; the OS releases the file.
    with contextlib.suppress(Exception):
        close_session()


if __name__ == "__main__":
    sys.exit(main())
