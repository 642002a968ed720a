"""Log a message to or from a supplier; record a supplier's decision on a case."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import babel_locale
from returnsdesk.services import contacts
from returnsdesk.services.clock import utc_now
from returnsdesk.services.contacts import Channel, ContactInput, Decision, Direction
from returnsdesk.store.models import Case, Evidence, Supplier
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.suppliers.model import channel_label
from returnsdesk.ui.suppliers.times import supplier_clock
from returnsdesk.ui.widgets.amount_edit import AmountEdit

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LogContactDialog(QDialog):
    """One message; with a case, the case's evidence can be marked as sent with it."""

    def __init__(
        self,
        supplier_id: int | None,
        case_id: int | None = None,
        parent=None,
        subject: str = "",
        body: str = "",
        direction: Direction = Direction.SENT,
    ):
        super().__init__(parent)
        self.case_id = case_id
        self.logged_id: int | None = None
        case = Case.get_by_id(case_id) if case_id is not None else None
        if supplier_id is None and case is not None:
            supplier_id = case.supplier_id
        if supplier_id is None:
            raise InputError(t("This case has no supplier yet."))
        self.supplier = Supplier.get_by_id(supplier_id)
        if case is not None:
            title = t("Log contact with {name} — {rma}", name=self.supplier.name, rma=case.rma)
        else:
            title = t("Log contact with {name}", name=self.supplier.name)
        self.setWindowTitle(title)

        now = QDateTime.currentDateTime()
        self.when = QDateTimeEdit(now, self, calendarPopup=True)
        self.when.setDisplayFormat("d MMM yyyy HH:mm")
        self.when_supplier = QLabel(self)
        self.when_supplier.setTextFormat(Qt.TextFormat.PlainText)
        self.when.dateTimeChanged.connect(self._show_supplier_time)
        self.channel = QComboBox(self)
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)
        self.sent = QRadioButton(t("Sent to the supplier"), self)
        self.received = QRadioButton(t("Received from the supplier"), self)
        group = QButtonGroup(self)
        group.addButton(self.sent)
        group.addButton(self.received)
        (self.sent if direction == Direction.SENT else self.received).setChecked(True)
        self.subject = QLineEdit(subject, self)
        self.subject.setMaxLength(300)
        self.body = QPlainTextEdit(body, self)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(t("Their RMA or dispute number"))
        self.expects = QCheckBox(t("Waiting for a reply:"), self)
        self.awaiting = QLineEdit(self)
        self.awaiting.setPlaceholderText(t("e.g. refund decision, return address"))
        self.reply_due = QDateTimeEdit(self, calendarPopup=True)
        self.reply_due.setDisplayFormat("d MMM yyyy HH:mm")
        hours = contacts.follow_up_hours(self.supplier)
        self.reply_due.setDateTime(now.addSecs(hours * 3600))
        self.expects.setChecked(direction == Direction.SENT)
        self.expects.toggled.connect(self._sync)
        self.sent.toggled.connect(self._sync)

        self.evidence = QListWidget(self)
        if case is not None:
            for item in Evidence.select().where(
                (Evidence.case == case) & Evidence.removed_at.is_null()
            ):
                row = QListWidgetItem(f"{item.original_name} — {item.caption}".rstrip(" —"))
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Unchecked)
                row.setData(ID_ROLE, item.id)
                self.evidence.addItem(row)
        self.evidence.setMaximumHeight(90)

        form = QFormLayout()
        when_row = QHBoxLayout()
        when_row.addWidget(self.when)
        when_row.addWidget(self.when_supplier, 1)
        form.addRow(t("When (your time):"), when_row)
        form.addRow(t("Channel:"), self.channel)
        direction_row = QHBoxLayout()
        direction_row.addWidget(self.sent)
        direction_row.addWidget(self.received)
        form.addRow(t("Direction:"), direction_row)
        form.addRow(t("Subject:"), self.subject)
        form.addRow(t("Message:"), self.body)
        form.addRow(t("Supplier reference:"), self.reference)
        waiting_row = QHBoxLayout()
        waiting_row.addWidget(self.awaiting, 1)
        waiting_row.addWidget(QLabel(t("by"), self))
        waiting_row.addWidget(self.reply_due)
        form.addRow(self.expects, waiting_row)
        if self.evidence.count():
            form.addRow(t("Evidence sent with it:"), self.evidence)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._sync()
        self._show_supplier_time()
        self.resize(720, 0)

    def _sync(self, *_args) -> None:
        sending = self.sent.isChecked()
        self.expects.setEnabled(sending)
        waiting = sending and self.expects.isChecked()
        self.awaiting.setEnabled(waiting)
        self.reply_due.setEnabled(waiting)

    def _show_supplier_time(self, *_args) -> None:
        moment = _as_utc(self.when.dateTime())
        self.when_supplier.setText(
            t("supplier's time: {time}", time=supplier_clock(self.supplier.timezone, moment))
        )

    def values(self) -> ContactInput:
        sending = self.sent.isChecked()
        waiting = sending and self.expects.isChecked()
        return ContactInput(
            supplier_id=self.supplier.id,
            case_id=self.case_id,
            direction=Direction.SENT if sending else Direction.RECEIVED,
            channel=Channel(self.channel.currentData()),
            at=_as_utc(self.when.dateTime()),
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            supplier_reference=self.reference.text(),
            awaiting=self.awaiting.text() if waiting else "",
            expects_reply=waiting,
            reply_due_at=_as_utc(self.reply_due.dateTime()) if waiting else None,
            evidence_ids=[
                self.evidence.item(i).data(ID_ROLE)
                for i in range(self.evidence.count())
                if self.evidence.item(i).checkState() == Qt.CheckState.Checked
            ],
        )

    def accept(self) -> None:
        try:
            contact = contacts.log_contact(self.values())
        except InputError as exc:
            show_error(self, t("Message not logged"), exc)
            return
        self.logged_id = contact.id
        super().accept()


