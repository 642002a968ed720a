"""The return side of a case in the window: address, label, checklist, e-mails, printing."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from case_waits import loaded, settle
from factories import make_case, make_order, make_photo, make_supplier
from label_files import make_label_pdf
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.return_address import AddressChoice
from returnsdesk.services import settings
from returnsdesk.services.return_address import destination, list_addresses, save_address
from returnsdesk.services.return_labels import current_label, set_label
from returnsdesk.store.models import Evidence, SupplierContact
from returnsdesk.ui.case.address_book import AddressBookDialog
from returnsdesk.ui.case.workspace import CaseWorkspace
from returnsdesk.ui.operations import change_bus
from returnsdesk.ui.suppliers.supplier_dialog import SupplierDialog

SHOTS = Path("/tmp/shots/labels")
SUPPLIER = "service@shenzhen-lights.example"
SHOP = "bonjour@maison-lumiere.example"


def _shot(widget, name: str) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    # Buttons replaced on reload are deleted later; let that happen before the picture.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


@pytest.fixture
def case(store, now):
    settings.save_shop_details(
        settings.ShopDetails(
            name="Maison Lumière", email=SHOP, return_address="14 rue des Lilas\n69003 Lyon"
        )
    )
    supplier = make_supplier(
        "Shenzhen Lights",
        email=SUPPLIER,
        dispute_platform="AliExpress",
        return_address="Bldg 4, Bao'an\nShenzhen",
    )
    return make_case(now, order=make_order(supplier=supplier), reason=Reason.SIZE_TOO_LARGE)


def _mail(subject: str, body: str, when, **headers) -> bytes:
    message = EmailMessage()
    message["From"] = f"Shenzhen Lights <{SUPPLIER}>"
    message["To"] = SHOP
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    for key, value in headers.items():
        message[key.replace("_", "-")] = value
    message.set_content(body)
    return bytes(message)


def test_address_choice_label_and_checklist_in_the_workspace(qtbot, store, case, now, tmp_path):
    workspace = loaded(qtbot, CaseWorkspace(case.id))
    qtbot.addWidget(workspace)
    workspace.resize(1200, 860)
    panel = workspace.return_panel
    assert "14 rue des Lilas" in panel.address_text.text()  # size: back to the shop
    assert "Default:" in panel.address_why.text()
    # Choose "no return" in the combo: stored, and said so.
    none_index = next(
        i
        for i in range(panel.address_choice.count())
        if panel.address_choice.itemData(i)[0] == AddressChoice.NONE
    )
    panel.address_choice.setCurrentIndex(none_index)
    settle(qtbot)
    assert destination(case.id).choice == AddressChoice.NONE
    assert panel.address_text.text() == "Nothing to send back."
    supplier_index = next(
        i
        for i in range(panel.address_choice.count())
        if panel.address_choice.itemData(i)[0] == AddressChoice.SUPPLIER
    )
    panel.address_choice.setCurrentIndex(supplier_index)
    settle(qtbot)
    assert "Shenzhen" in panel.address_text.text()
    # A label attached: shown, with its expiry among the case's deadlines.
    set_label(
        store.evidence_dir,
        case.id,
        make_label_pdf(tmp_path / "label.pdf"),
        carrier="DHL",
        tracking="JD0123",
        cost_minor=1250,
        expires_on=now.date() + timedelta(days=20),
        now=now,
    )
    workspace.reload()
    settle(qtbot)
    assert (
        "DHL · tracking JD0123" in panel.label_text.text() and "€12.50" in panel.label_text.text()
    )
    deadline_names = [
        workspace.deadlines.topLevelItem(i).text(0)
        for i in range(workspace.deadlines.topLevelItemCount())
    ]
    assert "Return label expiry" in deadline_names
    assert "AliExpress dispute window" in deadline_names
    # Checklist: nothing ticked; attaching a file for the ruler item ticks it.
    assert panel.checklist.topLevelItem(0).checkState(0) == Qt.CheckState.Unchecked
    panel.checklist.setCurrentItem(panel.checklist.topLevelItem(0))
    assert panel.attach_for_item_files([str(make_photo(tmp_path / "ruler.jpg"))])
    settle(qtbot)
    assert panel.checklist.topLevelItem(0).checkState(0) == Qt.CheckState.Checked
    assert panel.checklist.topLevelItem(0).text(1) == "ruler.jpg"
    assert "AliExpress: 1 of 2 ticked" in panel.checklist_title.text()
    workspace.show_part(panel)
    _shot(workspace, "workspace_checklist.png")


def test_dropping_an_eml_on_a_case_logs_it_with_history_folded(qtbot, store, case, now, tmp_path):
    workspace = CaseWorkspace(case.id)
    qtbot.addWidget(workspace)
    workspace.resize(1200, 860)
    path = tmp_path / "reply.eml"
    body = (
        "Hello,\n\nPlease send a photo of the jeans laid flat with a ruler.\n\n"
        "Best regards,\nAmy\n\nOn Mon, 18 May 2026 at 09:00, Maison Lumière wrote:\n"
        "> Dear team, the customer says the jeans are too large.\n> Thank you"
    )
    path.write_bytes(_mail("Re: size claim", body, now - timedelta(hours=3), Message_ID="<r@x>"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    loaded(qtbot, workspace)
    with qtbot.waitSignal(change_bus().changed, timeout=20000):
        workspace.dropEvent(event)
    settle(qtbot)
    contact = SupplierContact.get()
    assert contact.case_id == case.id and contact.direction == "received"
    panel = workspace.supplier_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)  # the panel reloads itself
    panel.log.selectRow(0)
    view = panel.message
    assert "Please send a photo" in view.body.toPlainText()
    assert "too large" not in view.body.toPlainText()
    assert not view.quoted_button.isHidden() and view.quoted.isHidden()
    assert "(3 line" in view.quoted_button.text()
    workspace.show_part(panel)
    _shot(workspace, "workspace_imported_mail.png")
    view.quoted_button.click()
    assert not view.quoted.isHidden() and "too large" in view.quoted.toPlainText()
    _shot(workspace, "workspace_imported_mail_unfolded.png")


def test_file_menu_import_email_and_supplier_drop(qtbot, store, case, now, tmp_path):
    from returnsdesk.ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    path = tmp_path / "a.eml"
    path.write_bytes(_mail(f"About {case.rma}", "ok", now, Message_ID="<a@x>"))
    job = window.import_mail([path])
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert "found by rma" in job.report.text()
    job.report.close()
    assert SupplierContact.select().count() == 1
    # Dropped on the Suppliers area: logged on the selected supplier, case from the text.
    from returnsdesk.ui.suppliers.view import SuppliersView

    view = SuppliersView()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.log_model.rowCount() == 1)  # read off the GUI thread
    other = tmp_path / "b.eml"
    other.write_bytes(_mail("Catalogue update", "no case", now, Message_ID="<b@x>"))
    job = view.import_mail([other], report=False)
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert SupplierContact.select().count() == 2
    qtbot.waitUntil(lambda: view.log_model.rowCount() == 2)  # the view heard the change


def test_a_mail_dragged_over_suppliers_needs_a_chosen_supplier(qtbot, store, case, tmp_path):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragEnterEvent

    from returnsdesk.ui.suppliers.view import SuppliersView

    view = SuppliersView()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded)
    path = tmp_path / "c.eml"
    path.write_bytes(b"Subject: hi\r\n\r\nbody")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])

    def entered() -> bool:
        buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
        enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, keys)
        view.dragEnterEvent(enter)
        return enter.isAccepted()

    view.table.clearSelection()
    view.table.setCurrentIndex(view.table.model().index(-1, -1))
    assert view.selected_supplier_id() is None and not entered()
    view.table.selectRow(0)
    assert view.selected_supplier_id() is not None and entered()


def test_supplier_dialog_applies_a_platform_profile(qtbot, store):
    dialog = SupplierDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Spocket shop")
    dialog.profile.setCurrentIndex(dialog.profile.findData("spocket"))
    dialog.apply_profile()
    assert dialog.evidence_days.optional() == 15 and dialog.dispute_platform.text() == "Spocket"
    assert "help.spocket.co" in dialog.profile_rules.toPlainText()
    dialog.resize(1000, 560)
    _shot(dialog, "supplier_profile.png")
    dialog.accept()  # saved on the writer thread
    qtbot.waitUntil(lambda: dialog.saved_id is not None)


def test_address_book_dialog(qtbot, store, case, now, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "returnsdesk.ui.case.address_book.show_error", lambda p, t, e: shown.append(str(e))
    )
    dialog = AddressBookDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Return centre Köln")
    dialog.address.setPlainText("Hafenstr. 3\n50667 Köln")
    dialog.save()
    settle(qtbot)
    assert [a.name for a in list_addresses()] == ["Return centre Köln"]
    assert dialog.list.currentItem().text() == "Return centre Köln"  # listed and chosen
    dialog.new()
    dialog.name.setText("Empty")
    dialog.save()
    settle(qtbot)
    assert "Address" in shown[-1] and len(list_addresses()) == 1
    entry = save_address(None, "Lyon hub", "1 quai\nLyon")
    from returnsdesk.services.return_address import choose

    choose(case.id, AddressChoice.SAVED, entry.id, now=now)
    dialog.reload(entry.id)
    settle(qtbot)
    dialog.delete()
    settle(qtbot)
    assert case.rma in shown[-1] and "Lyon hub" in [a.name for a in list_addresses()]


def test_instructions_preview_switches_to_a_4x6_label(qtbot, store, case, now, tmp_path):
    from returnsdesk.ui.documents import open_instructions

    set_label(store.evidence_dir, case.id, make_label_pdf(tmp_path / "l.pdf"), now=now)
    assert current_label(case.id, store.evidence_dir) is not None
    job = open_instructions(None, case.id, "en", paper="a4", label_page="sheet")
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    preview = job.preview
    assert preview.page_count == 2
    last = preview.document.pagePointSize(1)
    assert round(last.width()) == 595
    preview.label_page.setCurrentIndex(preview.label_page.findData("4x6"))
    with qtbot.waitSignal(preview.job.finished, timeout=20000):
        pass
    size = preview.document.pagePointSize(preview.page_count - 1)
    assert (round(size.width()), round(size.height())) == (288, 432)
    _shot(preview, "preview_4x6.png")
    preview.close()
    assert Evidence.select().count() == 0  # the label is not evidence
