"""Bad days in one plain sentence: a full disk, a read-only folder, a file another program holds.

``plain_message(error)`` recognises the operating-system and SQLite failures a
user can do something about and says what happened and what to do; anything
else returns None (a real bug: logged in full by whoever shows it). It looks
through an error's cause and context, so a rollback error raised while handling
"disk full" still reads as "the disk is full".
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from returnsdesk.domain.i18n import N_, t

DISK_FULL = N_(
    "The disk is full: nothing was saved. Free some space (or choose another folder) and try again."
)
READ_ONLY = N_(
    "The folder is read-only: nothing was saved. Check that the disk is not write-protected "
    "and that you may write to the folder, then try again."
)
NO_PERMISSION = N_(
    "Permission denied: nothing was saved. Check that you may write to the folder "
    "and the file, then try again."
)
LOCKED = N_(
    "The file is locked by another program: nothing was saved. Close the other program "
    "(or wait for it to finish) and try again."
)
IO_ERROR = N_(
    "The disk reported a read or write error: nothing was saved. Check the disk "
    "(or the USB key or network folder) and try again."
)

_BY_ERRNO = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EFBIG: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EBUSY: LOCKED,
    errno.ETXTBSY: LOCKED,
    errno.EIO: IO_ERROR,
}
#: Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL.
_BY_WINERROR = {32: LOCKED, 33: LOCKED, 112: DISK_FULL, 39: DISK_FULL}
#: SQLite's own messages (sqlite3 and peewee errors carry them as their text).
_BY_SQLITE_TEXT = [
    ("database or disk is full", DISK_FULL),
    ("attempt to write a readonly database", READ_ONLY),
    ("readonly database", READ_ONLY),
    ("database is locked", LOCKED),
    ("database table is locked", LOCKED),
    ("disk i/o error", IO_ERROR),
]


def _one(error: BaseException) -> str | None:
    winerror = getattr(error, "winerror", None)
    if winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if isinstance(error, OSError) and error.errno in _BY_ERRNO:
        return _BY_ERRNO[error.errno]
    text = str(error).lower()
    for needle, message in _BY_SQLITE_TEXT:
        if needle in text:
            return message
    return None


#: Below this much free space, a vague "I/O error" from SQLite is a full disk.
NEARLY_FULL = 1024 * 1024


def plain_message(error: BaseException, folder: Path | None = None) -> str | None:
    """The sentence for a failure the user can act on (in the window's language), or None
    for anything else.

    ``folder`` (the data folder) lets a vague SQLite "disk I/O error" — what SQLite
    reports when it cannot even grow its shared-memory file — be told apart: on a
    disk with (almost) no free space it is a full disk.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    message = None
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        message = _one(current)
        if message is not None:
            break
        current = current.__cause__ or current.__context__
    if message == IO_ERROR and folder is not None and _nearly_full(folder):
        message = DISK_FULL
    return t(message) if message is not None else None


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL
    except OSError:
        return False


def is_disk_full(error: BaseException) -> bool:
    return plain_message(error) == t(DISK_FULL)
