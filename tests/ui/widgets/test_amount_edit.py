"""The amount field keeps Qt's widget API whole while reading numbers in its own language."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from returnsdesk.ui.widgets.amount_edit import AmountEdit


def test_amount_field_keeps_qwidget_locale_and_reads_in_its_language(qtbot):
    # The number language used to be stored as ``self.locale``, a str hiding
    # QWidget.locale(): anything asking the widget for its QLocale got a TypeError.
    field = AmountEdit("EUR", "fr")
    qtbot.addWidget(field)
    assert isinstance(field.locale(), QLocale)
    field.setText("12,34")
    assert field.value() == 1234
    assert field.number_locale == "fr"
