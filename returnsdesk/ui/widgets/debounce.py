"""The one debounce: run a callback once typing (or any burst of events) has paused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Debounce(QObject):
    """``trigger()`` (re)starts a single-shot timer; ``callback`` runs when it fires.

    ``flush()`` runs a pending callback now (Enter pressed, the view closing).
    """

    def __init__(self, parent: QObject, callback: Callable[[], None], msecs: int = 150) -> None:
        super().__init__(parent)
        self._callback = callback
        self._timer = QTimer(self, singleShot=True, interval=msecs)
        self._timer.timeout.connect(callback)

    def trigger(self, *_args: object) -> None:
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._callback()

    def cancel(self) -> None:
        self._timer.stop()
