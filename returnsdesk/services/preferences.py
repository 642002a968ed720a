"""Saving Edit → Preferences…: every page's write in one transaction.

The dialog validates each page first, then hands the pages' writes here (on the
window's writer thread): either every page is saved or, when one write fails, none
of the stored ones is — a half-applied set of preferences never happens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from returnsdesk.store.db import write


def save_together(writes: Sequence[Callable[[], object]]) -> None:
    """Run ``writes`` in order inside one write transaction."""
    with write():
        for page_write in writes:
            page_write()
