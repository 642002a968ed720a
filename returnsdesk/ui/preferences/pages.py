"""The pages of Edit → Preferences…, in the order shown. An area adds its page here."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from returnsdesk.ui.preferences.dialog import PreferencesDialog, PreferencesPage


def preference_pages() -> list[PreferencesPage]:
    from returnsdesk.ui.backup.preferences_page import BackupPreferencesPage
    from returnsdesk.ui.policy.preferences_page import StorePolicyPage
    from returnsdesk.ui.preferences.language_page import LanguagePage
    from returnsdesk.ui.risk.preferences_page import RiskPreferencesPage

    return [
        StorePolicyPage(),
        LanguagePage(),
        BackupPreferencesPage(),
        RiskPreferencesPage(),
    ]


def open_preferences(parent: QWidget | None, page_title: str | None = None) -> bool:
    """Show Edit → Preferences… (optionally on one page); True when the user saved."""
    dialog = PreferencesDialog(preference_pages(), parent)
    if page_title:
        dialog.show_page(page_title)
    return dialog.exec() == PreferencesDialog.DialogCode.Accepted
