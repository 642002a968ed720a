"""Log a message to or from a supplier; record a supplier's decision on a case.

Both dialogs read what they show off the GUI thread (``read_op``) and save through
the one writer (``write_op``); the change is announced on ``change_bus()`` and every
area showing the supplier or the case refreshes itself.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
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
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import babel_locale
from returnsdesk.services import contacts
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.clock import utc_now
from returnsdesk.services.contacts import Channel, ContactInput, Decision, DecisionResult, Direction
from returnsdesk.services.supplier_view import (
    ContactCase,
    DecisionCase,
    SupplierDetail,
    case_for_contact,
    case_for_decision,
    supplier_detail,
)
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op
from returnsdesk.ui.suppliers.model import channel_label
from returnsdesk.ui.suppliers.times import supplier_clock
from returnsdesk.ui.widgets.amount_edit import AmountEdit

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: A logged message or a decision touches these (and the case it is about).
CONTACT_CHANGES = (Area.CONTACTS, Area.SUPPLIERS)


def _contact_setup(
    supplier_id: int | None, case_id: int | None
) -> tuple[SupplierDetail, ContactCase | None]:
    """The supplier (the case's own when none is given) and the case the message is about."""
    case = None
    if case_id is not None:
        case, case_supplier = case_for_contact(case_id)
        supplier_id = supplier_id if supplier_id is not None else case_supplier
    if supplier_id is None:
        raise InputError(t("This case has no supplier yet."))
    return supplier_detail(supplier_id), case


def _save_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class LogContactDialog(QDialog):
    """One message; with a case, the case's evidence can be marked as sent with it.

    The supplier and the case are read when the dialog opens; Save is enabled once they
    have arrived. A case without a supplier is refused (shown, then the dialog closes).
    """

    def __init__(
        self,
        supplier_id: int | None,
        case_id: int | None = None,
        parent: QWidget | None = None,
        subject: str = "",
        body: str = "",
        direction: Direction = Direction.SENT,
    ) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.logged_id: int | None = None
        self.supplier: SupplierDetail | None = None
        self.setWindowTitle(t("Log contact"))
        self._build_fields(subject, body, direction)
        self.form = self._build_form()
        self.buttons = _save_buttons(self)
        self.save_button().setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self._sync()
        self.resize(720, 0)
        read_op(
            self,
            lambda: _contact_setup(supplier_id, case_id),
            self._loaded,
            on_error=self._not_loaded,
        )

    def _build_fields(self, subject: str, body: str, direction: Direction) -> None:
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
        self.reply_due.setDateTime(now.addSecs(48 * 3600))
        self.expects.setChecked(direction == Direction.SENT)
        self.expects.toggled.connect(self._sync)
        self.sent.toggled.connect(self._sync)
        self.evidence = QListWidget(self)
        self.evidence.setMaximumHeight(90)
        self.evidence.hide()

    def _build_form(self) -> QFormLayout:
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
        return form

    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    @property
    def ready(self) -> bool:
        """The supplier (and case) arrived: the message can be saved."""
        return self.supplier is not None

    def _not_loaded(self, error: Exception) -> None:
        show_error(self.parentWidget(), t("Cannot log a contact"), error)
        self.reject()

    def _loaded(self, setup: tuple[SupplierDetail, ContactCase | None]) -> None:
        supplier, case = setup
        self.supplier = supplier
        if case is not None:
            title = t("Log contact with {name} — {rma}", name=supplier.name, rma=case.rma)
            self._fill_evidence(case)
        else:
            title = t("Log contact with {name}", name=supplier.name)
        self.setWindowTitle(title)
        self.reply_due.setDateTime(
            QDateTime.currentDateTime().addSecs(supplier.follow_up_in_force * 3600)
        )
        self.save_button().setEnabled(True)
        self._show_supplier_time()

    def _fill_evidence(self, case: ContactCase) -> None:
        for item in case.evidence:
            row = QListWidgetItem(f"{item.original_name} — {item.caption}".rstrip(" —"))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            row.setData(ID_ROLE, item.id)
            self.evidence.addItem(row)
        if case.evidence:
            self.form.addRow(t("Evidence sent with it:"), self.evidence)
            self.evidence.show()

    def _sync(self, *_args: object) -> None:
        sending = self.sent.isChecked()
        self.expects.setEnabled(sending)
        waiting = sending and self.expects.isChecked()
        self.awaiting.setEnabled(waiting)
        self.reply_due.setEnabled(waiting)

    def _show_supplier_time(self, *_args: object) -> None:
        if self.supplier is None:
            return
        moment = _as_utc(self.when.dateTime())
        self.when_supplier.setText(
            t("supplier's time: {time}", time=supplier_clock(self.supplier.timezone, moment))
        )

    def values(self) -> ContactInput:
        if self.supplier is None:
            raise InputError(t("The supplier is still loading; try again in a moment."))
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
        """Save on the writer; the dialog closes when it is stored, stays open if refused."""
        try:
            data = self.values()
        except InputError as exc:
            show_error(self, t("Message not logged"), exc)
            return
        areas = (*CONTACT_CHANGES, Area.EVIDENCE) if data.evidence_ids else CONTACT_CHANGES
        self.save_button().setEnabled(False)
        write_op(
            self,
            lambda: contacts.log_contact(data).id,
            changes=Changes.of(*areas, cases=[data.case_id]),
            on_done=self._saved,
            on_error=self._refused,
        )

    def _refused(self, error: Exception) -> None:
        self.save_button().setEnabled(True)
        show_error(self, t("Message not logged"), error)

    def _saved(self, contact_id: int) -> None:
        self.logged_id = contact_id
        super().accept()


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _as_utc(value: QDateTime) -> datetime:
    return _EPOCH + timedelta(milliseconds=value.toMSecsSinceEpoch())


class DecisionDialog(QDialog):
    """The supplier answered: approved, partially approved (amount) or rejected (why).

    The "rejected" choice is ``refused``: ``rejected`` is QDialog's own signal.
    """

    def __init__(self, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.case: DecisionCase | None = None
        self.result_message = ""
        self.setWindowTitle(t("Supplier decision"))
        self.approved = QRadioButton(t("Approved"), self)
        self.partial = QRadioButton(t("Partially approved"), self)
        self.refused = QRadioButton(t("Rejected"), self)
        self.approved.setChecked(True)
        self.amount = AmountEdit("EUR", babel_locale(), self)
        self.reason = QPlainTextEdit(self)
        self.reason.setMaximumHeight(80)
        self.reason.setPlaceholderText(t("Why the supplier refused (required)"))
        self.reference = QLineEdit(self)
        self.move_case = QCheckBox(t("Move the case along the workflow"), self)
        self.move_case.setChecked(True)
        for radio in (self.approved, self.partial, self.refused):
            radio.toggled.connect(self._sync)
        form = QFormLayout(self)
        choice = QHBoxLayout()
        for radio in (self.approved, self.partial, self.refused):
            choice.addWidget(radio)
        form.addRow(t("Decision:"), choice)
        form.addRow(t("Amount:"), self.amount)
        form.addRow(t("Reason:"), self.reason)
        form.addRow(t("Supplier reference:"), self.reference)
        form.addRow("", self.move_case)
        self.buttons = _save_buttons(self)
        self.save_button().setEnabled(False)
        form.addRow(self.buttons)
        self._sync()
        self.resize(520, 0)
        read_op(self, lambda: case_for_decision(case_id), self._loaded, on_error=self._not_loaded)

    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    @property
    def ready(self) -> bool:
        return self.case is not None

    def _loaded(self, case: DecisionCase) -> None:
        self.case = case
        self.setWindowTitle(t("Supplier decision — {rma}", rma=case.rma))
        self.amount.set_currency(case.currency)
        self.amount.setPlaceholderText(t("Amount agreed, in {currency}", currency=case.currency))
        if not self.reference.text():
            self.reference.setText(case.supplier_reference)
        self.save_button().setEnabled(True)

    def _not_loaded(self, error: Exception) -> None:
        show_error(self.parentWidget(), t("Decision not recorded"), error)
        self.reject()

    def _sync(self, *_args: object) -> None:
        self.amount.setEnabled(self.partial.isChecked())
        self.reason.setEnabled(self.refused.isChecked())

    def decision(self) -> Decision:
        if self.partial.isChecked():
            return Decision.PARTIAL
        if self.refused.isChecked():
            return Decision.REJECTED
        return Decision.APPROVED

    def accept(self) -> None:
        """Record on the writer; a refusal keeps the dialog open with the reason shown."""
        try:
            amount = self.amount.value() if self.partial.isChecked() else None
        except InputError as exc:
            show_error(self, t("Decision not recorded"), exc)
            return
        decision = self.decision()
        reason = self.reason.toPlainText() if self.refused.isChecked() else ""
        reference, move = self.reference.text(), self.move_case.isChecked()
        case_id = self.case_id

        def record() -> DecisionResult:
            return contacts.record_decision(
                case_id,
                decision,
                amount_minor=amount,
                reason=reason,
                supplier_reference=reference,
                move_case=move,
                now=utc_now(),
            )

        self.save_button().setEnabled(False)
        write_op(
            self,
            record,
            changes=Changes.of(*CONTACT_CHANGES, cases=[case_id]),
            on_done=self._recorded,
            on_error=self._refused,
        )

    def _refused(self, error: Exception) -> None:
        self.save_button().setEnabled(self.ready)
        show_error(self, t("Decision not recorded"), error)

    def _recorded(self, result: DecisionResult) -> None:
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
