"""Attach a prepaid return label file to a case: the file, carrier, tracking, cost, expiry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.money import parse_amount
from returnsdesk.services import cases, settings
from returnsdesk.services.return_labels import set_label
from returnsdesk.ui.messages import show_error


class LabelDialog(QDialog):
    def __init__(self, case_id: int, evidence_dir: Path, path: str = "", parent=None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.evidence_dir = evidence_dir
        self.currency = cases.case_view(case_id).currency
        self.setWindowTitle(t("Prepaid return label"))
        self.file = QLineEdit(path, self)
        browse = QPushButton(t("Choose…"), self)
        browse.clicked.connect(self._browse)
        file_row = QWidget(self)
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.carrier = QLineEdit(self)
        self.tracking = QLineEdit(self)
        self.cost = QLineEdit(self)
        hint = t("optional, in {currency}", currency=self.currency)
        self.cost.setPlaceholderText(hint)
        self.expires_known = QCheckBox(t("Expires on"), self)
        self.expires = QDateEdit(QDate.currentDate().addDays(30), self)
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("d MMM yyyy")
        self.expires.setEnabled(False)
        self.expires_known.toggled.connect(self.expires.setEnabled)
        expiry = QWidget(self)
        expiry_row = QHBoxLayout(expiry)
        expiry_row.setContentsMargins(0, 0, 0, 0)
        expiry_row.addWidget(self.expires_known)
        expiry_row.addWidget(self.expires, 1)
        form = QFormLayout(self)
        form.addRow(t("Label file (PDF, PNG, JPEG):"), file_row)
        form.addRow(t("Carrier:"), self.carrier)
        form.addRow(t("Tracking number:"), self.tracking)
        form.addRow(t("Cost:"), self.cost)
        form.addRow(t("Valid until:"), expiry)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(620, 0)  # room for a file path

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, t("Choose the label"), "", t("Labels (*.pdf *.png *.jpg *.jpeg)")
        )
        if name:
            self.file.setText(name)

    def accept(self) -> None:
        try:
            if not self.file.text().strip():
                raise InputError(t("Choose the label file."))
            cost = None
            if self.cost.text().strip():
                lang = settings.shop_details().language
                cost = parse_amount(self.cost.text(), self.currency, lang)
            expires = self.expires.date().toPython() if self.expires_known.isChecked() else None
            set_label(
                self.evidence_dir,
                self.case_id,
                self.file.text().strip(),
                carrier=self.carrier.text(),
                tracking=self.tracking.text(),
                cost_minor=cost,
                expires_on=expires,
            )
        except InputError as exc:
            show_error(self, t("Label not attached"), exc)
            return
        super().accept()
