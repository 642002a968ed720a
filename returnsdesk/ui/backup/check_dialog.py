"""Help → Check the store…: the health check with progress and cancel, then repair."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t
from returnsdesk.services.health import HealthReport, check_store
from returnsdesk.ui.backup.backup_dialog import describe_failure
from returnsdesk.ui.backup.progress import TaskProgress
from returnsdesk.ui.tasks import Cancelled, Job, run_task


class CheckDialog(QDialog):
    repaired = Signal()

    def __init__(self, evidence_dir: Path, parent: QWidget | None = None, start: bool = True):
        super().__init__(parent)
        self.setWindowTitle(t("Check the store"))
        self.evidence_dir = evidence_dir
        self.summary = QLabel(self)
        self.summary.setObjectName("check-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.progress = TaskProgress(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.repair_button = self.buttons.addButton(
            t("Repair"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.repair_button.setObjectName("repair")
        self.repair_button.setToolTip(
            t(
                "Remove leftover files and rebuild the search index. Damage to the database or "
                "the ledger is never 'repaired': restore a backup."
            )
        )
        self.repair_button.setEnabled(False)
        self.repair_button.clicked.connect(lambda: self.start(repair=True))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 400)
        self.area_titles = {
            "database": t("Database"),
            "ledger": t("Ledger"),
            "evidence": t("Evidence"),
            "search": t("Search index"),
        }
        self.job: Job | None = None
        self.report: HealthReport | None = None
        if start:
            self.start()

    def start(self, repair: bool = False) -> None:
        self.repair_button.setEnabled(False)
        self.summary.setText(
            t("Repairing…")
            if repair
            else t("Checking the database, ledger, evidence files and search index…")
        )
        folder = self.evidence_dir
        self.job = run_task(
            lambda job: check_store(folder, repair, check=job.check, progress=job.progress),
            lambda report: self._done(report, repair),
            self._failed,
        )
        self.progress.follow(self.job)

    def _done(self, report: HealthReport, repaired: bool) -> None:
        self.report = report
        self.summary.setText(report.summary(repair_hint=t(" with Repair")))
        lines = [
            f"{self.area_titles[f.area.value]}: {f.text}"
            + (t("  (repairable)") if f.repairable else "")
            for f in report.findings
        ]
        if not lines:
            lines = [t("No problems found.")]
        self.details.setPlainText("\n".join(lines))
        self.repair_button.setEnabled(any(f.repairable for f in report.findings))
        if repaired:
            self.repaired.emit()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, Cancelled):
            self.summary.setText(t("Cancelled: the check did not finish."))
        else:
            self.summary.setText(
                t("The check could not run. {reason}").format(reason=describe_failure(error))
            )

    def reject(self) -> None:
        if self.progress.running:
            self.progress.cancel()
            return
        super().reject()
