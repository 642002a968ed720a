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
from returnsdesk.services import settings
from returnsdesk.services.case_view import case_view
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.return_labels import set_label
from returnsdesk.ui.case.qt_dates import day_of
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op


class LabelDialog(QDialog):
    def __init__(
        self, case_id: int, evidence_dir: Path, path: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.evidence_dir = evidence_dir
        self.currency = ""
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
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until the case's currency is known
        form.addRow(buttons)
        self.resize(620, 0)  # room for a file path
        read_op(self, lambda: case_view(case_id).currency, self._set_currency)

    def _set_currency(self, currency: str) -> None:
        self.currency = currency
        self.cost.setPlaceholderText(t("optional, in {currency}", currency=currency))
        self.save_button.setEnabled(True)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, t("Choose the label"), "", t("Labels (*.pdf *.png *.jpg *.jpeg)")
        )
        if name:
            self.file.setText(name)

    def accept(self) -> None:
        """Attach on the writer; the dialog closes once the label is stored."""
        if not self.file.text().strip():
            show_error(self, t("Label not attached"), InputError(t("Choose the label file.")))
            return
        case_id, evidence_dir, currency = self.case_id, self.evidence_dir, self.currency
        path, cost_text = self.file.text().strip(), self.cost.text().strip()
        carrier, tracking = self.carrier.text(), self.tracking.text()
        expires = day_of(self.expires) if self.expires_known.isChecked() else None

        def attach() -> None:
            lang = settings.shop_details().language
            cost = parse_amount(cost_text, currency, lang) if cost_text else None
            set_label(
                evidence_dir,
                case_id,
                path,
                carrier=carrier,
                tracking=tracking,
                cost_minor=cost,
                expires_on=expires,
            )

        write_op(
            self,
            attach,
            changes=Changes.of(Area.EVIDENCE, Area.LEDGER, cases=[case_id]),
            on_done=lambda _none: super(LabelDialog, self).accept(),
            on_error=lambda exc: show_error(self, t("Label not attached"), exc),
        )
