"""Writing a message from a template and editing templates, driven like a user."""

from __future__ import annotations

import re

import pytest
from factories import make_case
from PySide6.QtGui import QDesktopServices, QGuiApplication

from returnsdesk.domain.messages import TemplateKey
from returnsdesk.services import templates
from returnsdesk.store.models import Case, CaseEvent, Customer, SupplierContact
from returnsdesk.ui.operations import wait_for_writes
from returnsdesk.ui.templates.compose_dialog import ComposeDialog
from returnsdesk.ui.templates.editor_dialog import TemplateEditorDialog


@pytest.fixture
def shown(monkeypatch):
    messages: list[str] = []
    for module in ("compose_dialog", "editor_dialog"):
        monkeypatch.setattr(
            f"returnsdesk.ui.templates.{module}.show_error",
            lambda p, t, e: messages.append(str(e)),
        )
    return messages


@pytest.fixture(autouse=True)
def _shop_with_an_email(store):
    """A shop with its e-mail set: messages then miss only what the case lacks."""
    from returnsdesk.services import settings

    settings.save_shop_details(settings.ShopDetails(name="Lumen", email="shop@example.com"))


def _composed(qtbot, case_id: int, key: TemplateKey) -> ComposeDialog:
    """The dialog once the template, filled from the case off the GUI thread, is shown."""
    dialog = ComposeDialog(case_id, key)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.filled, timeout=5000)
    return dialog


def _logged(qtbot, dialog: ComposeDialog) -> None:
    wait_for_writes()
    qtbot.waitUntil(lambda: dialog.logged, timeout=5000)


def _fill_by_hand(dialog, value: str = "42") -> None:
    """What a user does with a "[missing: …]" marker: types the value in its place."""
    dialog.body.setPlainText(re.sub(r"\[missing:[^\]]*\]", value, dialog.body.toPlainText()))


def test_claim_is_filled_copied_and_logged_as_awaiting_reply(qtbot, store, now):
    case = make_case(now)
    dialog = _composed(qtbot, case.id, TemplateKey.SUPPLIER_CLAIM)
    assert "#1042" in dialog.body.toPlainText()
    assert dialog.missing.text() == "" or "[missing:" in dialog.body.toPlainText()
    _fill_by_hand(dialog)  # what the case did not have (tracking, evidence list)
    assert dialog.copy_and_log()
    assert dialog.copy_and_log()  # copied again while the log is on its way: logged once
    _logged(qtbot, dialog)
    clipboard = QGuiApplication.clipboard().text()
    assert clipboard.startswith(dialog.subject.text()) and "#1042" in clipboard
    contact = SupplierContact.get()
    assert contact.direction == "sent" and contact.awaiting_reply
    assert contact.body == dialog.body.toPlainText()
    assert dialog.copy_and_log()  # a second copy does not log twice
    assert SupplierContact.select().count() == 1


def test_customer_message_in_french_stops_the_first_response_clock(qtbot, store, now, monkeypatch):
    case = make_case(now)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    dialog = _composed(qtbot, case.id, TemplateKey.CUSTOMER_ACKNOWLEDGEMENT)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    qtbot.waitUntil(lambda: "Chloé" in dialog.body.toPlainText())
    dialog.body.setPlainText(dialog.body.toPlainText() + "\n<b>=1+1</b> 😀 مرحبا")
    assert dialog.mail_and_log()
    _logged(qtbot, dialog)
    assert opened and opened[0].startswith("mailto:chloe@example.com?subject=")
    assert Case.get_by_id(case.id).first_response_at is not None
    assert (
        CaseEvent.select().where(CaseEvent.text.startswith("E-mail sent to the customer")).count()
        == 1
    )


def test_hostile_recipient_address_is_refused(qtbot, store, now, shown, monkeypatch):
    case = make_case(now)
    Customer.update(email="a@b.com?bcc=evil@x.com").execute()
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    dialog = _composed(qtbot, case.id, TemplateKey.DELAY_NOTICE)
    _fill_by_hand(dialog)
    assert not dialog.mail_and_log()
    assert shown and not opened
    assert not dialog.logged


