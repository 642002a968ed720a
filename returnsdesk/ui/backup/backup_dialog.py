"""File → Back up now…: back the store up (progress, cancel) and say where and what."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import decimal_text, number_text
from returnsdesk.failures import plain_message
from returnsdesk.services import backup
from returnsdesk.ui.backup.progress import TaskProgress
from returnsdesk.ui.tasks import Cancelled, Job, run_task


def describe_failure(error: BaseException, data_dir: Path | None = None) -> str:
    """One sentence for the window: a bad day's plain message, or the refusal's own text."""
    return plain_message(error, data_dir) or str(error)


class BackupDialog(QDialog):
    """Starts a backup as soon as it opens; the result (or the reason it failed) stays shown."""

    backed_up = Signal(object)  # BackupResult

    def __init__(self, data_dir: Path, parent: QWidget | None = None, start: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Back up now"))
        self.data_dir = data_dir
        self.folder = backup.backup_folder(data_dir)
        where = QLabel(t("Backing up the store and its evidence to:"), self)
        self.folder_label = QLabel(str(self.folder), self)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = TaskProgress(self)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("backup-result")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 200)
        self.job: Job | None = None
        if start:
            self.start()

    def start(self) -> None:
        self.result_label.setText(t("Copying and verifying…"))
        data_dir, folder = self.data_dir, self.folder
        self.job = run_task(
            lambda job: backup.create_backup(
                data_dir, folder, check=job.check, progress=job.progress
            ),
            self._done,
            self._failed,
        )
        self.progress.follow(self.job)

    def _done(self, result: backup.BackupResult) -> None:
        made = result.backup
        text = t(
            "Backed up and verified: {cases}, {files} ({new} new, {mb} MB copied).\n{path}",
            cases=tn("{n} case", "{n} cases", made.manifest.cases),
            files=tn("{n} evidence file", "{n} evidence files", made.manifest.evidence_files),
            new=number_text(result.copied_files),
            mb=decimal_text(result.copied_bytes / 1e6),
            path=made.path,
        )
        if made.manifest.evidence_not_copied:
            text += "\n" + tn(
                "{n} evidence file was missing or altered and is not in the backup: "
                "use Help → Check the store…",
                "{n} evidence files were missing or altered and are not in the backup: "
                "use Help → Check the store…",
                len(made.manifest.evidence_not_copied),
            )
        self.result_label.setText(text)
        self.backed_up.emit(result)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, Cancelled):
            self.result_label.setText(t("Cancelled: no backup was made."))
        else:
            self.result_label.setText(
                t("No backup was made. {reason}", reason=describe_failure(error, self.data_dir))
            )

    def reject(self) -> None:
        if self.progress.running:
            self.progress.cancel()
            return
        super().reject()
