"""Checks on a file the user picked before anything reads it."""

from __future__ import annotations

from pathlib import Path

from returnsdesk.domain.errors import InputError


def checked_size(path: Path, limit: int, what: str) -> int:
    """The size of ``path`` when it is a non-empty file of at most ``limit`` bytes; else a
    clear InputError naming the file and, for ``what`` ("an e-mail", "a label"), the limit."""
    try:
        size = path.stat().st_size
    except OSError:
        raise InputError(f"{path.name}: no such file.") from None
    if not path.is_file() or size == 0:
        raise InputError(f"{path.name}: empty or not a file.")
    if size > limit:
        raise InputError(
            f"{path.name}: {size / 1e6:,.0f} MB is too big for {what} "
            f"(at most {limit // (1024 * 1024)} MB)."
        )
    return size
