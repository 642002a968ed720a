"""Writing a message from a template and editing templates, driven like a user."""

from __future__ import annotations

import pytest
from factories import make_case
from PySide6.QtGui import QDesktopServices, QGuiApplication

from returnsdesk.domain.messages import TemplateKey
from returnsdesk.services import templates
from returnsdesk.store.models import Case, CaseEvent, Customer, SupplierContact
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


def test_claim_is_filled_copied_and_logged_as_awaiting_reply(qtbot, store, now):
    case = make_case(now)
    dialog = ComposeDialog(case.id, TemplateKey.SUPPLIER_CLAIM)
    qtbot.addWidget(dialog)
    assert "#1042" in dialog.body.toPlainText()
    assert dialog.missing.text() == "" or "[missing:" in dialog.body.toPlainText()
    assert dialog.copy_and_log()
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
    dialog = ComposeDialog(case.id, TemplateKey.CUSTOMER_ACKNOWLEDGEMENT)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert "Chloé" in dialog.body.toPlainText()
    dialog.body.setPlainText(dialog.body.toPlainText() + "\n<b>=1+1</b> 😀 مرحبا")
    assert dialog.mail_and_log()
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
    dialog = ComposeDialog(case.id, TemplateKey.DELAY_NOTICE)
    qtbot.addWidget(dialog)
    assert not dialog.mail_and_log()
    assert shown and not opened
    assert not dialog.logged


def test_missing_fields_are_pointed_out(qtbot, store, now):
    case = make_case(now)
    dialog = ComposeDialog(case.id, TemplateKey.CUSTOMER_RETURN_INSTRUCTIONS)
    qtbot.addWidget(dialog)
    assert "[missing: return label reference]" in dialog.body.toPlainText()
    assert "return label reference" in dialog.missing.text()


def test_editing_saving_and_resetting_a_template(qtbot, store, shown):
    editor = TemplateEditorDialog()
    qtbot.addWidget(editor)
    editor.template.setCurrentIndex(editor.template.findData(TemplateKey.DELAY_NOTICE.value))
    editor.language.setCurrentIndex(editor.language.findData("fr"))
    editor.subject.setText("")
    assert not editor.save()
    assert shown and not templates.is_customised(TemplateKey.DELAY_NOTICE, "fr")
    editor.subject.setText("Retard pour {rma}")
    assert editor.save()
    assert templates.get_template(TemplateKey.DELAY_NOTICE, "fr").subject == "Retard pour {rma}"
    assert editor.reset_button.isEnabled()
    editor.reset()
    assert not templates.is_customised(TemplateKey.DELAY_NOTICE, "fr")


def test_double_click_inserts_a_placeholder(qtbot, store):
    editor = TemplateEditorDialog()
    qtbot.addWidget(editor)
    editor.body.setPlainText("Hello ")
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    item = editor.placeholders.item(0)
    editor.insert_placeholder(item)
    assert editor.body.toPlainText() == "Hello {customer_name}"
