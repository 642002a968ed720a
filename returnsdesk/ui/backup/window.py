"""Safe keeping wired into the main window: menu commands, status bar, automatic backups.

The main window creates one ``Safekeeping`` and routes File → Back up now…,
File → Restore…, Help → Check the store… and Case → Customer's personal data…
to it; it also runs the backup on quit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox

from returnsdesk.domain.i18n import t, tn
from returnsdesk.failures import plain_message
from returnsdesk.formats.personal_data_zip import export_personal_data
from returnsdesk.services import personal_data
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.personal_data import AnonymiseResult
from returnsdesk.session import is_read_only
from returnsdesk.ui.backup.automatic import AutoBackup
from returnsdesk.ui.backup.backup_dialog import BackupDialog
from returnsdesk.ui.backup.check_dialog import CheckDialog
from returnsdesk.ui.backup.restore_dialog import RestoreDialog
from returnsdesk.ui.backup.status import BackupStatusLabel
from returnsdesk.ui.messages import show_error, show_warning
from returnsdesk.ui.operations import write_op
from returnsdesk.ui.tasks import run_task

if TYPE_CHECKING:
    from returnsdesk.ui.main_window import MainWindow


class Safekeeping(QObject):
    def __init__(self, window: MainWindow, data_dir: Path) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.status = BackupStatusLabel(data_dir, window)
        window.statusBar().addPermanentWidget(self.status)
        self.automatic = AutoBackup(data_dir, self)
        self.automatic.finished.connect(lambda _r: self.status.refresh())
        self.automatic.failed.connect(self._auto_failed)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(60_000)
        self.refresh_timer.timeout.connect(self.status.refresh)
        self.refresh_timer.start()
        self.skip_quit_backup = False
        if is_read_only():
            window.setWindowTitle(
                t(
                    "{title} — read-only (the folder cannot be written)",
                    title=window.windowTitle(),
                )
            )

    def _auto_failed(self, reason: str) -> None:
        self.window.statusBar().showMessage(
            t("Automatic backup failed: {reason}", reason=reason), 15_000
        )

    def back_up_now(self) -> BackupDialog:
        dialog = BackupDialog(self.data_dir, self.window)
        dialog.backed_up.connect(lambda _r: self.status.refresh())
        dialog.open()
        return dialog

    def check(self) -> CheckDialog:
        dialog = CheckDialog(self.data_dir / "evidence", self.window)
        dialog.repaired.connect(self._reload_window)
        dialog.open()
        return dialog

    def restore(self) -> RestoreDialog:
        dialog = RestoreDialog(self.data_dir, self.window)
        dialog.restored.connect(lambda _r: self._after_restore(dialog))
        dialog.open()
        return dialog

    def _after_restore(self, dialog: RestoreDialog) -> None:
        from returnsdesk.session import open_session

        open_session(self.data_dir)  # an older backup is brought up to this version's schema
        self.status.refresh()
        dialog.finished.connect(self._reload_window)

    def _reload_window(self) -> None:
        from returnsdesk.ui.app import replace_main_window

        self.skip_quit_backup = True
        replace_main_window(self.window)

    def on_quit(self) -> None:
        if self.skip_quit_backup:
            return
        self.window.statusBar().showMessage(t("Backing up…"))
        self.automatic.on_quit(self._quit_backup_failed)

    def _quit_backup_failed(self, reason: str) -> None:
        show_warning(
            self.window,
            t("Backup on quit"),
            t("The automatic backup could not be made. {reason}", reason=reason),
        )

    # -- personal data ------------------------------------------------------------------
    def personal_data(self, case_id: int | None) -> None:
        if case_id is None:
            QMessageBox.information(
                self.window, t("Personal data"), t("Open or select one case first.")
            )
            return
        try:
            email = personal_data.customer_email_of_case(case_id)
        except personal_data.PersonalDataError as error:
            show_error(self.window, t("Personal data"), error)
            return
        box, export, erase = self.personal_data_box(email)
        box.exec()
        if box.clickedButton() is export:
            self.export_personal_data(email)
        elif box.clickedButton() is erase:
            self.anonymise(email)

    def personal_data_box(self, email: str) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
        """The question asked about a customer's personal data, and its two buttons."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            t("Personal data"),
            t(
                "Personal data of the customer {email}:\n\nExport writes everything held about "
                "them (and their evidence) to a zip. Anonymise replaces their name, e-mail, "
                "phone and addresses on every case; money records and case facts are kept.",
                email=email,
            ),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        export = box.addButton(t("Export…"), QMessageBox.ButtonRole.AcceptRole)
        erase = box.addButton(t("Anonymise…"), QMessageBox.ButtonRole.DestructiveRole)
        return box, export, erase

    def export_personal_data(self, email: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            t("Export personal data"),
            "personal-data.zip",
            t("Zip files (*.zip)"),
        )
        if not path:
            return
        folder = self.data_dir / "evidence"
        run_task(
            lambda job: export_personal_data(folder, email, Path(path), check=job.check),
            lambda result: self.window.statusBar().showMessage(
                t("Wrote {path}", path=result.path), 8000
            ),
            lambda error: self._failed(t("Export personal data"), error),
        )

    def anonymise(self, email: str) -> None:
        answer = QMessageBox.question(
            self.window,
            t("Anonymise"),
            t(
                "Anonymise the customer {email} on every case? This cannot be undone (a backup "
                "made before still holds the data).",
                email=email,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        # On the writer thread; the broadcast refreshes the inbox and any open case.
        write_op(
            self.window,
            lambda: personal_data.anonymise(email),
            changes=Changes.of(Area.CASES, Area.ORDERS),
            on_done=self._anonymised,
            on_error=lambda error: self._failed(t("Anonymise"), error),
        )

    def _anonymised(self, result: AnonymiseResult) -> None:
        self.window.statusBar().showMessage(
            tn(
                "Anonymised the customer on {n} case.",
                "Anonymised the customer on {n} cases.",
                len(result.cases),
            ),
            8000,
        )

    def _failed(self, title: str, error: BaseException) -> None:
        plain = plain_message(error, self.data_dir)
        if plain is not None:
            from returnsdesk.domain.errors import InputError

            error = InputError(plain)
        show_error(self.window, title, error)
