"""File → Restore…: pick a backup, check it, set the current store aside, restore it.

The list shows the complete backups of the backup folder (or another folder the
user picks, e.g. a USB key), newest first. Restoring asks first, runs off the GUI
thread with progress, and ends with exactly what was restored and from when; the
window then reopens on the restored store.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import moment_text
from returnsdesk.services import backup
from returnsdesk.services.restore import RestoreResult, restore_backup
from returnsdesk.ui.backup.backup_dialog import describe_failure
from returnsdesk.ui.backup.progress import TaskProgress
from returnsdesk.ui.tasks import Cancelled, Job, run_task

ROLE_PATH = Qt.ItemDataRole.UserRole
ROLE_WHEN = Qt.ItemDataRole.UserRole + 1


def restore_summary(result: RestoreResult) -> str:
    """What was restored, from when, and where the replaced store went."""
    m = result.backup.manifest
    text = t(
        "Restored the store in {folder} from the backup taken {when} "
        "({cases}, {entries}, {files}).",
        folder=result.data_dir,
        when=moment_text(m.created_at),
        cases=tn("{n} case", "{n} cases", m.cases),
        entries=tn("{n} ledger entry", "{n} ledger entries", m.ledger_entries),
        files=tn("{n} evidence file", "{n} evidence files", m.evidence_files),
    )
    if result.set_aside is not None:
        text += " " + t("The store it replaced was set aside as {path}.", path=result.set_aside)
    return text


class RestoreDialog(QDialog):
    restored = Signal(object)  # RestoreResult

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Restore from a backup"))
        self.data_dir = data_dir
        self.folder = backup.backup_folder(data_dir)
        self.folder_label = QLabel(self)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        other = QPushButton(t("Other folder…"), self)
        other.clicked.connect(self.choose_folder)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(other)
        self.list = QListWidget(self)
        self.list.setObjectName("backup-list")
        explain = QLabel(
            t(
                "The backup is checked first. Your current store is set aside in the data "
                "folder's set-aside/ folder before anything is replaced."
            ),
            self,
        )
        explain.setWordWrap(True)
        self.progress = TaskProgress(self)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("restore-result")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = self.buttons.addButton(
            t("Restore"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(explain)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(640, 460)
        self.job: Job | None = None
        self.confirm = self._confirm
        self.load(self.folder)

    def load(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(t("Backups in {folder}", folder=folder))
        self.list.clear()
        for item in backup.list_backups(folder):
            m = item.manifest
            when = moment_text(m.created_at)
            row = QListWidgetItem(
                t(
                    "{when} — {cases}, {entries}, {files}",
                    when=when,
                    cases=tn("{n} case", "{n} cases", m.cases),
                    entries=tn("{n} ledger entry", "{n} ledger entries", m.ledger_entries),
                    files=tn("{n} evidence file", "{n} evidence files", m.evidence_files),
                )
            )
            row.setData(ROLE_PATH, str(item.path))
            row.setData(ROLE_WHEN, when)
            self.list.addItem(row)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.result_label.setText(t("There is no backup in this folder."))
        self.restore_button.setEnabled(self.list.count() > 0)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, t("Backup folder"), str(self.folder))
        if chosen:
            self.load(Path(chosen))

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, t("Restore"), text)
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or self.progress.running:
            return
        if not self.confirm(
            t(
                "Replace the current store with the backup of {when}?\n\nThe current store is "
                "set aside first; nothing is deleted.",
                when=item.data(ROLE_WHEN),
            )
        ):
            return
        path, data_dir = Path(item.data(ROLE_PATH)), self.data_dir
        self.restore_button.setEnabled(False)
        self.result_label.setText(t("Checking the backup, then restoring…"))
        self.job = run_task(
            lambda job: restore_backup(path, data_dir, check=job.check, progress=job.progress),
            self._done,
            self._failed,
        )
        self.progress.follow(self.job)

    def _done(self, result: RestoreResult) -> None:
        self.result_label.setText(restore_summary(result))
        self.restored.emit(result)

    def _failed(self, error: Exception) -> None:
        self.restore_button.setEnabled(True)
        if isinstance(error, Cancelled):
            self.result_label.setText(t("Cancelled: nothing was restored."))
        else:
            self.result_label.setText(
                t("Nothing was restored. {reason}", reason=describe_failure(error, self.data_dir))
            )

    def reject(self) -> None:
        if self.progress.running:
            self.progress.cancel()
            return
        super().reject()
