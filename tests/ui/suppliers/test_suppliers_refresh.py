"""The Suppliers area reads off the GUI thread and refreshes itself from the change bus
(issue 17): a write anywhere reaches it without a hand-wired signal; a page the window is
not showing waits until it is shown; a change it does not show is ignored."""

from __future__ import annotations

from factories import make_supplier
from PySide6.QtWidgets import QWidget

from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.supplier_view import supplier_choices
from returnsdesk.ui.operations import announce, change_bus
from returnsdesk.ui.suppliers.view import SuppliersView


def _names(view: SuppliersView) -> list[str]:
    return [view.model.summary(row).name for row in range(view.model.rowCount())]


def test_a_write_announced_on_the_bus_reloads_the_area(qtbot, store):
    make_supplier("Alpha")
    view = SuppliersView()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: _names(view) == ["Alpha"])
    make_supplier("Beta")  # written elsewhere (another dialog, the command line…)
    announce(Changes.of(Area.SUPPLIERS))
    qtbot.waitUntil(lambda: _names(view) == ["Alpha", "Beta"])
    assert view.selected_supplier_id() is not None  # a selection survives the reload


def test_a_hidden_page_reads_when_it_is_shown_again(qtbot, store):
    make_supplier("Alpha")
    window = QWidget()
    qtbot.addWidget(window)
    view = SuppliersView(window)
    window.show()
    qtbot.waitUntil(lambda: _names(view) == ["Alpha"])
    view.hide()  # the window shows another area
    make_supplier("Beta")
    with qtbot.assertNotEmitted(view.model.modelReset, wait=200):
        announce(Changes.of(Area.SUPPLIERS))
    assert _names(view) == ["Alpha"]
    view.show()
    qtbot.waitUntil(lambda: _names(view) == ["Alpha", "Beta"])


def test_a_change_the_area_does_not_show_is_ignored(qtbot, store):
    make_supplier("Alpha")
    view = SuppliersView()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded)
    with qtbot.assertNotEmitted(view.model.modelReset, wait=200):
        change_bus().changed.emit(Changes.of(Area.EVIDENCE), None)


def test_every_dialog_lists_suppliers_from_one_read(store):
    for name in ("beta", "Charlie", "Alpha"):
        make_supplier(name)
    assert [c.name for c in supplier_choices()] == ["Alpha", "beta", "Charlie"]


def test_a_case_panel_reloads_for_its_own_case_only(qtbot, store, now):
    from factories import make_case, make_order

    from returnsdesk.ui.suppliers.case_panel import CaseSupplierPanel

    supplier = make_supplier("Alpha")
    mine = make_case(now, order=make_order("#1", supplier=supplier))
    other = make_case(now, order=make_order("#2", supplier=supplier))
    panel = CaseSupplierPanel(mine.id)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.side is not None)
    with qtbot.assertNotEmitted(panel.model.modelReset, wait=200):
        announce(Changes.of(Area.CONTACTS, Area.SUPPLIERS, cases=[other.id]))
    with qtbot.waitSignal(panel.model.modelReset):
        announce(Changes.of(Area.CONTACTS, Area.SUPPLIERS, cases=[mine.id]))
    with qtbot.waitSignal(panel.model.modelReset):
        announce(Changes.of(Area.SUPPLIERS))  # a supplier saved: its name may have changed
