"""Money entry in the window: the amount field shows what it understood, forms ignore an
unfocused mouse wheel, large or unusual postings ask first."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_case
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QWidget

from returnsdesk.domain.ledger import LedgerKind as K
from returnsdesk.store.models import LedgerEntry
from returnsdesk.ui.app import ensure_application
from returnsdesk.ui.ledger.money_panel import CaseMoneyPanel
from returnsdesk.ui.operations import change_bus
from returnsdesk.ui.widgets.amount_edit import AmountEdit

SHOTS = Path("/tmp/shots/money")


@pytest.mark.parametrize(
    "typed, locale, shown",
    [
        ("12,34", "en", "Understood: €12.34 — twelve euros and 34/100"),
        ("1,234", "en", "Understood: €1,234.00 — one thousand, two hundred and thirty-four"),
        ("12,34", "fr", "Understood: 12,34\xa0€ — douze euros et 34/100"),
        ("1,234", "fr", "EUR amounts have 2 decimal place(s) at most"),
        ("1,2,3", "en", "grouped by three"),
        ("$12", "en", "names another currency"),
    ],
)
def test_amount_field_says_what_it_understood_as_you_type(qtbot, typed, locale, shown):
    field = AmountEdit("EUR", locale)
    qtbot.addWidget(field)
    qtbot.keyClicks(field.edit, typed)
    assert shown in field.reading.text()


def _wheel(widget: QWidget) -> None:
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(widget.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_unfocused_combo_ignores_the_wheel(qtbot):
    ensure_application()  # installs the wheel guard, as the app does at start
    form = QWidget()
    layout = QFormLayout(form)
    kind, other = QComboBox(), QComboBox()
    for box in (kind, other):
        box.addItems(["Customer refund", "Replacement cost", "Return label cost"])
        layout.addRow(box)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    _wheel(kind)
    assert kind.currentIndex() == 0  # seen: a refund became a "Replacement cost"
    kind.setFocus()
    qtbot.waitUntil(kind.hasFocus)
    _wheel(kind)
    assert kind.currentIndex() == 1


@pytest.fixture
def panel(store, now, qtbot):
    case = make_case(now)  # order total €91.00, case amount €91.00
    widget = CaseMoneyPanel(case.id, locale="en")
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.view is not None)  # its money is read off the GUI thread
    return widget


def test_large_posting_asks_with_amount_and_kind_in_words(panel, qtbot):
    asked: list[str] = []
    panel.confirm = lambda text: asked.append(text) or False
    panel.kind.setCurrentIndex(panel.kind.findData(K.CUSTOMER_REFUND.value))
    panel.amount.setText("91")
    assert not panel.post()
    assert LedgerEntry.select().count() == 0
    assert "Customer refund of €91.00 (ninety-one euros and 00/100)" in asked[0]
    assert "half or more of what the customer paid" in asked[0]
    panel.confirm = lambda text: True
    with qtbot.waitSignal(change_bus().changed):
        assert panel.post()
    assert LedgerEntry.select().count() == 1


def test_small_ordinary_posting_does_not_ask(panel, qtbot):
    panel.confirm = lambda text: pytest.fail("should not ask")
    panel.kind.setCurrentIndex(panel.kind.findData(K.RETURN_LABEL_COST.value))
    panel.amount.setText("4,50")
    with qtbot.waitSignal(change_bus().changed):
        assert panel.post()
    assert LedgerEntry.get().amount_minor == 450


def test_chargeback_entry_on_a_return_case_asks(panel):
    asked: list[str] = []
    panel.confirm = lambda text: asked.append(text) or False
    panel.kind.setCurrentIndex(panel.kind.findData(K.CHARGEBACK_FEE.value))
    panel.amount.setText("15")
    assert not panel.post()
    assert "not a chargeback" in asked[0]


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("typed", ["12,34", "1,234"])
def test_screenshot_money_panel_while_typing(store, now, qtbot, locale, typed):
    case = make_case(now)
    panel = CaseMoneyPanel(case.id, locale=locale)
    qtbot.addWidget(panel)
    panel.resize(760, 620)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.view is not None)
    qtbot.keyClicks(panel.amount.edit, typed)
    assert panel.amount.reading.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = typed.replace(",", "_")
    assert panel.grab().save(str(SHOTS / f"money_panel_{locale}_{name}.png"))


def test_reversing_a_won_dispute_past_the_total_asks_for_an_override(
    store, now, qtbot, monkeypatch
):
    from datetime import date

    from PySide6.QtWidgets import QInputDialog

    from returnsdesk.services import ledger
    from returnsdesk.services.ledger import EntryInput
    from returnsdesk.store.ledger_sql import rows_by_ids
    from returnsdesk.ui.ledger import dialogs

    case = make_case(now, kind="chargeback", chargeback_due_on=date(2026, 6, 30))
    ledger.post_entry(EntryInput(case.id, K.CHARGEBACK_DEBIT, 9100, "EUR"), now=now)
    won = ledger.post_entry(EntryInput(case.id, K.CHARGEBACK_REVERSAL, 9100, "EUR"), now=now)
    ledger.post_entry(EntryInput(case.id, K.CUSTOMER_REFUND, 9100, "EUR"), now=now)
    [row] = rows_by_ids([won.id])
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(dialogs.ReverseDialog, "ask", staticmethod(lambda *a: "Bank ruling"))
    asked: list[str] = []

    def cancel(*args):
        asked.append(args[2])
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(cancel))
    assert dialogs.reverse_with_dialog(row, "en", parent)  # asked for, refused by the guard
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "needs an override" in asked[0]
    assert not LedgerEntry.select().where(LedgerEntry.reverses == won.id).exists()
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a: ("Final ruling, refund stands", True))
    )
    done: list[bool] = []
    assert dialogs.reverse_with_dialog(row, "en", parent, lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True])
    reversal = LedgerEntry.get(LedgerEntry.reverses == won.id)
    assert reversal.override_note == "Final ruling, refund stands"
