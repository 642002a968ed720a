"""Chargebacks in the window: opened from a return case (linked), the notice recorded with
its due moment and zone, and "you may be paying twice" on a refunded order."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from case_waits import loaded, settle
from factories import make_case, make_order
from PySide6.QtCore import QDate, QTime

from returnsdesk.domain.ledger import LedgerKind
from returnsdesk.services import ledger
from returnsdesk.services.case_view import case_view
from returnsdesk.services.ledger import EntryInput
from returnsdesk.services.timeline import events_of
from returnsdesk.store.models import Case
from returnsdesk.ui.case.chargeback_dialog import ChargebackNoticeDialog
from returnsdesk.ui.main_window import MainWindow

SHOTS = Path("/tmp/shots/money")


def _open_from_return(qtbot, case, zone="Europe/Paris"):
    dialog = ChargebackNoticeDialog(case_view(case.id))
    qtbot.addWidget(dialog)
    assert dialog.opening
    dialog.reason.setCurrentIndex(dialog.reason.findData("credit_not_processed"))
    dialog.processor.setCurrentIndex(dialog.processor.findData("paypal"))
    dialog.due_date.setDate(QDate(2026, 6, 20))
    dialog.due_time.setTime(QTime(23, 59))
    dialog.zone.setCurrentText(zone)
    dialog.reference.setText("PP-D-77")
    dialog.accept()
    settle(qtbot)
    return dialog


def test_chargeback_opened_from_a_return_is_linked(store, now, qtbot):
    order = make_order()
    ret = make_case(now, order=order)
    dialog = _open_from_return(qtbot, ret)
    chargeback = dialog.result_case
    assert chargeback.kind == "chargeback" and chargeback.order_id == order.id
    assert chargeback.chargeback_processor == "paypal"
    assert chargeback.chargeback_due_at == datetime(2026, 6, 20, 21, 59, tzinfo=UTC)
    assert str(chargeback.chargeback_due_on) == "2026-06-20"
    assert any(chargeback.rma in e.text for e in events_of(ret.id))


def test_unknown_time_zone_is_refused_and_nothing_is_opened(store, now, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "returnsdesk.ui.case.chargeback_dialog.show_error", lambda *a: shown.append(a[2])
    )
    ret = make_case(now)
    dialog = _open_from_return(qtbot, ret, zone="Mars/Olympus")
    assert dialog.result_case is None and "Unknown time zone" in str(shown[0])
    assert Case.select().count() == 1


def test_paying_twice_warning_on_a_refunded_order(store, now, qtbot):
    order = make_order()
    ret = make_case(now, order=order)
    ledger.post_entry(
        EntryInput(ret.id, LedgerKind.CUSTOMER_REFUND, 9100, "EUR", reference="re_1"), now=now
    )
    chargeback = _open_from_return(qtbot, ret).result_case
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1200, 860)
    window.show()
    workspace = loaded(qtbot, window.open_case(chargeback.id))
    banner = workspace.paying_twice
    qtbot.waitUntil(banner.isVisible)
    assert "You may be paying twice" in banner.text.text()
    assert "€91.00" in banner.text.text() and ret.rma in banner.text.text()
    assert "re_1" in banner.text.text()
    workspace.show_part(workspace.order_cases)
    assert workspace.order_cases.tree.topLevelItem(0).text(0) == ret.rma
    assert "PayPal" in workspace.order_cases.notice.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "chargeback_paying_twice.png"))
    # The return case shows no warning but lists the chargeback.
    other = loaded(qtbot, window.open_case(ret.id))
    assert not other.paying_twice.isVisible()
    assert other.order_cases.tree.topLevelItem(0).text(0) == chargeback.rma
    # Each timeline shows the other case's events too, marked with its RMA.
    texts = [
        other.timeline.topLevelItem(i).text(2) for i in range(other.timeline.topLevelItemCount())
    ]
    assert any(t.startswith(f"[{chargeback.rma}] ") for t in texts)
    assert not any(t.startswith(f"[{ret.rma}]") for t in texts)  # its own, unmarked
    mine = [
        workspace.timeline.topLevelItem(i).text(2)
        for i in range(workspace.timeline.topLevelItemCount())
    ]
    assert any(t.startswith(f"[{ret.rma}] ") for t in mine)


def test_new_chargeback_case_asks_for_the_notice(store, now, qtbot, monkeypatch):
    from returnsdesk.ui.case.new_case_dialog import NewCaseDialog

    order = make_order()

    def fill_and_save(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("product_not_received"))
        dialog.processor.setCurrentIndex(dialog.processor.findData("shopify_payments"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ChargebackNoticeDialog, "exec", fill_and_save)
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    dialog.order_search.setText(order.number)
    qtbot.waitUntil(lambda: dialog._order is not None, timeout=3000)
    dialog.kind.setCurrentIndex(dialog.kind.findData("chargeback"))
    dialog.reason.setCurrentIndex(dialog.reason.findData("not_received"))
    dialog.chargeback_due.setDate(QDate(2026, 7, 1))
    settle(qtbot)
    dialog.accept()
    settle(qtbot)
    case = Case.get_by_id(dialog.created_case_id)
    assert case.chargeback_reason == "product_not_received"
    assert case.chargeback_processor == "shopify_payments"
    assert str(case.chargeback_due_on) == "2026-07-01"
    assert case.chargeback_due_at == datetime(2026, 7, 1, 23, 59, tzinfo=UTC)
