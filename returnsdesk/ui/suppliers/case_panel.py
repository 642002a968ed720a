"""The supplier side of one case: its messages, logging a new one, recording the decision.

The panel reads the case's supplier side off the GUI thread and reloads itself when a
write announced on ``change_bus()`` touches its case (its own saves included).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t, tn
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.supplier_view import CaseSupplierSide, case_supplier_side
from returnsdesk.ui.operations import change_bus, read_op
from returnsdesk.ui.suppliers.contact_dialogs import DecisionDialog, LogContactDialog
from returnsdesk.ui.suppliers.message_view import MessageView
from returnsdesk.ui.suppliers.model import ContactLogModel
from returnsdesk.ui.suppliers.view import fit_columns, make_table
from returnsdesk.ui.templates.compose_dialog import ComposeDialog
from returnsdesk.ui.widgets.clicks import on_click


class CaseSupplierPanel(QWidget):
    """The messages of one case; it reloads itself from the change bus."""

    def __init__(self, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.side: CaseSupplierSide | None = None
        self.model = ContactLogModel(self)
        self.log = make_table(self, self.model)
        self.summary = QLabel(t("Loading messages…"), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.log_button = QPushButton(t("Log contact…"), self)
        self.decision_button = QPushButton(t("Record supplier decision…"), self)
        self.message_button = QPushButton(t("Write message…"), self)
        on_click(self.log_button, self.log_contact)
        self.decision_button.clicked.connect(self.record_decision)
        self.message_button.clicked.connect(self.write_message)
        for button in (self.log_button, self.decision_button):
            button.setEnabled(False)  # until the case's supplier is known
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
        change_bus().changed.connect(self._on_changes)
        self.reload()

    def _on_changes(self, changes: Changes, _source: object = None) -> None:
        # Its own case's writes, or a supplier edit that names no case (a rename shows here).
        renamed = changes.touches(Area.SUPPLIERS) and not changes.case_ids
        if changes.touches_case(self.case_id) or renamed:
            self.reload()

    def _show_message(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = current.row() if current.isValid() else -1
        self.message.show_contact(self.model.contact(row) if row >= 0 else None)

    def reload(self) -> None:
        """Read the case's supplier and messages off the GUI thread."""
        case_id = self.case_id
        read_op(self, lambda: case_supplier_side(case_id), self._show_side)

    def _show_side(self, side: CaseSupplierSide) -> None:
        self.side = side
        for button in (self.log_button, self.decision_button):
            button.setEnabled(side.supplier is not None)
        self.model.set_contacts(list(side.contacts))
        self.message.show_contact(None)
        fit_columns(self.log, [280, 125, 0, 0, 260, 110])
        if side.supplier is None:
            self.summary.setText(t("No supplier on this case."))
            return
        self.summary.setText(
            t(
                "{name}: {messages}, {pending} awaiting reply",
                name=side.supplier.name,
                messages=tn("{n} message", "{n} messages", len(side.contacts)),
                pending=side.pending,
            )
        )

    def log_contact(self, subject: str = "", body: str = "") -> bool:
        dialog = LogContactDialog(None, self.case_id, self, subject=subject, body=body)
        return bool(dialog.exec())

    def write_message(self) -> None:
        ComposeDialog(self.case_id, parent=self).exec()

    def record_decision(self) -> None:
        DecisionDialog(self.case_id, self).exec()
