"""The window's language: chosen in Preferences (English, French or the system's),
remembered in QSettings because it is needed before any store is open.

Applying it sets the language layer (every ``t()`` call), Qt's default locale (dates,
numbers and text direction of Qt's own widgets) and Qt's translations of its own dialogs
(the standard buttons, the file dialog).
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from returnsdesk.domain import i18n

SETTING = "window/language"
SYSTEM = "system"
CHOICES = ("en", "fr", SYSTEM)

_qt_translators: list[QTranslator] = []


def chosen() -> str:
    value = str(QSettings().value(SETTING, SYSTEM))
    return value if value in CHOICES else SYSTEM


def remember(choice: str) -> None:
    QSettings().setValue(SETTING, choice if choice in CHOICES else SYSTEM)


def resolve(choice: str) -> str:
    """The language a choice means on this computer ("system" → the system's, else English)."""
    if choice == SYSTEM:
        return i18n.norm_lang(QLocale.system().name())
    return i18n.norm_lang(choice)


def apply(app: QApplication, lang: str) -> None:
    i18n.set_language(lang)
    locale = QLocale(QLocale.Language.French if lang == "fr" else QLocale.Language.English)
    QLocale.setDefault(locale)
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang != "en" and translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)
