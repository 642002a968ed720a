"""One logged message, shown as plain text with its quoted history folded away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from returnsdesk.domain.i18n import t, tn
from returnsdesk.services.supplier_view import ContactRow
from returnsdesk.ui.suppliers.times import both_times


class MessageView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.quoted_button = QPushButton(self)
        self.quoted_button.setCheckable(True)
        self.quoted_button.setFlat(True)
        self.quoted_button.toggled.connect(self._toggle_quoted)
        self.quoted = QPlainTextEdit(self)
        self.quoted.setReadOnly(True)
        self.quoted.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.body, 2)
        layout.addWidget(self.quoted_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.quoted, 1)
        self.show_contact(None)

    def show_contact(self, contact: ContactRow | None) -> None:
        if contact is None:
            self.header.setText(t("Select a message to read it."))
            self.body.setPlainText("")
            self.quoted_button.hide()
            self.quoted.hide()
            return
        values = {
            "name": contact.supplier_name,
            "when": both_times(contact.at, contact.supplier_timezone),
            "subject": contact.subject or "—",
        }
        if contact.direction == "sent":
            self.header.setText(t("Sent to {name} · {when}\n{subject}", **values))
        else:
            self.header.setText(t("From {name} · {when}\n{subject}", **values))
        self.body.setPlainText(contact.body)  # plain text: nothing in it is markup
        lines = len(contact.quoted.splitlines())
        self.quoted_button.setVisible(bool(contact.quoted))
        self.quoted_button.setChecked(False)
        self.quoted_button.setText(
            tn("▸ Quoted history ({n} line)", "▸ Quoted history ({n} lines)", lines)
        )
        self.quoted.setPlainText(contact.quoted)
        self.quoted.hide()

    def _toggle_quoted(self, shown: bool) -> None:
        self.quoted.setVisible(shown)
        text = self.quoted_button.text()
        self.quoted_button.setText(("▾" if shown else "▸") + text[1:])
