"""The inbox at 1280×720 (issue #13, seen when tried): every view tab and the important
columns visible without scrolling sideways, in English and in French; less important
columns hidden until asked for from the header's menu; widths, order and visibility kept."""

from __future__ import annotations

import pytest
from screen_text import window_language

from returnsdesk.store.inbox import Column
from returnsdesk.ui.inbox.columns import HIDDEN_BY_DEFAULT, column_menu
from returnsdesk.ui.inbox.model import COLUMNS
from returnsdesk.ui.main_window import MainWindow


def _window(qtbot, session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_tabs_and_important_columns_fit_1280x720(qtbot, demo_store, lang):
    with window_language(lang):
        window = _window(qtbot, demo_store)
        assert window.width() == 1280  # nothing forces the window wider
        inbox = window.inbox
        bar = inbox.tabs
        for index in range(bar.count()):
            assert bar.rect().contains(bar.tabRect(index)), bar.tabText(index)
        table = inbox.table
        qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=2000)
        header = table.horizontalHeader()
        shown = [COLUMNS[i] for i in range(len(COLUMNS)) if not header.isSectionHidden(i)]
        for important in (Column.RMA, Column.CUSTOMER, Column.REASON, Column.STATUS):
            assert important in shown
        for column in shown:
            index = COLUMNS.index(column)
            assert header.sectionViewportPosition(index) + header.sectionSize(index) <= (
                table.viewport().width()
            ), column


def test_less_important_columns_are_hidden_and_shown_from_the_header_menu(qtbot, demo_store):
    window = _window(qtbot, demo_store)
    header = window.inbox.table.horizontalHeader()
    supplier = COLUMNS.index(Column.SUPPLIER)
    assert all(header.isSectionHidden(COLUMNS.index(c)) for c in HIDDEN_BY_DEFAULT)
    menu = column_menu(window.inbox.table)
    actions = {action.text(): action for action in menu.actions()}
    assert all(action.isCheckable() for action in actions.values())
    assert not actions["Supplier"].isChecked()
    assert not actions["RMA"].isEnabled()  # a row must still say which case it is
    actions["Supplier"].setChecked(True)
    assert not header.isSectionHidden(supplier)
    assert header.sectionSize(supplier) > 50
    column_menu(window.inbox.table).actions()[COLUMNS.index(Column.PRODUCT)].setChecked(False)
    assert header.isSectionHidden(COLUMNS.index(Column.PRODUCT))


def test_widths_order_and_visibility_are_restored_on_start(qtbot, demo_store):
    window = _window(qtbot, demo_store)
    header = window.inbox.table.horizontalHeader()
    customer = COLUMNS.index(Column.CUSTOMER)
    header.resizeSection(customer, 222)
    header.moveSection(header.visualIndex(COLUMNS.index(Column.AMOUNT)), 0)
    header.setSectionHidden(COLUMNS.index(Column.SUPPLIER), False)
    window.close()
    again = _window(qtbot, demo_store)
    header = again.inbox.table.horizontalHeader()
    assert header.sectionSize(customer) == 222
    assert header.visualIndex(COLUMNS.index(Column.AMOUNT)) == 0
    assert not header.isSectionHidden(COLUMNS.index(Column.SUPPLIER))


def test_a_column_too_narrow_for_its_french_title_is_widened(qtbot, demo_store):
    window = _window(qtbot, demo_store)
    order = COLUMNS.index(Column.ORDER)
    window.inbox.table.horizontalHeader().resizeSection(order, 40)
    window.close()
    with window_language("fr"):
        again = _window(qtbot, demo_store)
        header = again.inbox.table.horizontalHeader()
        title = header.fontMetrics().horizontalAdvance("Commande")
        assert header.sectionSize(order) >= title + 12
