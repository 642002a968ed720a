"""A progress bar with a Cancel button for one task run through ``ui/tasks.py``."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from returnsdesk.domain.i18n import t
from returnsdesk.ui.tasks import Job


class TaskProgress(QWidget):
    """Shows a running job's progress; Cancel asks the job to stop at its next check."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(t("Cancel"), self)
        self.cancel_button.setObjectName("cancel-task")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.job: Job | None = None
        self.cancel_button.clicked.connect(self.cancel)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the dialog does not jump when it hides
        self.setSizePolicy(policy)
        self.setVisible(False)

    def follow(self, job: Job) -> None:
        self.job = job
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.setVisible(True)
        job.progressed.connect(self._progress)
        job.finished.connect(self._done)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _done(self) -> None:
        self.job = None
        self.setVisible(False)

    @property
    def running(self) -> bool:
        return self.job is not None
