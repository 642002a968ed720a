"""The supplier side of one case: its messages, logging a new one, recording the decision."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t, tn
from returnsdesk.services.contacts import contacts_of_case
from returnsdesk.store.models import Case
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.suppliers.contact_dialogs import DecisionDialog, LogContactDialog
from returnsdesk.ui.suppliers.message_view import MessageView
from returnsdesk.ui.suppliers.model import ContactLogModel
from returnsdesk.ui.suppliers.view import fit_columns, make_table
from returnsdesk.ui.templates.compose_dialog import ComposeDialog


class CaseSupplierPanel(QWidget):
    """Emits ``changed`` after a message or decision was saved."""

    changed = Signal()

    def __init__(self, case_id: int, parent=None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.model = ContactLogModel(self)
        self.log = make_table(self, self.model)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.log_button = QPushButton(t("Log contact…"), self)
        self.decision_button = QPushButton(t("Record supplier decision…"), self)
        self.message_button = QPushButton(t("Write message…"), self)
        self.log_button.clicked.connect(lambda: self.log_contact())
        self.decision_button.clicked.connect(self.record_decision)
        self.message_button.clicked.connect(self.write_message)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.message_button)
        row.addWidget(self.log_button)
        row.addWidget(self.decision_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self.message = MessageView(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.log)
        split.addWidget(self.message)
        split.setSizes([620, 380])
        layout.addWidget(split, 1)
        self.log.selectionModel().currentRowChanged.connect(self._show_message)
        self.reload()

    def _show_message(self, current, _previous=None) -> None:
        row = current.row() if current.isValid() else -1
        self.message.show_contact(self.model.contact(row) if row >= 0 else None)

    def reload(self) -> None:
        case = Case.get_by_id(self.case_id)
        has_supplier = case.supplier_id is not None
        for button in (self.log_button, self.decision_button):
            button.setEnabled(has_supplier)
        contacts = contacts_of_case(self.case_id)
        self.model.set_contacts(contacts)
        self.message.show_contact(None)
        fit_columns(self.log, [280, 125, 0, 0, 260, 110])
        if not has_supplier:
            self.summary.setText(t("No supplier on this case."))
        else:
            pending = sum(1 for c in contacts if c.awaiting_reply and c.answered_at is None)
            self.summary.setText(
                t(
                    "{name}: {messages}, {pending} awaiting reply",
                    name=case.supplier.name,
                    messages=tn("{n} message", "{n} messages", len(contacts)),
                    pending=pending,
                )
            )

    def log_contact(self, subject: str = "", body: str = "") -> bool:
        try:
            dialog = LogContactDialog(None, self.case_id, self, subject=subject, body=body)
        except InputError as exc:
            show_error(self, t("Cannot log a contact"), exc)
            return False
        if not dialog.exec():
            return False
        self.reload()
        self.changed.emit()
        return True

    def write_message(self) -> None:
        dialog = ComposeDialog(self.case_id, parent=self)
        dialog.exec()
        if dialog.logged:
            self.reload()
            self.changed.emit()

    def record_decision(self) -> None:
        if DecisionDialog(self.case_id, self).exec():
            self.reload()
            self.changed.emit()
