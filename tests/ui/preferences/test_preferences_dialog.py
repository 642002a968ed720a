"""Edit → Preferences…: every page validates before any page saves, the pages' writes
run together on the writer thread (never on the GUI thread), the dialog closes only once
they are saved, and it remembers the page it was on."""

from __future__ import annotations

import threading

from case_waits import settle
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from returnsdesk.domain.errors import InputError
from returnsdesk.services import settings
from returnsdesk.services.changes import Area
from returnsdesk.ui.operations import change_bus
from returnsdesk.ui.preferences.dialog import PageWrite, PreferencesDialog, PreferencesPage


class _Page(PreferencesPage):
    def __init__(self, name: str, saved: list[tuple[str, bool]], refuse: str = "") -> None:
        super().__init__()
        self.name = name
        self.saved = saved
        self.refuse = refuse  # the write itself refuses (e.g. the folder went read-only)
        self.value = QLineEdit("ok")
        QVBoxLayout(self).addWidget(self.value)

    def title(self) -> str:
        return self.name

    def validate(self) -> None:
        if self.value.text() != "ok":
            raise InputError(f"{self.name}: not ok")

    def write(self) -> PageWrite:
        name, refuse, saved = self.name, self.refuse, self.saved

        def save() -> None:
            if refuse:
                raise InputError(refuse)
            settings.set_value(f"test-page-{name}", "saved")
            saved.append((name, threading.current_thread() is threading.main_thread()))

        return save


def _shown_errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        "returnsdesk.ui.preferences.dialog.show_error", lambda p, t, e: shown.append(str(e))
    )
    return shown


def test_a_refusing_page_saves_nothing_and_is_shown(qtbot, store, monkeypatch):
    shown = _shown_errors(monkeypatch)
    saved: list[tuple[str, bool]] = []
    first, second = _Page("First", saved), _Page("Second", saved)
    dialog = PreferencesDialog([first, second])
    qtbot.addWidget(dialog)
    second.value.setText("bad")
    dialog.accept()
    settle(qtbot)
    assert saved == []
    assert shown == ["Second: not ok"]
    assert dialog.stack.currentWidget() is second
    second.value.setText("ok")
    with qtbot.waitSignal(change_bus().changed) as announced:
        dialog.accept()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert saved == [("First", False), ("Second", False)]  # on the writer, not the GUI thread
    changes = announced.args[0]
    assert changes.touches(Area.SETTINGS) and changes.touches(Area.CASES)


def test_a_refused_write_keeps_the_dialog_open_with_the_reason(qtbot, store, monkeypatch):
    shown = _shown_errors(monkeypatch)
    saved: list[tuple[str, bool]] = []
    dialog = PreferencesDialog([_Page("A", saved), _Page("B", saved, refuse="B: disk full")])
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.assertNotEmitted(change_bus().changed, wait=0):
        dialog.accept()
        assert not dialog.buttons.isEnabled()  # no second save while this one runs
        qtbot.waitUntil(lambda: shown == ["B: disk full"])
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.buttons.isEnabled()
    assert saved == [("A", False)]  # A's write ran, and was rolled back with B's refusal:
    assert settings.get_value("test-page-A", None) is None  # all the pages or none


def test_every_page_saves_off_the_gui_thread_in_one_transaction(qtbot, store, monkeypatch):
    from returnsdesk.ui.preferences.pages import preference_pages

    real = settings.set_value
    writes: list[tuple[str, bool]] = []

    def set_value(key, value):
        writes.append((key, threading.current_thread() is threading.main_thread()))
        real(key, value)

    monkeypatch.setattr(settings, "set_value", set_value)
    pages = preference_pages()
    dialog = PreferencesDialog(pages)
    qtbot.addWidget(dialog)
    for page in pages:
        assert type(page).write is not PreferencesPage.write, page.title()  # each one saves
    policy = next(p for p in pages if p.title() == "Store policy")
    policy.return_days.setValue(45)  # a change: a new policy version is written
    language = next(p for p in pages if p.title() == "Language")
    language.documents_language.setCurrentIndex(language.documents_language.findData("fr"))
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert writes and not any(on_gui for _key, on_gui in writes)
    assert settings.store_policy().return_days == 45
    assert settings.shop_details().language == "fr"


def test_the_last_page_is_remembered(qtbot):
    saved: list[tuple[str, bool]] = []
    dialog = PreferencesDialog([_Page("A", saved), _Page("B", saved)])
    qtbot.addWidget(dialog)
    dialog.show_page("B")
    dialog.reject()
    again = PreferencesDialog([_Page("A", saved), _Page("B", saved)])
    qtbot.addWidget(again)
    assert again.stack.currentIndex() == 1
