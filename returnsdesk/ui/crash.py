"""The window's safety net: an unexpected error is logged and explained, and the app goes on.

``sys.excepthook`` catches errors raised in slots and callbacks on the GUI thread;
``threading.excepthook`` those of other threads, handed over to the GUI thread by a
queued signal. The dialog says what to do and where the details were saved.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from returnsdesk.domain.i18n import t
from returnsdesk.failures import plain_message

log = logging.getLogger("returnsdesk.crash")


class ExceptionHook(QObject):
    raised = Signal(object)

    def __init__(self, log_file: Path | None, data_dir: Path | None = None) -> None:
        super().__init__()
        self.log_file = log_file
        self.data_dir = data_dir
        self.shown: list[str] = []
        self.raised.connect(self.show, Qt.ConnectionType.QueuedConnection)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self._on_gui_thread_error
        threading.excepthook = self._on_thread_error

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _on_gui_thread_error(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("Unexpected error", exc_info=(kind, error, tb))
        self.raised.emit(error)

    def _on_thread_error(self, args: threading.ExceptHookArgs) -> None:
        log.error(
            "Unexpected error in thread %s",
            getattr(args.thread, "name", "?"),
            exc_info=args.exc_value or True,
        )
        self.raised.emit(args.exc_value)

    def message(self, error: BaseException | None) -> str:
        plain = plain_message(error, self.data_dir) if error is not None else None
        if plain is not None:
            return plain
        where = (
            t("The details were saved in {path}.", path=self.log_file)
            if self.log_file is not None
            else t("The details could not be saved (the data folder cannot be written).")
        )
        return (
            t(
                "Something unexpected went wrong: {error}\n\nEverything saved before this moment "
                "is safe in the store, and ReturnsDesk keeps running. Check that what you were "
                "doing was saved; if this happens again, restart ReturnsDesk and send the log "
                "file to support.",
                error=error,
            )
            + "\n\n"
            + where
        )

    def show(self, error: BaseException | None) -> None:
        text = self.message(error)
        self.shown.append(text)
        if QApplication.instance() is None or getattr(self, "quiet", False):
            return
        crash_box(text, QApplication.activeWindow()).exec()


def crash_box(text: str, parent: QWidget | None = None) -> QMessageBox:
    """The dialog that explains an unexpected error (``text`` as the hook wrote it)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        t("ReturnsDesk: unexpected error"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
