"""The status bar's backup age ("Last backup: 2 days ago") and the week-without-one warning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from returnsdesk.domain.i18n import t, tn
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
            age = age_text(now - last)
            text = t("Last backup: {age}", age=age)
            if self.overdue:
                text = t("Last backup: {age} — back up now (File → Back up now…)", age=age)
        self.setText(text)
        self.setStyleSheet("color: #b00020; font-weight: bold;" if self.overdue else "")
        self.setToolTip(t("Backups go to {folder}", folder=backup.backup_folder(self.data_dir)))


def age_text(age: timedelta) -> str:
    """How long ago, in the window's language ("2 days ago")."""
    minutes = int(age.total_seconds() // 60)
    if minutes < 2:
        return t("just now")
    if minutes < 120:
        return tn("{n} minute ago", "{n} minutes ago", minutes)
    hours = minutes // 60
    if hours < 48:
        return tn("{n} hour ago", "{n} hours ago", hours)
    return tn("{n} day ago", "{n} days ago", hours // 24)