def test_missing_fields_are_pointed_out(qtbot, store, now):
    case = make_case(now)
    dialog = _composed(qtbot, case.id, TemplateKey.CUSTOMER_RETURN_INSTRUCTIONS)
    assert "[missing: return label reference]" in dialog.body.toPlainText()
    assert "return label reference" in dialog.missing.text()


def test_a_message_with_a_missing_value_is_neither_copied_nor_mailed(
    qtbot, store, now, shown, monkeypatch
):
    """Issue 13: messages never go out unfinished. While a "[missing: …]" marker is in the
    body, copying and opening the mail program are refused and nothing is logged; once the
    user has typed the value in place of the marker, both work."""
    case = make_case(now)
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    QGuiApplication.clipboard().setText("before")
    dialog = _composed(qtbot, case.id, TemplateKey.CUSTOMER_RETURN_INSTRUCTIONS)
    assert "[missing:" in dialog.body.toPlainText() and dialog.missing.text()
    assert not dialog.copy_and_log()
    assert not dialog.mail_and_log()
    assert len(shown) == 2 and "[missing: …]" in shown[-1]
    assert QGuiApplication.clipboard().text() == "before" and not opened
    assert not dialog.logged
    events = CaseEvent.select().where(CaseEvent.case == case.id).count()
    # The user types the label reference in place of the marker.
    _fill_by_hand(dialog, "LBL-778")
    assert dialog.missing.text() == ""
    assert dialog.copy_and_log()
    assert "LBL-778" in QGuiApplication.clipboard().text()
    _logged(qtbot, dialog)
    assert dialog.mail_and_log()
    wait_for_writes()
    assert len(opened) == 1 and dialog.logged
    assert CaseEvent.select().where(CaseEvent.case == case.id).count() == events + 1


def test_a_french_marker_is_refused_too(qtbot, store, now, shown):
    case = make_case(now)
    dialog = _composed(qtbot, case.id, TemplateKey.CUSTOMER_ACKNOWLEDGEMENT)
    dialog.body.setPlainText("Bonjour, votre numéro de retour : [manquant : numéro RMA]")
    assert not dialog.copy_and_log()
    assert shown and not dialog.logged


def _editor(qtbot) -> TemplateEditorDialog:
    editor = TemplateEditorDialog()
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.loaded)
    return editor


def test_editing_saving_and_resetting_a_template(qtbot, store, shown):
    editor = _editor(qtbot)
    editor.template.setCurrentIndex(editor.template.findData(TemplateKey.DELAY_NOTICE.value))
    editor.language.setCurrentIndex(editor.language.findData("fr"))
    qtbot.waitUntil(lambda: editor.loaded)
    assert editor.state.text() == "Default text" and not editor.reset_button.isEnabled()
    editor.subject.setText("")
    editor.save()
    wait_for_writes()
    qtbot.waitUntil(lambda: bool(shown))
    assert not templates.is_customised(TemplateKey.DELAY_NOTICE, "fr")
    editor.subject.setText("Retard pour {rma}")
    editor.save()
    wait_for_writes()
    qtbot.waitUntil(lambda: editor.reset_button.isEnabled())  # reloaded: the user's version
    assert templates.get_template(TemplateKey.DELAY_NOTICE, "fr").subject == "Retard pour {rma}"
    editor.reset()
    wait_for_writes()
    qtbot.waitUntil(lambda: not editor.reset_button.isEnabled())
    assert not templates.is_customised(TemplateKey.DELAY_NOTICE, "fr")
    assert editor.subject.text() != "Retard pour {rma}"  # the default is shown again


def test_closing_with_unsaved_edits_saves_them_first(qtbot, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    editor = _editor(qtbot)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Save)
    key, language = editor.template.currentData(), editor.language.currentData()
    editor.subject.setText("Edited before closing")
    editor.reject()
    wait_for_writes()
    qtbot.waitUntil(lambda: editor.result() == editor.DialogCode.Rejected)
    assert templates.get_template(key, language).subject == "Edited before closing"


def test_double_click_inserts_a_placeholder(qtbot, store):
    editor = _editor(qtbot)
    editor.body.setPlainText("Hello ")
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    item = editor.placeholders.item(0)
    editor.insert_placeholder(item)
    assert editor.body.toPlainText() == "Hello {customer_name}"
