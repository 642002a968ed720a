"""The inbox table's columns: default widths, the ones hidden until asked for, and the
header's menu that shows or hides them. Widths, order and visibility are kept with the
window layout (``MainWindow`` saves the header's state in QSettings and restores it)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from returnsdesk.domain.i18n import t
from returnsdesk.services.inbox import Column
from returnsdesk.ui.inbox.model import COLUMNS, HEADERS

#: Default widths (pixels), wide enough for the English and the French titles.
WIDTHS = {
    Column.RMA: 114,
    Column.ORDER: 64,
    Column.CUSTOMER: 130,
    Column.PRODUCT: 150,
    Column.REASON: 125,
    Column.STATUS: 125,
    Column.SUPPLIER: 150,
    Column.AMOUNT: 85,
    Column.NEXT_DUE: 115,
    Column.LAST_ACTIVITY: 130,
    Column.WAITING_ON: 80,
    Column.RISK: 100,
}
#: Shown from the header's menu: the views and the case already say who is waiting,
#: and the supplier and last activity are one click away in the case.
HIDDEN_BY_DEFAULT = (Column.SUPPLIER, Column.LAST_ACTIVITY, Column.WAITING_ON)
#: Always shown: the row must still say which case it is.
ALWAYS_SHOWN = Column.RMA


def set_up_columns(table: QTableView) -> None:
    """Default widths and visibility, movable columns and the header's show/hide menu."""
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    for index, column in enumerate(COLUMNS):
        table.setColumnWidth(index, max(WIDTHS[column], _title_width(header, column)))
        table.setColumnHidden(index, column in HIDDEN_BY_DEFAULT)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(
        lambda point: column_menu(table).exec(header.mapToGlobal(point))
    )


def restore_columns(table: QTableView, state: QByteArray | bytes) -> None:
    """Widths, order and visibility as the user left them; a column whose title no longer
    fits (the window changed language) is widened to show it."""
    header = table.horizontalHeader()
    header.restoreState(state)
    for index, column in enumerate(COLUMNS):
        if not header.isSectionHidden(index):
            needed = _title_width(header, column)
            if header.sectionSize(index) < needed:
                header.resizeSection(index, needed)


def _title_width(header: QHeaderView, column: Column) -> int:
    return header.fontMetrics().horizontalAdvance(t(HEADERS[column])) + 28  # and sort arrow


def column_menu(table: QTableView) -> QMenu:
    """A checkable action per column, in the order the columns are shown."""
    header = table.horizontalHeader()
    menu = QMenu(table)
    menu.setTitle(t("Columns"))
    for visual in range(header.count()):
        index = header.logicalIndex(visual)
        column = COLUMNS[index]
        action = QAction(t(HEADERS[column]), menu)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(index))
        action.setEnabled(column != ALWAYS_SHOWN)
        action.toggled.connect(lambda shown, i=index: _show_column(header, i, shown))
        menu.addAction(action)
    return menu


def _show_column(header: QHeaderView, index: int, shown: bool) -> None:
    header.setSectionHidden(index, not shown)
    if shown and header.sectionSize(index) < header.minimumSectionSize() * 2:
        header.resizeSection(index, WIDTHS[COLUMNS[index]])
