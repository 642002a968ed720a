"""The import dialog tells every area what it changed, and shows a failure the one way."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog

from returnsdesk.domain.errors import InputError
from returnsdesk.services.changes import Area
from returnsdesk.services.imports import import_orders
from returnsdesk.ui.imports import dialog as dialog_module
from returnsdesk.ui.imports.dialog import ImportOrdersDialog
from returnsdesk.ui.operations import change_bus

FIXTURES = Path(__file__).resolve().parents[2] / "formats" / "fixtures"


def _preview(qtbot, monkeypatch) -> ImportOrdersDialog:
    path = str(FIXTURES / "shopify_orders.csv")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (path, "")))
    dialog = ImportOrdersDialog()
    qtbot.addWidget(dialog)
    assert dialog.start()
    qtbot.waitUntil(
        lambda: dialog.stack.currentIndex() == dialog.PAGE_PREVIEW and dialog.job is None,
        timeout=10000,
    )
    return dialog


def test_an_import_announces_orders_suppliers_and_cases(qtbot, store, monkeypatch):
    dialog = _preview(qtbot, monkeypatch)
    with qtbot.waitSignal(change_bus().changed, timeout=10000) as signal:
        dialog.import_button.click()
    changes, source = signal.args
    assert changes.touches(Area.ORDERS) and changes.touches(Area.SUPPLIERS)
    assert changes.touches(Area.CASES) and source is dialog


def test_a_failed_import_is_shown_through_show_error(qtbot, store, monkeypatch):
    shown: list[tuple[str, BaseException]] = []
    monkeypatch.setattr(dialog_module, "show_error", lambda p, title, e: shown.append((title, e)))
    dialog = _preview(qtbot, monkeypatch)

    def broken(orders, *, dry_run=False, **kwargs):
        if dry_run:
            return import_orders(orders, dry_run=True, **kwargs)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(dialog_module, "import_orders", broken)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    title, error = shown[0]
    assert title == "Cannot import this file"
    assert isinstance(error, InputError)
    assert "nothing was changed" in str(error) and "disk on fire" in str(error)
    assert dialog.result() == QDialog.DialogCode.Rejected
