"""The one way to run long work off the GUI thread.

``run_task(fn, ...)`` runs ``fn(job)`` on Qt's global thread pool. The function
may call ``job.progress(done, total)`` and check ``job.cancelled``; its return
value (or its exception) comes back to the GUI thread through the callbacks.
Database access from ``fn`` is safe: each worker thread has its own connection
to the same file, kept open from one job to the next (``session.begin_thread_work``
/ ``end_thread_work``), so a read starts with a warm page cache. The pool's threads
are therefore kept too (never expire): at most one per core, plus the writer.
"""

from __future__ import annotations

import contextlib
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

from returnsdesk.session import begin_thread_work, end_thread_work


class Cancelled(Exception):
    """Raised inside a task (by ``job.check()``) when the user cancelled it."""


class Job(QObject):
    """Handle shared by the worker and the GUI: progress out, cancellation in.

    The worker emits the private ``_``-signals; because the Job lives in the GUI
    thread, Qt queues them to the slots below, which re-emit the public signals
    on the GUI thread. Callbacks therefore never run on the worker.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()

    _progressed = Signal(int, int)
    _succeeded = Signal(object)
    _failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._progressed.connect(self._relay_progress)
        self._succeeded.connect(self._relay_success)
        self._failed.connect(self._relay_failure)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop the task here if the user cancelled it."""
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int) -> None:
        self._progressed.emit(done, total)

    @Slot(int, int)
    def _relay_progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    @Slot(object)
    def _relay_success(self, result: object) -> None:
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _relay_failure(self, error: object) -> None:
        self.failed.emit(error)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, job: Job, fn: Callable[[Job], Any]) -> None:
        super().__init__()
        self.job, self.fn = job, fn

    def run(self) -> None:
        work = begin_thread_work()
        try:
            outcome = (self.job._succeeded, self.fn(self.job))
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            exc.add_note(traceback.format_exc())
            outcome = (self.job._failed, exc)
        finally:
            end_thread_work(work)  # before the GUI hears of it: it may close the store
        self._emit(*outcome)

    @staticmethod
    def _emit(signal: SignalInstance, value: object) -> None:
        # RuntimeError: the application is shutting down, nobody is left to tell
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


_running: set[Job] = set()


def run_task(
    fn: Callable[[Job], Any],
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    *,
    pool: QThreadPool | None = None,
    job: Job | None = None,
) -> Job:
    """Start ``fn(job)`` on a worker thread; callbacks run on the GUI thread.

    ``pool`` defaults to Qt's global pool; ``ui.operations`` passes its one-thread
    writer pool so that writes run one after another. ``job`` is a fresh Job (a
    subclass carrying more for the caller), made here when not given.
    """
    if job is None:
        job = Job()
    if on_success:
        job.succeeded.connect(on_success)
    if on_error:
        job.failed.connect(on_error)
    if on_progress:
        job.progressed.connect(on_progress)
    _running.add(job)  # keep the QObject alive until the worker is done
    job.finished.connect(lambda: _running.discard(job))
    (pool or _readers()).start(_Runner(job, fn))
    return job


def _readers() -> QThreadPool:
    """Qt's global pool, whose threads stay (each keeps its connection to the store)."""
    pool = QThreadPool.globalInstance()
    if pool.expiryTimeout() >= 0:
        pool.setExpiryTimeout(-1)
    return pool
