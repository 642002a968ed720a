"""Edit → Preferences… → Backups: where backups go, automatic backups, how many to keep."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from returnsdesk import session
from returnsdesk.domain.i18n import t
from returnsdesk.domain.retention import Retention
from returnsdesk.services import backup
from returnsdesk.services.backup import BackupError
from returnsdesk.ui.preferences.dialog import PageWrite, PreferencesPage


class BackupPreferencesPage(PreferencesPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        data_dir = session.current().data_dir
        self.default_folder = backup.backups_default(data_dir)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("backup-folder")
        self.folder.setPlaceholderText(str(self.default_folder))
        chosen = backup.backup_folder(data_dir)
        self.folder.setText("" if chosen == self.default_folder else str(chosen))
        browse = QPushButton(t("Choose…"), self)
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.automatic = QCheckBox(
            t("Back up automatically: when ReturnsDesk closes and once a day while open"),
            self,
        )
        self.automatic.setObjectName("backup-automatic")
        self.automatic.setChecked(backup.automatic_enabled())
        rule = backup.retention()
        self.daily, self.weekly, self.monthly = (
            self._spin(v) for v in (rule.daily, rule.weekly, rule.monthly)
        )
        form = QFormLayout()
        form.addRow(t("Backup folder:"), row)
        form.addRow("", self.automatic)
        form.addRow(t("Keep daily backups for:"), self._with_unit(self.daily, t("days")))
        form.addRow(t("Keep weekly backups for:"), self._with_unit(self.weekly, t("weeks")))
        form.addRow(t("Keep monthly backups for:"), self._with_unit(self.monthly, t("months")))
        hint = QLabel(
            t(
                "Leave the folder empty to use the data folder's backups/ folder. A USB key or a "
                "synced folder (Dropbox, OneDrive…) keeps a copy away from this laptop. Backups "
                "hold your customers' personal data: keep them somewhere private."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, 999)
        spin.setValue(value)
        return spin

    def _with_unit(self, spin: QSpinBox, unit: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(spin)
        row.addWidget(QLabel(unit, box))
        row.addStretch(1)
        return box

    def title(self) -> str:
        return t("Backups")

    def browse(self) -> None:
        start = self.folder.text() or str(self.default_folder)
        chosen = QFileDialog.getExistingDirectory(self, t("Backup folder"), start)
        if chosen:
            self.folder.setText(chosen)

    def _rule(self) -> Retention:
        return Retention(self.daily.value(), self.weekly.value(), self.monthly.value())

    def validate(self) -> None:
        text = self.folder.text().strip()
        if not text:
            return
        folder = Path(text).expanduser()
        if not folder.is_absolute():
            raise BackupError(t("Choose the backup folder with its full path."))
        existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK):
            raise BackupError(t("The backup folder {folder} cannot be written to.", folder=folder))

    def write(self) -> PageWrite:
        folder, automatic, rule = self.folder.text(), self.automatic.isChecked(), self._rule()
        return lambda: backup.save_backup_settings(folder, automatic, rule)
