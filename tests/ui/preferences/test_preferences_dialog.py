"""Edit → Preferences…: every page validates before any page saves, and the dialog
remembers the page it was on."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from returnsdesk.domain.errors import InputError
from returnsdesk.ui.preferences.dialog import PreferencesDialog, PreferencesPage


class _Page(PreferencesPage):
    def __init__(self, name: str, saved: list[str]) -> None:
        super().__init__()
        self.name = name
        self.saved = saved
        self.value = QLineEdit("ok")
        QVBoxLayout(self).addWidget(self.value)

    def title(self) -> str:
        return self.name

    def validate(self) -> None:
        if self.value.text() != "ok":
            raise InputError(f"{self.name}: not ok")

    def save(self) -> None:
        self.saved.append(self.name)


def test_a_refusing_page_saves_nothing_and_is_shown(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        "returnsdesk.ui.preferences.dialog.show_error", lambda p, t, e: shown.append(str(e))
    )
    saved: list[str] = []
    first, second = _Page("First", saved), _Page("Second", saved)
    dialog = PreferencesDialog([first, second])
    qtbot.addWidget(dialog)
    second.value.setText("bad")
    dialog.accept()
    assert saved == []
    assert shown == ["Second: not ok"]
    assert dialog.stack.currentWidget() is second
    second.value.setText("ok")
    dialog.accept()
    assert saved == ["First", "Second"]


def test_the_last_page_is_remembered(qtbot):
    saved: list[str] = []
    dialog = PreferencesDialog([_Page("A", saved), _Page("B", saved)])
    qtbot.addWidget(dialog)
    dialog.show_page("B")
    dialog.reject()
    again = PreferencesDialog([_Page("A", saved), _Page("B", saved)])
    qtbot.addWidget(again)
    assert again.stack.currentIndex() == 1
