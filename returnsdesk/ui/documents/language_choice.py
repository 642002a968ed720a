"""Languages a document or a supplier's messages can be written in, named for the reader."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QInputDialog, QWidget

from returnsdesk.domain.i18n import N_, t

#: Language code → its name (shown in the window's language).
LANGUAGE_NAMES = {"en": N_("English"), "fr": N_("French")}


def language_name(code: str) -> str:
    return t(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code


def fill_languages(combo: QComboBox) -> None:
    """One item per language, its code as the item's data."""
    for code in LANGUAGE_NAMES:
        combo.addItem(language_name(code), code)


def ask_language(parent: QWidget | None, default: str, title: str) -> str | None:
    """The chosen language code, or None when the person cancels."""
    codes = list(LANGUAGE_NAMES)
    names = [language_name(code) for code in codes]
    current = codes.index(default) if default in codes else 0
    name, ok = QInputDialog.getItem(
        parent, title, t("Language of the document:"), names, current, False
    )
    if not ok:
        return None
    return codes[names.index(name)]
