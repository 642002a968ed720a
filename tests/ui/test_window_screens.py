"""Every screen and dialog of the main window, the inbox, the ledger, the preferences pages
and safe keeping, opened at 1280×720 in English and in French (issue #13): in French no
text is left in English and none is cut off. Each is saved as a PNG to look at
(``/tmp/shots/winmain`` unless ``RETURNSDESK_SHOTS`` says where)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from case_waits import loaded
from PySide6.QtWidgets import QMenu, QWidget
from screen_text import cut_off, english_left, window_language

from returnsdesk.services import backup
from returnsdesk.store import ledger_sql
from returnsdesk.store.inbox import Filters
from returnsdesk.store.ledger_sql import LedgerFilter
from returnsdesk.store.models import Case, LedgerEntry
from returnsdesk.ui.backup.backup_dialog import BackupDialog
from returnsdesk.ui.backup.check_dialog import CheckDialog
from returnsdesk.ui.backup.restore_dialog import RestoreDialog
from returnsdesk.ui.crash import ExceptionHook, crash_box
from returnsdesk.ui.ledger.dialogs import ExportDialog, ReverseDialog
from returnsdesk.ui.main_window import MainWindow
from returnsdesk.ui.preferences.dialog import PreferencesDialog
from returnsdesk.ui.preferences.pages import preference_pages

SHOTS = Path(os.environ.get("RETURNSDESK_SHOTS", "/tmp/shots/winmain"))
LANGS = ["en", "fr"]


def _look(widget: QWidget, name: str, lang: str, ignore: tuple[QWidget, ...] = ()) -> None:
    """Save the picture; in French, nothing left in English and nothing cut off (in the
    ignored widgets, the user's data or another area's page, neither is checked)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}_{lang}.png"))
    if lang == "fr":
        assert english_left(widget, ignore=ignore) == []
        found = Counter(cut_off(widget))
        for other in ignore:
            found -= Counter(cut_off(other))
        assert list(found) == []


