"""The import dialog: file chooser → (mapping) → preview → import, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from import_data import write_shopify
from PySide6.QtWidgets import QDialog, QFileDialog

from returnsdesk.formats.importers.generic import saved_mapping
from returnsdesk.services.imports import Problem
from returnsdesk.store.models import Order
from returnsdesk.ui.imports.dialog import ImportOrdersDialog
from returnsdesk.ui.imports.mapping_dialog import ColumnMappingDialog
from returnsdesk.ui.imports.problems_model import ProblemsModel

FIXTURES = Path(__file__).resolve().parents[2] / "formats" / "fixtures"


def _choose(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def _wait_page(qtbot, dialog, page):
    qtbot.waitUntil(
        lambda: dialog.stack.currentIndex() == page and dialog.job is None, timeout=10000
    )


def test_preview_then_import_good_rows(qtbot, store, monkeypatch, qtmodeltester):
    _choose(monkeypatch, FIXTURES / "shopify_orders.csv")
    dialog = ImportOrdersDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start()
    _wait_page(qtbot, dialog, dialog.PAGE_PREVIEW)
    assert dialog.count_labels["orders"].text() == "5 new, 0 updated, 0 unchanged"
    assert dialog.count_labels["customers"].text() == "4 new, 0 updated"
    assert dialog.count_labels["suppliers"].text() == "4 new"
    assert "1 (orders left out: 1)" == dialog.count_labels["problems"].text()
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.index(0, 0).data() == "10"
    assert "2026-13-45" in dialog.problems.index(0, 2).data()
    qtmodeltester.check(dialog.problems)
    assert dialog.import_button.text() == "Import good rows"
    assert Order.select().count() == 0  # the preview was a rolled-back rehearsal
    with qtbot.waitSignal(dialog.imported, timeout=10000) as signal:
        dialog.import_button.click()
    assert signal.args[0].orders_created == 5
    _wait_page(qtbot, dialog, dialog.PAGE_DONE)
    assert Order.select().count() == 5
    assert "5 new orders" in dialog.done_label.text()


def test_import_nothing_writes_nothing(qtbot, store, monkeypatch):
    _choose(monkeypatch, FIXTURES / "woocommerce_orders.csv")
    dialog = ImportOrdersDialog()
    qtbot.addWidget(dialog)
    assert dialog.start()
    _wait_page(qtbot, dialog, dialog.PAGE_PREVIEW)
    assert dialog.import_button.text() == "Import"
    assert dialog.count_labels["orders"].text().startswith("2 new")
    dialog.nothing_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert Order.select().count() == 0


def test_no_file_chosen(qtbot, store, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    dialog = ImportOrdersDialog()
    qtbot.addWidget(dialog)
    assert dialog.start() is False


def test_cancel_while_working_closes_and_writes_nothing(qtbot, store, tmp_path, monkeypatch):
    big = write_shopify(tmp_path / "big.csv", 2000)
    _choose(monkeypatch, big)
    dialog = ImportOrdersDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start()
    with qtbot.waitSignal(dialog.rejected, timeout=10000):
        dialog.work_cancel.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=10000)
    assert Order.select().count() == 0


def test_unknown_layout_goes_through_the_mapping_dialog(qtbot, store, tmp_path, monkeypatch):
    path = tmp_path / "commandes.csv"
    path.write_text(
        "Ref;Jour;Client;Courriel;Article;Nb;PU\n"
        "A-1;01/05/2026;Zoé Martin;zoe@example.fr;Lampe;2;9,90\n"
        "A-1;01/05/2026;Zoé Martin;zoe@example.fr;Abat-jour;1;15,00\n"
        "A-2;02/05/2026;Léo Petit;leo@example.fr;Lampe;1;9,90\n",
        encoding="utf-8",
    )
    _choose(monkeypatch, path)
    choices = {
        "number": "Ref",
        "placed_at": "Jour",
        "customer_name": "Client",
        "email": "Courriel",
        "title": "Article",
        "quantity": "Nb",
        "price": "PU",
    }

    def fake_exec(self):
        for field, column in choices.items():
            combo = self.combo(field)
            combo.setCurrentIndex(combo.findData(column))
        self._currency.setText("eur")
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ColumnMappingDialog, "exec", fake_exec)
    dialog = ImportOrdersDialog()
    qtbot.addWidget(dialog)
    assert dialog.start()
    _wait_page(qtbot, dialog, dialog.PAGE_PREVIEW)
    assert dialog.count_labels["orders"].text().startswith("2 new")
    mapping = saved_mapping(dialog.table.header)
    assert mapping is not None and mapping.columns == choices and mapping.currency == "EUR"
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    order = Order.get(Order.number == "A-1")
    assert (order.store, order.total_minor, order.lines.count()) == ("csv", 3480, 2)


def test_mapping_dialog_refuses_missing_required_columns(qtbot, store):
    from returnsdesk.formats.importers.generic import guess_mapping

    header = ["Order number", "Date", "Product", "Qty"]
    dialog = ColumnMappingDialog(header, [["1", "2026-05-01", "Lamp", "1"]], guess_mapping(header))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Unit price" in dialog._error.text()


def test_problems_model(qtmodeltester):
    model = ProblemsModel([Problem(3, "No order number."), Problem(9, "Bad date", "#12")])
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.index(1, 1).data() == "#12"
