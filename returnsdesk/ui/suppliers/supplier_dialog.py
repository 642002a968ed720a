"""Create or edit a supplier: contact channels, time zone, return address and policy."""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text
from returnsdesk.domain.platforms import PROFILES, Platform
from returnsdesk.services import suppliers
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.clock import utc_now
from returnsdesk.services.suppliers import SupplierInput
from returnsdesk.ui.documents.language_choice import fill_languages
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op
from returnsdesk.ui.suppliers.times import supplier_clock

URL_HINT = "https://"
#: What saving an existing supplier touches: its policy reaches its open cases' deadlines.
EDITED = (Area.SUPPLIERS, Area.CASES)


class OptionalDays(QSpinBox):
    """A spin box whose lowest value means 'not set' (use the store default)."""

    def __init__(self, maximum: int, suffix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, maximum)
        self.setSpecialValueText(t("store default"))
        self.setSuffix(suffix)

    def optional(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_optional(self, value: int | None) -> None:
        self.setValue(-1 if value is None else value)


class SupplierDialog(QDialog):
    """A new supplier, or an existing one read off the GUI thread (Save waits for it)."""

    def __init__(self, supplier_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.supplier_id = supplier_id
        self.saved_id: int | None = None
        self.setWindowTitle(t("New supplier") if supplier_id is None else t("Edit supplier"))
        self._build_contact_fields()
        self._build_policy_fields()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(self._contact_box(), 1)
        columns.addWidget(self._policy_box(), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        self.resize(860, 0)
        self.ready = supplier_id is None
        if supplier_id is None:
            self._load(SupplierInput(name=""))
        else:
            self.save_button().setEnabled(False)
            read_op(
                self,
                lambda: suppliers.supplier_input(supplier_id),
                self._loaded,
                on_error=self._not_loaded,
            )

    def _build_contact_fields(self) -> None:
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.chat_url = QLineEdit(self)
        self.chat_url.setPlaceholderText(URL_HINT)
        self.phone = QLineEdit(self)
        for line in (self.name, self.email, self.phone):
            line.setMaxLength(300)
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(available_timezones()))
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.timezone.completer()
        if completer is not None:  # an editable combo box has one
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.local_time = QLabel(self)
        self.timezone.currentTextChanged.connect(self._show_local_time)
        self._clock = QTimer(self, interval=30_000)
        self._clock.timeout.connect(self._show_local_time)
        self._clock.start()
        self.language = QComboBox(self)
        fill_languages(self.language)
        self.return_address = QPlainTextEdit(self)
        self.return_address.setMaximumHeight(70)
        self.return_address.setTabChangesFocus(True)

    def _build_policy_fields(self) -> None:
        self.return_days = OptionalDays(365, t(" days"), self)
        self.evidence_days = OptionalDays(365, t(" days"), self)
        self.follow_up_hours = OptionalDays(2160, t(" hours"), self)
        self.restocking = QSpinBox(self, minimum=0, maximum=100, suffix=" %")
        self.pays_shipping = QCheckBox(t("Pays return shipping when at fault"), self)
        self.without_return = QCheckBox(t("Reimburses without a return"), self)
        self.dispute_platform = QLineEdit(self)
        self.escalation_days = OptionalDays(365, t(" days"), self)
        self.escalation_days.setSpecialValueText(t("never", context="escalate"))
        self.notes = QPlainTextEdit(self)
        self.notes.setMaximumHeight(60)
        self.notes.setTabChangesFocus(True)
        self.profile = QComboBox(self)
        self.profile.addItem(t("— keep as typed —"), "")
        for platform, profile in PROFILES.items():
            name = t("Other platform") if platform == Platform.OTHER else profile.name
            self.profile.addItem(name, platform.value)
        self.profile.setToolTip(
            t("Fill the policy with the platform's published rules (sources in the list)")
        )
        self.profile.activated.connect(self.apply_profile)
        self.profile_rules = QPlainTextEdit(self)
        self.profile_rules.setReadOnly(True)
        self.profile_rules.setMaximumHeight(110)
        self.profile_rules.setTabChangesFocus(True)
        self.profile_rules.hide()

    def _contact_box(self) -> QGroupBox:
        box = QGroupBox(t("Contact"), self)
        contact = QFormLayout(box)
        contact.addRow(t("Name:"), self.name)
        contact.addRow(t("E-mail:"), self.email)
        contact.addRow(t("Chat / platform link:"), self.chat_url)
        contact.addRow(t("Phone:"), self.phone)
        tz_row = QWidget(self)
        tz_layout = QHBoxLayout(tz_row)
        tz_layout.setContentsMargins(0, 0, 0, 0)
        tz_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        tz_layout.addWidget(self.timezone, 1)
        tz_layout.addWidget(self.local_time)
        contact.addRow(t("Time zone:"), tz_row)
        contact.addRow(t("Language:"), self.language)
        contact.addRow(t("Return address:"), self.return_address)
        return box

    def _policy_box(self) -> QGroupBox:
        box = QGroupBox(t("Return policy"), self)
        policy = QFormLayout(box)
        policy.addRow(t("Platform profile:"), self.profile)
        policy.addRow(self.profile_rules)
        policy.addRow(t("Return window:"), self.return_days)
        policy.addRow(t("Evidence deadline:"), self.evidence_days)
        policy.addRow(t("Chase after:"), self.follow_up_hours)
        policy.addRow(t("Restocking fee:"), self.restocking)
        policy.addRow("", self.pays_shipping)
        policy.addRow("", self.without_return)
        policy.addRow(t("Dispute platform:"), self.dispute_platform)
        policy.addRow(t("Escalate after:"), self.escalation_days)
        policy.addRow(t("Notes:"), self.notes)
        return box

    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _loaded(self, data: SupplierInput) -> None:
        self._load(data)
        self.ready = True
        self.save_button().setEnabled(True)

    def _not_loaded(self, error: Exception) -> None:
        show_error(self.parentWidget(), t("Supplier not saved"), error)
        self.reject()

    def _load(self, data: SupplierInput) -> None:
        self.name.setText(data.name)
        self.email.setText(data.email)
        self.chat_url.setText(data.chat_url)
        self.phone.setText(data.phone)
        self.timezone.setCurrentText(data.timezone)
        self.language.setCurrentIndex(max(self.language.findData(data.language), 0))
        self.return_address.setPlainText(data.return_address)
        self.return_days.set_optional(data.return_days)
        self.evidence_days.set_optional(data.evidence_days)
        self.follow_up_hours.set_optional(data.follow_up_hours)
        self.restocking.setValue(data.restocking_fee_percent)
        self.pays_shipping.setChecked(data.pays_return_shipping_at_fault)
        self.without_return.setChecked(data.reimburses_without_return)
        self.dispute_platform.setText(data.dispute_platform)
        self.escalation_days.set_optional(data.escalation_days)
        self.notes.setPlainText(data.notes)
        self._show_local_time()

    def apply_profile(self, *_args: object) -> None:
        """Pre-fill the policy from the chosen platform profile, and show its rules."""
        code = self.profile.currentData()
        if not code:
            self.profile_rules.clear()
            self.profile_rules.hide()
            return
        from returnsdesk.services.platform_checklist import apply_profile

        data = apply_profile(self.values(), code)
        self.return_days.set_optional(data.return_days)
        self.evidence_days.set_optional(data.evidence_days)
        self.escalation_days.set_optional(data.escalation_days)
        self.pays_shipping.setChecked(data.pays_return_shipping_at_fault)
        self.without_return.setChecked(data.reimburses_without_return)
        self.dispute_platform.setText(data.dispute_platform)
        rules = PROFILES[Platform(code)].rules
        self.profile_rules.setPlainText(
            "\n".join(
                t(
                    "• {rule}\n  Source: {url} (read {day})",
                    rule=r.text,
                    url=r.source,
                    day=date_text(r.checked_on),
                )
                for r in rules
            )
        )
        self.profile_rules.setVisible(bool(rules))

    def _show_local_time(self, *_args: object) -> None:
        self.local_time.setText(
            t("now {time}", time=supplier_clock(self.timezone.currentText(), utc_now()))
        )

    def values(self) -> SupplierInput:
        return SupplierInput(
            name=self.name.text(),
            email=self.email.text(),
            chat_url=self.chat_url.text(),
            phone=self.phone.text(),
            timezone=self.timezone.currentText().strip(),
            language=self.language.currentData(),
            return_address=self.return_address.toPlainText(),
            return_days=self.return_days.optional(),
            evidence_days=self.evidence_days.optional(),
            follow_up_hours=self.follow_up_hours.optional(),
            restocking_fee_percent=self.restocking.value(),
            pays_return_shipping_at_fault=self.pays_shipping.isChecked(),
            reimburses_without_return=self.without_return.isChecked(),
            dispute_platform=self.dispute_platform.text(),
            escalation_days=self.escalation_days.optional(),
            notes=self.notes.toPlainText(),
        )

    def accept(self) -> None:
        """Save on the writer; the dialog closes once stored, stays open when refused."""
        if not self.ready:
            return
        data, supplier_id = self.values(), self.supplier_id

        def save() -> int:
            if supplier_id is None:
                return suppliers.create_supplier(data).id
            return suppliers.update_supplier(supplier_id, data).id

        # An edit recomputes the deadlines of its open cases (any of them may change).
        changes = Changes.of(Area.SUPPLIERS) if supplier_id is None else Changes.of(*EDITED)
        self.save_button().setEnabled(False)
        write_op(self, save, changes=changes, on_done=self._saved, on_error=self._refused)

    def _refused(self, error: Exception) -> None:
        self.save_button().setEnabled(True)
        show_error(self, t("Supplier not saved"), error)

    def _saved(self, supplier_id: int) -> None:
        self.saved_id = supplier_id
        super().accept()
