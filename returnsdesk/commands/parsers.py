"""The two things ``cli.build_parser`` hands every command module's ``register``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, Protocol


class Subparsers(Protocol):
    """What ``ArgumentParser.add_subparsers()`` returns, as a command uses it."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


#: Adds the ``--data-dir`` option to a parser (at every level, so it may come anywhere).
AddDataDir = Callable[[argparse.ArgumentParser], None]
