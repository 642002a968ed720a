"""Checks on a file the user picked before anything reads it."""

from __future__ import annotations

from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t


def checked_size(path: Path, limit: int, what: str) -> int:
    """The size of ``path`` when it is a non-empty file of at most ``limit`` bytes; else a
    clear InputError naming the file and, for ``what`` ("an e-mail", "a label"), the limit."""
    try:
        size = path.stat().st_size
    except OSError:
        raise InputError(t("{name}: no such file.", name=path.name)) from None
    if not path.is_file() or size == 0:
        raise InputError(t("{name}: empty or not a file.", name=path.name))
    if size > limit:
        raise InputError(
            t(
                "{name}: {size:,.0f} MB is too big for {what} (at most {limit} MB).",
                name=path.name,
                size=size / 1e6,
                what=what,
                limit=limit // (1024 * 1024),
            )
        )
    return size
