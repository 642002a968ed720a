"""The window's one way to read and write the store without blocking the GUI thread.

Modelled on Anki's ``QueryOp`` / ``CollectionOp``:

- ``read_op(parent, op, on_done)`` runs ``op()`` (a service read returning view
  objects) on a worker and hands the result to ``on_done`` on the GUI thread.
- ``write_op(parent, op, changes=..., on_done=...)`` runs ``op()`` on the single
  writer thread, so writes never overlap, then broadcasts what changed through
  ``change_bus().changed``. Each area listens there and refreshes itself; no dialog
  needs to know which screens show what it changed.

A refusal (``InputError``) or a failure is shown through ``ui.messages.show_error``
unless the caller passes ``on_error``. Callbacks are skipped when ``parent`` was
deleted meanwhile (a closed dialog is never called back).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from returnsdesk.domain.i18n import t
from returnsdesk.services.changes import Changes
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.tasks import Job, run_task

T = TypeVar("T")


class ChangeBus(QObject):
    """Where every write's ``Changes`` is announced, with the object that caused it."""

    changed = Signal(object, object)  # Changes, the parent of the write (or None)


_bus: ChangeBus | None = None
_writer: QThreadPool | None = None


def change_bus() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus()
    return _bus


def announce(changes: Changes, source: object | None = None) -> None:
    """Tell every area about a change made outside ``write_op`` (e.g. a restore)."""
    if changes:
        change_bus().changed.emit(changes, source)


def _writer_pool() -> QThreadPool:
    global _writer
    if _writer is None:
        _writer = QThreadPool()
        _writer.setMaxThreadCount(1)  # the one writer: writes run one after another
        _writer.setExpiryTimeout(-1)
    return _writer


def _alive(parent: QObject | None) -> bool:
    return parent is None or shiboken6.isValid(parent)


def _error_handler(
    parent: QWidget | None, on_error: Callable[[Exception], None] | None
) -> Callable[[Exception], None]:
    def handle(error: Exception) -> None:
        if not _alive(parent):
            return
        if on_error is not None:
            on_error(error)
        else:
            show_error(parent, t("Could not complete this"), error)

    return handle


def read_op(
    parent: QWidget | None,
    op: Callable[[], T],
    on_done: Callable[[T], None],
    *,
    on_error: Callable[[Exception], None] | None = None,
) -> Job:
    """Run a read off the GUI thread; ``on_done(result)`` runs on the GUI thread."""

    def done(result: Any) -> None:
        if _alive(parent):
            on_done(result)

    return run_task(lambda _job: op(), done, _error_handler(parent, on_error))


def write_op(
    parent: QWidget | None,
    op: Callable[[], T],
    *,
    changes: Changes | Callable[[T], Changes],
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> Job:
    """Run a write on the one writer thread, then broadcast what it changed.

    ``changes`` is what the write touched, or a function of its result (a created
    case's id is only known afterwards). The broadcast happens even when ``parent``
    is gone: the other areas still need to know.
    """

    def done(result: Any) -> None:
        announce(changes(result) if callable(changes) else changes, parent)
        if on_done is not None and _alive(parent):
            on_done(result)

    return run_task(lambda _job: op(), done, _error_handler(parent, on_error), pool=_writer_pool())


def wait_for_writes(msecs: int = 30_000) -> bool:
    """Block until queued writes finished (closing the window, and tests)."""
    return _writer_pool().waitForDone(msecs)
