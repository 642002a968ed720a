"""The status bar's backup age ("Last backup: 2 days ago") and the week-without-one warning."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from returnsdesk.domain.i18n import t
from returnsdesk.services import backup


class BackupStatusLabel(QLabel):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setObjectName("backup-status")
        self.overdue = False
        self.refresh()

    def refresh(self, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        last = backup.last_backup_at()
        self.overdue = backup.backup_overdue(now)
        if last is None:
            text = t("No backup yet — File → Back up now…")
        else:
            text = t("Last backup: {age}").format(age=self._age(now - last))
            if self.overdue:
                text += t(" — back up now (File → Back up now…)")
        self.setText(text)
        self.setStyleSheet("color: #b00020; font-weight: bold;" if self.overdue else "")
        self.setToolTip(
            t("Backups go to {folder}").format(folder=backup.backup_folder(self.data_dir))
        )

    def _age(self, age) -> str:
        minutes = int(age.total_seconds() // 60)
        if minutes < 2:
            return t("just now")
        if minutes < 120:
            return t("{n} minutes ago").format(n=minutes)
        hours = minutes // 60
        if hours < 48:
            return t("{n} hours ago").format(n=hours)
        return t("{n} days ago").format(n=hours // 24)
