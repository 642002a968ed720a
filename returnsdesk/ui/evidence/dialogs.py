"""Ask who supplied dropped files (and, without a case, which case they belong to)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import N_, t, tn
from returnsdesk.services.cases import find_by_rma
from returnsdesk.services.evidence import SuppliedBy
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op


@dataclass(frozen=True)
class AttachChoice:
    case_id: int
    supplied_by: str
    caption: str


#: Who supplied a file, in words.
SUPPLIED_BY: dict[str, str] = {
    SuppliedBy.CUSTOMER: N_("Customer"),
    SuppliedBy.SUPPLIER: N_("Supplier"),
    SuppliedBy.MERCHANT: N_("Merchant (me)"),
    SuppliedBy.CARRIER: N_("Carrier"),
}

#: What an RMA looks like, as a hint in the field.
RMA_HINT = "RMA-2026-00042"


def supplied_by_labels() -> dict[str, str]:
    return {value: t(label) for value, label in SUPPLIED_BY.items()}


def supplied_by_label(value: str) -> str:
    return t(SUPPLIED_BY[value]) if value in SUPPLIED_BY else value


class AttachDialog(QDialog):
    """Who supplied these files, an optional caption, and the RMA when no case is fixed."""

    def __init__(
        self, paths: list[Path], case_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Attach evidence"))
        self.case_id = case_id
        layout = QVBoxLayout(self)
        names = ", ".join(p.name for p in paths[:5]) + (" …" if len(paths) > 5 else "")
        summary = QLabel(tn("{n} file: {names}", "{n} files: {names}", len(paths), names=names))
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        self.rma = QLineEdit()
        self.rma.setPlaceholderText(RMA_HINT)
        if case_id is None:
            form.addRow(t("Attach to case (RMA):"), self.rma)
        self.who = QComboBox()
        for value, label in supplied_by_labels().items():
            self.who.addItem(label, value)
        form.addRow(t("Supplied by:"), self.who)
        self.caption = QLineEdit()
        form.addRow(t("Caption:"), self.caption)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c62828")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(440, 0)

    def accept(self) -> None:
        """With a case: done. Without: the typed RMA is looked up off the GUI thread."""
        if self.case_id is not None:
            super().accept()
            return
        rma = self.rma.text()
        read_op(self, lambda: int(find_by_rma(rma).id), self._found, on_error=self._not_found)

    def _found(self, case_id: int) -> None:
        self.case_id = case_id
        super().accept()

    def _not_found(self, error: Exception) -> None:
        if not isinstance(error, InputError):
            show_error(self, t("Evidence"), error)
            return
        self.error.setText(str(error))
        self.error.show()

    def choice(self) -> AttachChoice:
        assert self.case_id is not None
        return AttachChoice(self.case_id, self.who.currentData(), self.caption.text())
