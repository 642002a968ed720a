"""The operations layer: reads and writes off the GUI thread, one writer, one broadcast."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from returnsdesk.domain.errors import InputError
from returnsdesk.services.changes import Area, Changes
from returnsdesk.ui import operations
from returnsdesk.ui.operations import change_bus, read_op, write_op


def test_a_read_runs_off_the_gui_thread_and_answers_on_it(qtbot):
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def op() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    results: list[int] = []
    read_op(None, op, lambda value: results.append((value, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(results))
    assert results == [(42, gui)]
    assert seen["worker"] != gui


def test_a_write_broadcasts_what_it_changed_with_its_source(qtbot):
    source = QWidget()
    qtbot.addWidget(source)
    with qtbot.waitSignal(change_bus().changed) as signal:
        write_op(source, lambda: 7, changes=lambda case_id: Changes.of(cases=[case_id]))
    changes, sender = signal.args
    assert changes.touches_case(7) and not changes.touches_case(8)
    assert sender is source


def test_writes_run_one_after_another_on_one_thread(qtbot):
    threads: set[int] = set()
    inside = threading.Semaphore(1)
    overlaps: list[bool] = []

    def op() -> None:
        overlaps.append(not inside.acquire(blocking=False))
        threads.add(threading.get_ident())
        inside.release()

    done: list[int] = []
    for _ in range(5):
        write_op(None, op, changes=Changes.of(Area.LEDGER), on_done=lambda _r: done.append(1))
    qtbot.waitUntil(lambda: len(done) == 5)
    assert overlaps == [False] * 5
    assert len(threads) == 1


def test_a_refused_write_is_shown_and_broadcasts_nothing(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        operations, "show_error", lambda parent, title, error: shown.append(str(error))
    )
    broadcasts: list[object] = []
    change_bus().changed.connect(lambda changes, source: broadcasts.append(changes))

    def refuse() -> None:
        raise InputError("The amount must be positive.")

    write_op(None, refuse, changes=Changes.of(Area.LEDGER))
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["The amount must be positive."]
    assert broadcasts == []


def test_a_closed_dialog_is_not_called_back(qtbot):
    dialog = QWidget()
    release = threading.Event()
    called: list[int] = []
    job = read_op(dialog, lambda: release.wait(5) and 1, called.append)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not _valid(dialog))
    with qtbot.waitSignal(job.finished):
        release.set()
    assert called == []


def _valid(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
