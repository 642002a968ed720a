"""Edit → Preferences… → Language (issue #13): the window's language, the documents'
default language, examples of dates and amounts, and a switch that keeps unsaved work."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from screen_text import cut_off, english_left, window_language

from returnsdesk.domain import i18n
from returnsdesk.services import settings
from returnsdesk.store.models import Case
from returnsdesk.ui import app as ui_app
from returnsdesk.ui import language
from returnsdesk.ui.main_window import MainWindow
from returnsdesk.ui.preferences.dialog import PreferencesDialog
from returnsdesk.ui.preferences.language_page import LanguagePage, language_name
from returnsdesk.ui.preferences.pages import preference_pages


@pytest.fixture
def window(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    return window


def _choose(page: LanguagePage, combo_name: str, code: str) -> None:
    combo = getattr(page, combo_name)
    combo.setCurrentIndex(combo.findData(code))


def test_the_language_page_is_in_preferences(demo_store, qtbot):
    pages = preference_pages()
    for page in pages:
        qtbot.addWidget(page)
    assert any(isinstance(page, LanguagePage) for page in pages)


def test_languages_are_named_for_both_readers():
    assert language_name("fr", "en") == "French (français)"
    assert language_name("en", "fr") == "Anglais (English)"
    assert language_name("fr", "fr") == "Français"


def test_the_examples_follow_the_chosen_languages(demo_store, qtbot):
    page = LanguagePage()
    qtbot.addWidget(page)
    _choose(page, "window_language", "fr")
    assert "1\u202f234,56\xa0€" in page.window_example.text()
    _choose(page, "window_language", "en")
    assert "1,234.56" in page.window_example.text()
    _choose(page, "documents_language", "fr")
    assert "1\u202f234,56\xa0€" in page.documents_example.text()


def test_saving_remembers_the_window_language_and_the_documents_default(demo_store, qtbot):
    page = LanguagePage()
    dialog = PreferencesDialog([page])
    qtbot.addWidget(dialog)
    _choose(page, "window_language", "fr")
    _choose(page, "documents_language", "fr")
    dialog.accept()  # saved on the writer thread; the dialog closes once it is
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert language.chosen() == "fr"
    assert settings.shop_details().language == "fr"


def test_system_language_resolves_to_french_under_a_french_locale(monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", lambda: QLocale("fr_FR"))
    assert language.resolve(language.SYSTEM) == "fr"
    monkeypatch.setattr(QLocale, "system", lambda: QLocale("de_DE"))
    assert language.resolve(language.SYSTEM) == "en"


def _pick_french(window, monkeypatch, qtbot) -> None:
    """What Edit → Preferences… → Language → Français → Save does."""

    def run(parent, page_title=None):
        page = LanguagePage()
        dialog = PreferencesDialog([page], parent)
        _choose(page, "window_language", "fr")
        dialog.accept()  # exec() returns once the write is saved and the dialog accepted
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
        return True

    monkeypatch.setattr("returnsdesk.ui.main_window.open_preferences", run)


def test_switching_rebuilds_the_window_in_french_with_its_cases(window, qtbot, monkeypatch):
    case = Case.select().first()
    window.open_case(case.id)
    _pick_french(window, monkeypatch, qtbot)
    try:
        window.edit_preferences()
        new = ui_app._windows[0]
        qtbot.addWidget(new)
        assert new is not window and not window.isVisible()
        assert i18n.current_language() == "fr"
        assert new.menuBar().actions()[0].text() == "&Fichier"
        assert new.workspace_for(case.id) is not None  # the open case came along
    finally:
        language.apply(QApplication.instance(), "en")


def test_unsaved_edits_cancelled_keep_the_old_window_and_say_when(window, monkeypatch, qtbot):
    case = Case.select().first()
    workspace = window.open_case(case.id)
    workspace.notes.setPlainText("half-written thought")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    _pick_french(window, monkeypatch, qtbot)
    ui_app._windows[:] = [window]
    window.edit_preferences()
    assert ui_app._windows == [window] and window.isVisible()
    assert i18n.current_language() == "en"  # the window did not change under the user
    assert workspace.notes.toPlainText() == "half-written thought" and workspace.is_dirty()
    assert language.chosen() == "fr"  # but the choice is kept for the next start
    assert told and "next time ReturnsDesk starts" in told[0]


def test_language_page_in_french_at_1280x720(demo_store, qtbot):
    with window_language("fr"):
        dialog = PreferencesDialog(preference_pages())
        qtbot.addWidget(dialog)
        dialog.show_page("Langue")
        dialog.resize(1280, 720)
        dialog.show()
        page = dialog.stack.currentWidget()
        assert isinstance(page, LanguagePage)
        assert english_left(page) == []
        assert cut_off(page) == []
