"""The one debounce helper: a burst of triggers runs the callback once."""

from PySide6.QtCore import QObject

from returnsdesk.ui.widgets.debounce import Debounce


def test_a_burst_of_triggers_runs_once(qtbot):
    calls: list[int] = []
    owner = QObject()
    debounce = Debounce(owner, lambda: calls.append(1), msecs=20)
    for _ in range(10):
        debounce.trigger()
    qtbot.waitUntil(lambda: calls == [1])
    assert not debounce.pending


def test_flush_runs_a_pending_callback_now_and_cancel_drops_it(qtbot):
    owner = QObject()
    calls: list[int] = []
    debounce = Debounce(owner, lambda: calls.append(1), msecs=10_000)
    debounce.trigger()
    debounce.flush()
    assert calls == [1]
    debounce.flush()
    assert calls == [1]
    debounce.trigger()
    debounce.cancel()
    assert not debounce.pending and calls == [1]
