"""Showing refusals and failures to the user: the message, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from returnsdesk.domain.errors import InputError

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    """Tell the user why something was refused; unexpected errors are logged in full."""
    if isinstance(error, InputError):
        text = str(error)
    else:
        log.error("Unexpected error", exc_info=error)
        text = (
            parent.tr("Something went wrong: {error}").format(error=error) if parent else str(error)
        )
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
