"""The main window's menus and toolbar: which command sits where, with which shortcut.

Only wiring: every action calls a method of the window (or of its Safekeeping helper).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from returnsdesk.domain.i18n import t
from returnsdesk.services.inbox import View
from returnsdesk.ui.documents import ask_period_and_open_summary, edit_shop_details
from returnsdesk.ui.inbox.widget import VIEW_TITLES

if TYPE_CHECKING:
    from returnsdesk.ui.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str | None


def add_action(
    window: MainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut = None,
    menu: QMenu | None = None,
) -> QAction:
    """An action of the window (its shortcut works anywhere in it), in ``menu`` if given."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    if menu is not None:
        menu.addAction(action)
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """Menus File, Edit, View, Case, Reports, Help, and the toolbar."""
    _file_menu(window)
    _edit_menu(window)
    _view_menu(window)
    _case_menu(window)
    reports = window.menuBar().addMenu(t("&Reports"))
    add_action(
        window, t("Returns &summary…"), lambda: ask_period_and_open_summary(window), None, reports
    )
    help_menu = window.menuBar().addMenu(t("&Help"))
    add_action(window, t("&Check the store…"), window.safekeeping.check, None, help_menu)
    add_action(window, t("&About ReturnsDesk"), window.about, None, help_menu)
    _toolbar(window)


def _file_menu(window: MainWindow) -> None:
    from returnsdesk.ui.templates.editor_dialog import TemplateEditorDialog

    menu = window.menuBar().addMenu(t("&File"))
    window.new_case_action = add_action(
        window, t("&New case…"), window.new_case, QKeySequence.StandardKey.New, menu
    )
    add_action(window, t("&Import orders…"), window.import_orders, "Ctrl+I", menu)
    add_action(window, t("Import e-&mail…"), window.import_mail, None, menu)
    add_action(window, t("&Export selected cases…"), window.export_selection, "Ctrl+E", menu)
    menu.addSeparator()
    add_action(window, t("&Shop details…"), lambda: edit_shop_details(window), None, menu)
    add_action(
        window, t("Message &templates…"), lambda: TemplateEditorDialog(window).exec(), None, menu
    )
    menu.addSeparator()
    add_action(window, t("&Back up now…"), window.safekeeping.back_up_now, None, menu)
    add_action(window, t("&Restore…"), window.safekeeping.restore, None, menu)
    menu.addSeparator()
    add_action(window, t("&Quit"), window.close, QKeySequence.StandardKey.Quit, menu)


def _edit_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(t("&Edit"))
    add_action(window, t("&Find…"), window.find_cases, QKeySequence.StandardKey.Find, menu)
    menu.addSeparator()
    add_action(
        window,
        t("&Preferences…"),
        window.edit_preferences,
        QKeySequence.StandardKey.Preferences,
        menu,
    )


def _view_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(t("&View"))
    for number, view in enumerate(View, start=1):
        add_action(
            window, t(VIEW_TITLES[view]), partial(window.show_view, view), f"Ctrl+{number}", menu
        )
    menu.addSeparator()
    window.refresh_action = add_action(
        window, t("&Refresh"), window.refresh, QKeySequence.StandardKey.Refresh, menu
    )


def _case_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(t("&Case"))
    add_action(window, t("&Open"), window.open_current, "Ctrl+O", menu)
    add_action(window, t("&Next case"), lambda: window.step_case(1), "Alt+Down", menu)
    add_action(window, t("&Previous case"), lambda: window.step_case(-1), "Alt+Up", menu)
    window.change_status_action = add_action(
        window, t("&Change status…"), window.change_status, "Ctrl+T", menu
    )
    add_action(window, t("&Close tab"), window.close_current_tab, "Ctrl+W", menu)
    menu.addSeparator()
    add_action(window, t("Print return &instructions…"), window.print_instructions, "Ctrl+P", menu)
    add_action(window, t("&Dispute evidence pack…"), window.print_dispute_pack, None, menu)
    add_action(
        window,
        t("Customer's personal &data…"),
        lambda: window.safekeeping.personal_data(window.one_target()),
        None,
        menu,
    )
    menu.addSeparator()
    add_action(window, t("Can they &return it?…"), window.open_calculator, None, menu)


def _toolbar(window: MainWindow) -> None:
    toolbar = window.addToolBar(t("Main"))
    toolbar.setObjectName("main-toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for action in (window.new_case_action, window.refresh_action, window.change_status_action):
        if action is not None:
            toolbar.addAction(action)
