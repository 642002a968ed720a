"""Background work returns on the GUI thread, reports progress, can be cancelled."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from returnsdesk.ui.tasks import Cancelled, run_task


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    seen = {}
    worker_threads = []

    def work(job):
        worker_threads.append(threading.get_ident())
        for i in range(3):
            job.progress(i + 1, 3)
        return 42

    def on_success(result):
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is qtbot_main

    qtbot_main = QThread.currentThread()
    progress = []
    job = run_task(work, on_success=on_success, on_progress=lambda d, t: progress.append(d))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert seen == {"result": 42, "gui": True}
    assert progress == [1, 2, 3]
    assert worker_threads[0] != threading.get_ident()


def test_errors_and_cancellation_come_back_as_exceptions(qtbot):
    started = threading.Event()
    release = threading.Event()

    def work(job):
        started.set()
        release.wait(5)
        job.check()
        return "not reached"

    errors = []
    job = run_task(work, on_error=errors.append)
    assert started.wait(5)
    job.cancel()
    release.set()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert isinstance(errors[0], Cancelled)
