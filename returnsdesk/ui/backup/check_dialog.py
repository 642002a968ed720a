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

from returnsdesk.domain.i18n import t, tn
from returnsdesk.services.health import HealthReport, check_store
from returnsdesk.ui.backup.backup_dialog import describe_failure
from returnsdesk.ui.backup.progress import TaskProgress
from returnsdesk.ui.tasks import Cancelled, Job, run_task


def health_summary(report: HealthReport) -> str:
    """The check's outcome in the window's language (the details stay as the check wrote them)."""
    if report.ok and not report.repaired:
        return t(
            "The store is healthy: {cases}, {files} checked, ledger and search index consistent.",
            cases=tn("{n} case", "{n} cases", report.cases),
            files=tn("{n} evidence file", "{n} evidence files", report.evidence_checked),
        )
    parts = []
    if report.repaired:
        parts.append(tn("Repaired {n} problem.", "Repaired {n} problems.", len(report.repaired)))
    if report.findings:
        fixable = sum(1 for f in report.findings if f.repairable)
        found = tn("{n} problem found.", "{n} problems found.", len(report.findings))
        if fixable:
            found = tn(
                "{n} problem found, {fixable} of them can be fixed with Repair.",
                "{n} problems found, {fixable} of them can be fixed with Repair.",
                len(report.findings),
                fixable=fixable,
            )
        parts.append(found)
    else:
        parts.append(t("No problems left."))
    return " ".join(parts)


class CheckDialog(QDialog):
    repaired = Signal()

    def __init__(
        self, evidence_dir: Path, parent: QWidget | None = None, start: bool = True
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Check the store"))
        self.evidence_dir = evidence_dir
        self.summary = QLabel(self)
        self.summary.setObjectName("check-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
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
        self.summary.setText(health_summary(report))
        lines = [t("Repaired: {what}", what=what) for what in report.repaired]
        lines += [
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
                t("The check could not run. {reason}", reason=describe_failure(error))
            )

    def reject(self) -> None:
        if self.progress.running:
            self.progress.cancel()
            return
        super().reject()
