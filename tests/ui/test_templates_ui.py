"""Writing a message from a template and editing templates, driven like a user."""

from __future__ import annotations

import re

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


@pytest.fixture(autouse=True)
def _shop_with_an_email(store):
    """A shop with its e-mail set: messages then miss only what the case lacks."""
    from returnsdesk.services import settings

    settings.save_shop_details(settings.ShopDetails(name="Lumen", email="shop@example.com"))


def _fill_by_hand(dialog, value: str = "42") -> None:
    """What a user does with a "[missing: …]" marker: types the value in its place."""
    dialog.body.setPlainText(re.sub(r"\[missing:[^\]]*\]", value, dialog.body.toPlainText()))


def test_claim_is_filled_copied_and_logged_as_awaiting_reply(qtbot, store, now):
    case = make_case(now)
    dialog = ComposeDialog(case.id, TemplateKey.SUPPLIER_CLAIM)
    qtbot.addWidget(dialog)
    assert "#1042" in dialog.body.toPlainText()
    assert dialog.missing.text() == "" or "[missing:" in dialog.body.toPlainText()
    _fill_by_hand(dialog)  # what the case did not have (tracking, evidence list)
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
    _fill_by_hand(dialog)
    assert not dialog.mail_and_log()
    assert shown and not opened
    assert not dialog.logged


def test_missing_fields_are_pointed_out(qtbot, store, now):
    case = make_case(now)
    dialog = ComposeDialog(case.id, TemplateKey.CUSTOMER_RETURN_INSTRUCTIONS)
    qtbot.addWidget(dialog)
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
    dialog = ComposeDialog(case.id, TemplateKey.CUSTOMER_RETURN_INSTRUCTIONS)
    qtbot.addWidget(dialog)
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
    assert dialog.mail_and_log()
    assert len(opened) == 1 and dialog.logged
    assert CaseEvent.select().where(CaseEvent.case == case.id).count() == events + 1


def test_a_french_marker_is_refused_too(qtbot, store, now, shown):
    case = make_case(now)
    dialog = ComposeDialog(case.id, TemplateKey.CUSTOMER_ACKNOWLEDGEMENT)
    qtbot.addWidget(dialog)
    dialog.body.setPlainText("Bonjour, votre numéro de retour : [manquant : numéro RMA]")
    assert not dialog.copy_and_log()
    assert shown and not dialog.logged


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