def _window(qtbot, session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


AREAS = ["Inbox", "Suppliers", "Evidence", "Ledger", "Reports"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("area", AREAS)
def test_main_window_in_each_area(qtbot, demo_store, lang, area):
    """The window's own parts (navigation, menus, toolbar, status bar) in every area; the
    Inbox and Ledger pages are this area's and are checked whole."""
    from returnsdesk.domain.i18n import t

    with window_language(lang):
        window = _window(qtbot, demo_store)
        window.nav.setCurrentRow(AREAS.index(area))
        page = window.pages.currentWidget()
        assert window.nav.currentItem().text().startswith(t(area))
        mine = area in ("Inbox", "Ledger")
        ignore = (window.inbox.table,) if area == "Inbox" else ()
        if area == "Inbox":  # with a Reports drill-down's banner (its text is the report's)
            window.inbox.show_cases(Filters(statuses=("closed",)), "—")
            ignore += (window.inbox.explicit_label,)
        if area == "Ledger":
            ignore = (window.ledger.table,)
        _look(window, f"main_{area.lower()}", lang, ignore if mine else (page,))


@pytest.mark.parametrize("lang", LANGS)
def test_menus(qtbot, demo_store, lang):
    with window_language(lang):
        window = _window(qtbot, demo_store)
        menus = [m for m in window.menuBar().findChildren(QMenu) if m.title()]
        assert len(menus) == 6
        for menu in menus:
            menu.popup(window.mapToGlobal(window.rect().topLeft()))
            qtbot.waitExposed(menu)
            name = menu.title().replace("&", "").lower()
            _look(menu, f"menu_{name}", lang)
            menu.hide()
        if lang == "fr":
            assert english_left(window, ignore=(window.inbox.table,)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_open_case_in_the_window(qtbot, demo_store, lang):
    with window_language(lang):
        window = _window(qtbot, demo_store)
        case_id = LedgerEntry.select().first().case_id
        workspace = loaded(qtbot, window.open_case(case_id))
        panel = workspace.money
        workspace.lower_tabs.setCurrentWidget(panel.parentWidget().parentWidget())
        qtbot.waitUntil(panel.isVisible)
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / f"case_money_{lang}.png"))
        _look(panel, "money_panel", lang, (panel.table,))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("title", ["Language", "Backups"])
def test_preferences_pages(qtbot, demo_store, lang, title):
    from returnsdesk.domain.i18n import t

    with window_language(lang):
        dialog = PreferencesDialog(preference_pages())
        qtbot.addWidget(dialog)
        dialog.show_page(t(title))
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= 1280 and dialog.height() <= 720
        page = dialog.stack.currentWidget()
        assert page.title() == t(title)
        SHOTS.mkdir(parents=True, exist_ok=True)
        _look(dialog, f"preferences_{title.lower()}", lang, (dialog.subjects,))


@pytest.mark.parametrize("lang", LANGS)
def test_backup_dialog(qtbot, demo_store, lang):
    with window_language(lang):
        dialog = BackupDialog(demo_store.data_dir)
        qtbot.addWidget(dialog)
        dialog.show()
        with qtbot.waitSignal(dialog.backed_up, timeout=20_000):
            pass
        _look(dialog, "backup_dialog", lang, (dialog.folder_label, dialog.result_label))
        if lang == "fr":
            assert dialog.result_label.text().startswith("Sauvegardé et vérifié")


@pytest.mark.parametrize("lang", LANGS)
def test_check_dialog(qtbot, demo_store, lang):
    with window_language(lang):
        dialog = CheckDialog(demo_store.evidence_dir)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
        qtbot.waitUntil(
            lambda: (
                dialog.summary.height() >= dialog.summary.heightForWidth(dialog.summary.width()) - 1
            )
        )  # the layout has taken the new summary in
        _look(dialog, "check_dialog", lang)
        if lang == "fr":
            assert dialog.summary.text().startswith("La base est saine")


@pytest.mark.parametrize("lang", LANGS)
def test_restore_dialog(qtbot, demo_store, lang):
    backup.create_backup(demo_store.data_dir)
    with window_language(lang):
        dialog = RestoreDialog(demo_store.data_dir)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.list.count() == 1
        _look(dialog, "restore_dialog", lang, (dialog.folder_label,))
        if lang == "fr":
            assert "dossiers" in dialog.list.item(0).text()


@pytest.mark.parametrize("lang", LANGS)
def test_crash_dialog(qtbot, tmp_path, lang):
    with window_language(lang):
        hook = ExceptionHook(tmp_path / "returnsdesk.log", tmp_path)
        box = crash_box(hook.message(ValueError("boom")))
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        _look(box, "crash_dialog", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_about_and_personal_data_boxes(qtbot, demo_store, lang):
    with window_language(lang):
        window = _window(qtbot, demo_store)
        about = window.about_box()
        about.show()
        qtbot.waitExposed(about)
        _look(about, "about_box", lang)
        about.close()
        email = Case.select().first().order.customer.email
        box, _export, _erase = window.safekeeping.personal_data_box(email)
        box.show()
        qtbot.waitExposed(box)
        _look(box, "personal_data_box", lang)
        box.close()


@pytest.mark.parametrize("lang", LANGS)
def test_ledger_dialogs(qtbot, demo_store, lang):
    from datetime import date

    row = ledger_sql.rows_by_ids(ledger_sql.filtered_ids(LedgerFilter(), "date", True)[:1])[0]
    with window_language(lang):
        reverse = ReverseDialog(row, lang)
        qtbot.addWidget(reverse)
        reverse.show()
        qtbot.waitExposed(reverse)
        _look(reverse, "reverse_dialog", lang)
        export = ExportDialog(date(2026, 11, 1), date(2026, 11, 20))
        qtbot.addWidget(export)
        export.show()
        qtbot.waitExposed(export)
        _look(export, "export_dialog", lang)
