"""One window per store: the lock file in the data folder and who holds it.

The window takes the lock with Qt's ``QLockFile`` (which writes the owner's process
id on the first line); commands that must not run beside a window (restore) read
it here without Qt.
"""

from __future__ import annotations

from pathlib import Path

LOCK_NAME = "returnsdesk.lock"


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_NAME


def window_pid(data_dir: Path) -> int | None:
    """The process id of a live window holding this store, or None."""
    from returnsdesk.services.leftovers import pid_alive

    try:
        first = lock_path(data_dir).read_text(encoding="utf-8", errors="replace").split("\n")[0]
    except OSError:
        return None
    if not first.strip().isdigit():
        return None
    pid = int(first.strip())
    return pid if pid_alive(pid) else None
