"""The Suppliers area and the supplier side of a case, driven like a user."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from case_waits import loaded, settle
from factories import make_case, make_order
from PySide6.QtCore import QDateTime, QTimeZone
from table_waits import answered

from returnsdesk.services.inbox import View
from returnsdesk.services.supplier_view import contacts_of_supplier
from returnsdesk.services.suppliers import summaries
from returnsdesk.store.models import Case, Supplier, SupplierContact
from returnsdesk.ui.case.workspace import CaseWorkspace
from returnsdesk.ui.operations import wait_for_writes
from returnsdesk.ui.suppliers.contact_dialogs import DecisionDialog, LogContactDialog
from returnsdesk.ui.suppliers.model import ContactLogModel, SuppliersModel
from returnsdesk.ui.suppliers.supplier_dialog import SupplierDialog
from returnsdesk.ui.suppliers.view import SuppliersView


@pytest.fixture
def shown(monkeypatch):
    messages: list[str] = []
    for module in (
        "returnsdesk.ui.suppliers.supplier_dialog",
        "returnsdesk.ui.suppliers.contact_dialogs",
    ):
        monkeypatch.setattr(f"{module}.show_error", lambda p, t, e: messages.append(str(e)))
    return messages


def _qt(moment: datetime) -> QDateTime:
    return QDateTime(moment.date(), moment.time().replace(tzinfo=None), QTimeZone.utc())


def _saved(qtbot, dialog) -> None:
    """Press Save once the dialog has read what it shows; wait until the writer is done."""
    qtbot.waitUntil(lambda: dialog.ready, timeout=5000)
    dialog.accept()
    wait_for_writes()


def test_models_pass_the_model_tester(qtmodeltester, demo_store):
    suppliers = SuppliersModel()
    suppliers.set_rows(summaries())
    assert suppliers.rowCount() == Supplier.select().count()
    qtmodeltester.check(suppliers, force_py=True)
    log = ContactLogModel()
    log.set_contacts(contacts_of_supplier(Supplier.select().first().id))
    assert log.rowCount() > 0
    qtmodeltester.check(log, force_py=True)


def test_create_a_supplier_and_refuse_a_bad_one(qtbot, store, shown):
    dialog = SupplierDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Atelier <b>Lumière</b>")
    dialog.timezone.setCurrentText("Nowhere/Atlantis")
    _saved(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(shown))
    assert "Unknown time zone" in shown[-1]
    assert Supplier.select().count() == 0
    assert dialog.save_button().isEnabled()  # refused: still open, can be saved again
    dialog.timezone.setCurrentText("Asia/Shanghai")
    assert "Asia/Shanghai" in dialog.local_time.text()
    dialog.evidence_days.set_optional(10)
    dialog.follow_up_hours.set_optional(24)
    _saved(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.saved_id is not None)
    supplier = Supplier.get()
    assert supplier.name == "Atelier <b>Lumière</b>"
    assert (supplier.evidence_days, supplier.follow_up_hours, supplier.return_days) == (
        10,
        24,
        None,
    )
    assert dialog.saved_id == supplier.id and dialog.result() == dialog.DialogCode.Accepted
    view = SuppliersView()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.details.text().startswith("Atelier <b>Lumière</b>"))
    assert view.model.rowCount() == 1


def test_claim_awaits_reply_then_needs_action_then_partial_approval(qtbot, store, now, clock):
    from returnsdesk.services import suppliers
    from returnsdesk.services.suppliers import SupplierInput
    from returnsdesk.ui.inbox.widget import InboxWidget

    supplier = suppliers.create_supplier(
        SupplierInput(name="Slow Co", timezone="Asia/Shanghai", follow_up_hours=48), now=now
    )
    case = make_case(now, order=make_order("#4100", supplier=supplier))
    Case.update(first_response_at=now, status="awaiting_supplier").where(
        Case.id == case.id
    ).execute()

    sent_at = now - timedelta(hours=1)
    workspace = CaseWorkspace(case.id)
    qtbot.addWidget(workspace)
    loaded(qtbot, workspace)
    dialog = LogContactDialog(None, case.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ready)
    assert dialog.windowTitle() == f"Log contact with Slow Co — {case.rma}"
    dialog.when.setDateTime(_qt(sent_at))
    dialog.subject.setText("Claim for #4100")
    dialog.awaiting.setText("refund decision")
    dialog.reply_due.setDateTime(_qt(sent_at + timedelta(hours=48)))
    _saved(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.logged_id is not None)
    # The panel hears the write on the change bus and reloads itself.
    panel = workspace.supplier_panel
    qtbot.waitUntil(lambda: "1 awaiting reply" in panel.summary.text())
    assert panel.model.rowCount() == 1

    inbox = InboxWidget()
    qtbot.addWidget(inbox)
    inbox.set_view(View.NEEDS_ACTION)
    answered(qtbot, inbox.model)
    assert inbox.model.total() == 0  # the claim is waiting on the supplier, not on me

    clock.advance(hours=50)
    inbox.refresh()
    answered(qtbot, inbox.model)
    assert case.id in [inbox.model.case_id(r) for r in range(inbox.model.rowCount())]
    view = SuppliersView()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded)
    awaiting = view.model.data(view.model.index(0, 3))
    assert awaiting.startswith("1 (oldest 2.1 days)") and "1 overdue" in awaiting

    decision = DecisionDialog(case.id)
    qtbot.addWidget(decision)
    qtbot.waitUntil(lambda: decision.ready)
    decision.partial.setChecked(True)
    decision.amount.setText("20.00")
    _saved(qtbot, decision)
    qtbot.waitUntil(lambda: decision.result() == decision.DialogCode.Accepted)
    settle(qtbot)
    stored = Case.get_by_id(case.id)
    assert stored.status == "approved" and stored.agreed_resolution == "partial_refund"
    assert workspace.status_label.text() == "Approved"
    top = workspace.timeline.topLevelItem(0).text(2)
    assert "Awaiting supplier → Approved" in top and "€20.00" in top
    assert SupplierContact.select().where(SupplierContact.answered_at.is_null(False)).count() == 1


def test_decision_dialog_refuses_bad_amounts(qtbot, store, now, shown):
    case = make_case(now)
    dialog = DecisionDialog(case.id)
    qtbot.addWidget(dialog)
    dialog.partial.setChecked(True)
    dialog.amount.setText("12.345")
    _saved(qtbot, dialog)
    assert "decimal place" in shown[-1]
    dialog.refused.setChecked(True)
    _saved(qtbot, dialog)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "Say why" in shown[-1]
    dialog.reject()  # the dialog's own signal still works (the choice is not named over it)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert SupplierContact.select().count() == 0


def test_contact_times_show_both_zones(store):
    from returnsdesk.ui.suppliers.times import both_times

    text = both_times(datetime(2026, 5, 1, 12, 0, tzinfo=UTC), "Asia/Shanghai")
    assert text.endswith("theirs 20:00 Fri")
