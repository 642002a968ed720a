"""The window's language: chosen in Preferences (English, French or the system's),
remembered in QSettings because it is needed before any store is open.

Applying it sets the language layer (every ``t()`` call), Qt's default locale (dates,
numbers and text direction of Qt's own widgets) and Qt's translations of its own dialogs
(the standard buttons, the file dialog).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from returnsdesk.domain import i18n
from returnsdesk.domain.i18n import t

if TYPE_CHECKING:
    from returnsdesk.ui.main_window import MainWindow

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


def follow_language_choice(window: MainWindow) -> bool:
    """After Preferences saved: when the chosen window language differs from the one shown,
    rebuild the main window in it (with its open cases), but only once the old window agreed
    to close (its unsaved-edits questions). When the user keeps the old window, say that the
    language applies at the next start. True when the window was rebuilt."""
    wanted = resolve(chosen())
    if wanted == i18n.current_language():
        return False
    if not window.agree_to_close():
        QMessageBox.information(
            window,
            t("Language"),
            t(
                "The window keeps its language so that your unsaved changes stay as they are. "
                "The language you chose applies the next time ReturnsDesk starts."
            ),
        )
        return False
    from returnsdesk.ui.app import replace_main_window

    reopen = window.open_case_ids()
    app = QApplication.instance()
    if isinstance(app, QApplication):  # always, with a window on screen
        apply(app, wanted)
    window.safekeeping.skip_quit_backup = True
    replace_main_window(window, reopen)
    return True


def apply(app: QApplication, lang: str) -> None:
    i18n.set_language(lang)
    locale = (
        QLocale(QLocale.Language.French, QLocale.Country.France)
        if lang == "fr"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    QLocale.setDefault(locale)
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang != "en" and translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)
