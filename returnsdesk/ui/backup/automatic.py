"""Automatic backups: once a day while the window is open, and when it closes.

The daily one runs off the GUI thread and never interrupts: a failure shows in
the status bar and the log. The one on quit runs before the store is closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from returnsdesk.failures import plain_message
from returnsdesk.services import backup
from returnsdesk.session import is_read_only
from returnsdesk.ui.tasks import run_task
from returnsdesk.ui.widgets.debounce import Debounce

log = logging.getLogger(__name__)

#: How often the window looks whether the daily backup is due.
CHECK_EVERY_MS = 15 * 60 * 1000


class AutoBackup(QObject):
    finished = Signal(object)  # BackupResult
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_if_due)
        self.timer.start()
        self._first = Debounce(self, self.run_if_due, 60_000)  # dies with this object
        self._first.trigger()

    def run_if_due(self) -> None:
        if not self._store_is_open():
            return  # the store was closed or another one is open: not this one's backup
        if self.running or is_read_only() or not backup.automatic_backup_due():
            return
        self.running = True
        data_dir = self.data_dir
        run_task(
            lambda job: backup.create_backup(data_dir, check=job.check), self._done, self._fail
        )

    def _done(self, result: backup.BackupResult) -> None:
        self.running = False
        self.finished.emit(result)

    def _fail(self, error: Exception) -> None:
        self.running = False
        log.log(logging.WARNING, "Automatic backup failed", exc_info=error)
        self.failed.emit(plain_message(error, self.data_dir) or str(error))

    def _store_is_open(self) -> bool:
        """Whether this window's store is the one open now."""
        from returnsdesk.session import current

        try:
            return current().data_dir == self.data_dir
        except RuntimeError:  # no store is open
            return False

    def on_quit(self, report: Callable[[str], None]) -> None:
        """The backup on quit (when automatic backups are on); failures are reported, not raised."""
        try:
            if not self._store_is_open() or is_read_only():
                return  # the store was closed, another one is open, or it cannot change
            if not backup.automatic_enabled():
                return
        except Exception:
            return
        try:
            backup.create_backup(self.data_dir)
        except Exception as error:
            log.log(logging.WARNING, "Backup on quit failed", exc_info=error)
            report(plain_message(error, self.data_dir) or str(error))
