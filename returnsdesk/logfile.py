"""The log file in the data folder: ``returnsdesk.log``, rotating (1 MB × 4 files).

Unexpected errors are written here in full so the user can send them; a data
folder that cannot be written (read-only, full) simply gets no log.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "returnsdesk.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3

_installed: RotatingFileHandler | None = None


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_NAME


def setup_logging(data_dir: Path) -> Path | None:
    """Send the app's log to the data folder; returns the file, or None if it cannot be written."""
    global _installed
    path = log_path(data_dir)
    root = logging.getLogger()
    if _installed is not None:
        if Path(_installed.baseFilename) == path.resolve():
            return path
        root.removeHandler(_installed)
        _installed.close()
        _installed = None
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        handler.stream = handler._open()  # fail now (read-only folder), not on the first error
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    logging.raiseExceptions = False  # a full disk must not turn logging into a new error
    _installed = handler
    return path
