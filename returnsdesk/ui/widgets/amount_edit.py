"""The one amount field: strict parsing, and what it understood shown as the user types.

Used by every money field of the window (money panel, unit price of a typed order,
supplier decision amount). It reads text with ``domain.money.parse_amount`` in the
field's currency and the window's language and shows, under the field, the amount in
figures and words ("€12.34 — twelve euros and 34/100") or why it cannot be read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import money_text
from returnsdesk.domain.money import amount_in_words, parse_amount

OK_STYLE = "color: #1f5f74;"
ERROR_STYLE = "color: #a61b1b;"


class AmountEdit(QWidget):
    """A line edit for an amount in ``currency``, with a live reading under it."""

    returnPressed = Signal()
    textChanged = Signal(str)

    def __init__(
        self, currency: str = "EUR", locale: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.currency = currency
        #: The language numbers are read and written in ("en", "fr"); not ``locale``,
        #: which would hide QWidget.locale().
        self.number_locale = locale
        self.edit = QLineEdit(self)
        self.reading = QLabel(self)
        self.reading.setTextFormat(Qt.TextFormat.PlainText)
        self.reading.setWordWrap(True)
        font = self.reading.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.reading.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.reading)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._update)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.returnPressed.connect(self.returnPressed)

    # QLineEdit's API, as callers and tests use it
    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def clear(self) -> None:
        self.edit.clear()

    def setPlaceholderText(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def set_currency(self, currency: str) -> None:
        self.currency = currency
        self._update()

    def value(self) -> int:
        """The amount in minor units; raises InputError with the reason it cannot be read."""
        return parse_amount(self.edit.text(), self.currency, self.number_locale)

    def _update(self, *_args: object) -> None:
        if not self.edit.text().strip():
            self.reading.clear()
            return
        try:
            minor = self.value()
            figures = money_text(minor, self.currency, self.number_locale)
            words = amount_in_words(minor, self.currency, self.number_locale)
        except InputError as exc:
            self.reading.setStyleSheet(ERROR_STYLE)
            self.reading.setText(str(exc))
            return
        self.reading.setStyleSheet(OK_STYLE)
        self.reading.setText(t("Understood: {figures} — {words}", figures=figures, words=words))
