"""The new-case dialog: no silent reason, and nothing cut off (issue 13, seen when tried)."""

from __future__ import annotations

import pytest
from case_waits import settle
from screen_text import cut_off

from returnsdesk.store.models import Case, Order
from returnsdesk.ui.case.new_case_dialog import NewCaseDialog


@pytest.fixture
def dialog(qtbot, demo_store, refusals):
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    order = Order.select().order_by(Order.id).first()
    dialog.order_search.setText(order.number)
    qtbot.waitUntil(lambda: dialog._order is not None, timeout=3000)
    settle(qtbot)
    return dialog


def test_the_reason_has_no_default_and_must_be_picked(qtbot, dialog, refusals):
    """Seen: the reason defaulted to "Damaged in transit" and cases were opened with it."""
    assert dialog.reason.currentIndex() == 0 and dialog.reason.currentData() == ""
    assert "reason" in dialog.preview.text()
    before = Case.select().count()
    dialog.accept()
    assert refusals == ["Choose the reason for the request."]
    assert Case.select().count() == before and dialog.created_case_id is None
    dialog.reason.setCurrentIndex(dialog.reason.findData("wrong_item"))
    settle(qtbot)
    assert "eligible" in dialog.preview.text().lower()
    dialog.accept()
    settle(qtbot)
    assert Case.get_by_id(dialog.created_case_id).reason == "wrong_item"


def test_a_typed_order_needs_a_reason_too(dialog, refusals):
    dialog.source.setCurrentIndex(1)
    dialog.m_number.setText("#TYPED-1")
    dialog.m_customer.setText("Zoë")
    dialog.m_email.setText("zoe@example.com")
    dialog.m_title.setText("Lamp")
    dialog.m_price.setText("12.50")
    before = Case.select().count()
    dialog.accept()
    assert refusals[-1] == "Choose the reason for the request."
    assert Case.select().count() == before


def test_the_order_result_and_the_quantity_column_are_not_cut_off(dialog):
    """Seen: the order line ran off the list and the quantity column was clipped."""
    results = dialog.order_results
    metrics = results.fontMetrics()
    item = results.item(0)
    width = results.viewport().width()
    assert all(metrics.horizontalAdvance(line) <= width for line in item.text().splitlines())
    assert results.visualItemRect(item).height() >= metrics.height() * 2
    assert results.horizontalScrollBar().maximum() == 0
    for row in range(dialog.lines.rowCount()):
        spin = dialog.lines.cellWidget(row, 3)
        assert dialog.lines.columnWidth(3) >= spin.sizeHint().width()
    table_width = sum(dialog.lines.columnWidth(c) for c in range(dialog.lines.columnCount()))
    assert table_width <= dialog.lines.viewport().width()
    assert cut_off(dialog) == []
