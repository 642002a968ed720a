"""``returnsdesk verdict FACTS.json|-``: the rules engine as a command (no store needed)."""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
from pathlib import Path

from returnsdesk.commands.parsers import AddDataDir, Subparsers
from returnsdesk.domain.errors import InputError

MAX_BYTES = 1_000_000


def register(subparsers: Subparsers, add_data_dir: AddDataDir) -> None:
    parser = subparsers.add_parser(
        "verdict",
        help="judge the facts of one case (JSON) and print the verdict and deadlines",
        description="Read the facts of one case as JSON (a file, or - for standard input) "
        "and print the verdict, the rules that decided it, the deadlines with their states "
        "and any warnings, as JSON. Uses no store.",
    )
    parser.add_argument("facts", metavar="FACTS.json", help="facts file, or - for stdin")
    parser.add_argument(
        "--lang", choices=("en", "fr"), default=None, help="language of the text fields"
    )
    parser.set_defaults(handler=run)


def default_language() -> str:
    """The language the app speaks by default: the user's locale, French or English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    code = locale.getlocale()[0] or ""
    return "fr" if code.lower().startswith("fr") else "en"


def _read(source: str) -> str:
    if source == "-":
        text = sys.stdin.read(MAX_BYTES + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise InputError(f"{source}: no such file.")
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{source}: not UTF-8 text.") from None
    if len(text) > MAX_BYTES:
        raise InputError(f"{source}: larger than {MAX_BYTES:,} bytes; one case's facts are small.")
    return text


def run(args: argparse.Namespace) -> int:
    from returnsdesk.domain.facts_json import judge_json

    text = _read(args.facts)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"not valid JSON: {exc}") from None
    result = judge_json(data, args.lang or default_language())
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
