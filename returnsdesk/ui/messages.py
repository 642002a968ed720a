"""Showing refusals and failures to the user: the message, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.failures import plain_message

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    """Tell the user why something was refused; unexpected errors are logged in full."""
    plain = None if isinstance(error, InputError) else plain_message(error)
    if isinstance(error, InputError):
        text = str(error)
    elif plain is not None:  # a full disk, a read-only folder, a locked file
        log.log(logging.WARNING, "%s: %s", title, error)
        text = plain
    else:
        log.error("Unexpected error", exc_info=error)
        text = t("Something went wrong: {error}", error=error)
    show_warning(parent, title, text)


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    """A warning the user must read before going on (plain text, never markup)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
