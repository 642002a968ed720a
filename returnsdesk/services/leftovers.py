"""Leftovers: temporary files a killed or crashed process never finished.

Every temporary name the app writes carries the writer's process id
(``in-<pid>-…``, ``.partial-<pid>-…``). A leftover is one whose process no
longer runs, or one nobody has touched for ``STALE_AFTER`` — a copy in progress
in another process keeps touching its file, so it is never taken for a leftover.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from returnsdesk.services.clock import resolve

#: A temporary file untouched this long is a leftover even if its owner looks alive.
STALE_AFTER = timedelta(hours=6)


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # cannot tell cheaply: the age rule decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_leftover(path: Path, now: datetime | None = None) -> bool:
    """A temporary file or folder nobody is writing: its process is gone or it went stale.

    Temporary names carry the writer's process id (``…-<pid>-…``); when that process
    no longer runs, the file is a leftover at once; otherwise only when untouched for
    ``STALE_AFTER`` (a live import keeps touching its file as it writes).
    """
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return False
    if resolve(now) - modified >= STALE_AFTER:
        return True
    pid = owner_pid(path.name)
    return pid is not None and not pid_alive(pid)


def owner_pid(name: str) -> int | None:
    for part in name.lstrip(".").split("-"):
        if part.isdigit() and 0 < int(part) < 2**22:
            return int(part)
    return None
