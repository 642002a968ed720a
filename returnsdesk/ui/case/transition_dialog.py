"""Asks what a status change needs: a note (why) and/or the agreed resolution."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from returnsdesk.domain.i18n import t
from returnsdesk.domain.reasons import Resolution
from returnsdesk.domain.workflow import NOTE_REQUIRED, RESOLUTION_REQUIRED, Status
from returnsdesk.ui import labels


class TransitionDialog(QDialog):
    def __init__(
        self,
        rma: str,
        current: str,
        target: Status,
        resolution: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.target = target
        self.setWindowTitle(t("{rma}: {status}", rma=rma, status=labels.status(target)))
        form = QFormLayout(self)
        intro = QLabel(
            t(
                "Move the case from “{a}” to “{b}”.",
                a=labels.status(current),
                b=labels.status(target),
            ),
            self,
        )
        form.addRow(intro)
        self.resolution = QComboBox(self)
        self.resolution.addItem(t("— choose —"), "")
        for value in Resolution:
            self.resolution.addItem(labels.resolution(value), value.value)
        if resolution:
            self.resolution.setCurrentIndex(max(self.resolution.findData(resolution), 0))
        if target in RESOLUTION_REQUIRED:
            form.addRow(t("Agreed resolution:"), self.resolution)
        else:
            self.resolution.hide()
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(
            t("Why? (required)") if target in NOTE_REQUIRED else t("Optional note")
        )
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(110)
        form.addRow(t("Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(440, 0)

    def values(self) -> tuple[str, str]:
        resolution = self.resolution.currentData() if self.target in RESOLUTION_REQUIRED else ""
        return self.note.toPlainText(), resolution or ""
