"""Run ``returnsdesk`` and SIGKILL the process after it has written N orders of an import.

Used by tests/test_import_cli.py to prove a crash inside the import's open transaction
leaves nothing half-imported: ``python tests/kill_import.py N import orders FILE ...``.
The hook lives here, in the tests: the import writer is wrapped, not the product.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from returnsdesk.cli import main
from returnsdesk.services.import_writer import ImportWriter


def _kill_after(limit: int) -> None:
    written = 0

    def counted(method: Callable[..., None]) -> Callable[..., None]:
        def wrapper(*args: Any, **kwargs: Any) -> None:
            nonlocal written
            method(*args, **kwargs)
            written += 1
            if written == limit:
                os.kill(os.getpid(), signal.SIGKILL)

        return wrapper

    ImportWriter.create = counted(ImportWriter.create)  # type: ignore[method-assign]
    ImportWriter.update = counted(ImportWriter.update)  # type: ignore[method-assign]


if __name__ == "__main__":
    _kill_after(int(sys.argv[1]))
    sys.exit(main(sys.argv[2:]))