def _as_utc(value: QDateTime):
    return value.toTimeZone(QTimeZone.utc()).toPython().replace(tzinfo=UTC)


class DecisionDialog(QDialog):
    """The supplier answered: approved, partially approved (amount) or rejected (why)."""

    def __init__(self, case_id: int, parent=None) -> None:
        super().__init__(parent)
        self.case = Case.get_by_id(case_id)
        self.result_message = ""
        self.setWindowTitle(t("Supplier decision — {rma}", rma=self.case.rma))
        self.approved = QRadioButton(t("Approved"), self)
        self.partial = QRadioButton(t("Partially approved"), self)
        self.rejected = QRadioButton(t("Rejected"), self)
        self.approved.setChecked(True)
        self.amount = AmountEdit(self.case.currency, babel_locale(), self)
        self.amount.setPlaceholderText(
            t("Amount agreed, in {currency}", currency=self.case.currency)
        )
        self.reason = QPlainTextEdit(self)
        self.reason.setMaximumHeight(80)
        self.reason.setPlaceholderText(t("Why the supplier refused (required)"))
        self.reference = QLineEdit(self.case.supplier_reference, self)
        self.move_case = QCheckBox(t("Move the case along the workflow"), self)
        self.move_case.setChecked(True)
        for radio in (self.approved, self.partial, self.rejected):
            radio.toggled.connect(self._sync)
        form = QFormLayout(self)
        choice = QHBoxLayout()
        for radio in (self.approved, self.partial, self.rejected):
            choice.addWidget(radio)
        form.addRow(t("Decision:"), choice)
        form.addRow(t("Amount:"), self.amount)
        form.addRow(t("Reason:"), self.reason)
        form.addRow(t("Supplier reference:"), self.reference)
        form.addRow("", self.move_case)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._sync()
        self.resize(520, 0)

    def _sync(self, *_args) -> None:
        self.amount.setEnabled(self.partial.isChecked())
        self.reason.setEnabled(self.rejected.isChecked())

    def decision(self) -> Decision:
        if self.partial.isChecked():
            return Decision.PARTIAL
        if self.rejected.isChecked():
            return Decision.REJECTED
        return Decision.APPROVED

    def accept(self) -> None:
        try:
            amount = None
            if self.partial.isChecked():
                amount = self.amount.value()
            result = contacts.record_decision(
                self.case.id,
                self.decision(),
                amount_minor=amount,
                reason=self.reason.toPlainText() if self.rejected.isChecked() else "",
                supplier_reference=self.reference.text(),
                move_case=self.move_case.isChecked(),
                now=utc_now(),
            )
        except InputError as exc:
            show_error(self, t("Decision not recorded"), exc)
            return
        if result.moved_to is None and self.move_case.isChecked():
            self.result_message = result.why_not_moved
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.windowTitle(),
                t("Decision recorded.\n{why}", why=result.why_not_moved),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
        super().accept()
