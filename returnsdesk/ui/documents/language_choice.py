"""Ask which language a document is printed in (as ``--lang`` does on the command line)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

LANGUAGES = (("en", "English"), ("fr", "Français"))


def ask_language(parent: QWidget | None, default: str, title: str) -> str | None:
    """The chosen language code, or None when the person cancels."""
    names = [name for _, name in LANGUAGES]
    current = next((i for i, (code, _) in enumerate(LANGUAGES) if code == default), 0)
    name, ok = QInputDialog.getItem(
        parent,
        title,
        QInputDialog.tr("Language of the document:"),
        names,
        current,
        False,
    )
    if not ok:
        return None
    return next(code for code, label in LANGUAGES if label == name)
