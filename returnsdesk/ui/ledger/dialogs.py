"""Dialogs of the ledger area: reversal reason, export period, and the export run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import money_text, number_text
from returnsdesk.services import ledger
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.ledger_view import LedgerRow
from returnsdesk.ui.ledger.common import entry_day, kind_label, qdate_day
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import write_op

if TYPE_CHECKING:
    from returnsdesk.formats.ledger_export import ExportResult
from returnsdesk.ui.tasks import Cancelled, Job, run_task


class ReverseDialog(QDialog):
    """Asks why an entry is reversed; the reason becomes the reversal's memo."""

    def __init__(self, row: LedgerRow, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Reverse entry #{id}", id=row.id))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        summary = QLabel(
            t(
                "{kind} of {amount} on {rma}, dated {day}.\nA reversal entry of the same amount "
                "will cancel it; the original stays in the ledger.",
                kind=kind_label(row.kind),
                amount=money_text(row.amount_minor, row.currency, locale),
                rma=row.rma,
                day=entry_day(row.entry_date),
            )
        )
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(t("e.g. typed the wrong amount"))
        form.addRow(t("Reason:"), self.reason)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Reverse"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.reason.text().strip():
            refusal = InputError(t("Give a reason for the reversal."))
            show_error(self, self.windowTitle(), refusal)
            return
        self.accept()

    @classmethod
    def ask(cls, row: LedgerRow, locale: str, parent: QWidget | None) -> str | None:
        """The reason typed, or None if the user cancelled."""
        dialog = cls(row, locale, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.text().strip()


def reverse_with_dialog(
    row: LedgerRow,
    locale: str,
    parent: QWidget,
    on_done: Callable[[], None] | None = None,
) -> bool:
    """Ask for a reason and post the reversal on the writer; refusals are shown.

    True when a reversal was asked for; ``on_done`` runs once it is posted (the
    ``change_bus`` tells every area)."""
    title = t("Reverse entry")
    if row.reverses_id is not None:
        show_error(parent, title, InputError(t("A reversal cannot itself be reversed.")))
        return False
    if row.reversed_by_id is not None:
        refusal = t("This entry was already reversed by #{id}.", id=row.reversed_by_id)
        show_error(parent, title, InputError(refusal))
        return False
    reason = ReverseDialog.ask(row, locale, parent)
    if reason is None:
        return False
    _post_reversal(row, reason, "", parent, on_done)
    return True


def _post_reversal(
    row: LedgerRow,
    reason: str,
    override: str,
    parent: QWidget,
    on_done: Callable[[], None] | None,
) -> None:
    title = t("Reverse entry")

    def failed(error: Exception) -> None:
        if isinstance(error, ledger.OverRefundError) and not override:
            # Reversing a won dispute gives the money back to the customer's side: the
            # payout guard asks for a recorded reason before the order gives back more.
            text, ok = QInputDialog.getText(
                parent, title, str(error) + "\n\n" + t("Reason for the override:")
            )
            if ok and text.strip():
                _post_reversal(row, reason, text.strip(), parent, on_done)
            return
        show_error(parent, title, error)

    write_op(
        parent,
        lambda: ledger.reverse_entry(row.id, reason, override_note=override),
        changes=Changes.of(Area.LEDGER, cases=[row.case_id]),
        on_done=lambda _reversal: on_done() if on_done is not None else None,
        on_error=failed,
    )


class ExportDialog(QDialog):
    """Choose the period and the format of the accounting export."""

    def __init__(self, date_from: date, date_to: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Export for accounting"))
        form = QFormLayout(self)
        self.date_from = QDateEdit(QDate(date_from.year, date_from.month, date_from.day))
        self.date_to = QDateEdit(QDate(date_to.year, date_to.month, date_to.day))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
        self.format = QComboBox()
        self.format.addItem(t("Excel workbook (.xlsx)"), userData=".xlsx")
        self.format.addItem(t("CSV, UTF-8 (.csv)"), userData=".csv")
        form.addRow(t("From:"), self.date_from)
        form.addRow(t("To:"), self.date_to)
        form.addRow(t("Format:"), self.format)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def period(self) -> tuple[date, date]:
        return qdate_day(self.date_from.date()), qdate_day(self.date_to.date())

    def _accept(self) -> None:
        start, end = self.period()
        if start > end:
            refusal = InputError(t("The period starts after it ends."))
            show_error(self, self.windowTitle(), refusal)
            return
        self.accept()


#: Called once an export ends: its result, or the error (a cancel is ``Cancelled``).
ExportDone = Callable[["ExportResult | None", "Exception | None"], None]


def start_export(
    path: Path,
    date_from: date,
    date_to: date,
    parent: QWidget,
    on_done: ExportDone | None = None,
) -> Job:
    """Run the export on a worker with a cancellable progress dialog."""
    from returnsdesk.formats.ledger_export import export_ledger  # openpyxl on first use

    progress = QProgressDialog(t("Exporting the ledger…"), t("Cancel"), 0, 0, parent)
    progress.setWindowTitle(t("Export for accounting"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def work(job: Job) -> ExportResult:
        return export_ledger(path, date_from, date_to, progress=job.progress, check=job.check)

    def on_progress(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, max(total, 1)))

    def on_success(result: ExportResult) -> None:
        progress.reset()
        progress.deleteLater()
        if on_done:
            on_done(result, None)

    def on_error(error: Exception) -> None:
        progress.reset()
        progress.deleteLater()
        if isinstance(error, Cancelled):
            if on_done:
                on_done(None, error)
            return
        show_error(parent, t("Export failed"), error)
        if on_done:
            on_done(None, error)

    job = run_task(work, on_success, on_error, on_progress)
    progress.canceled.connect(job.cancel)
    return job


def export_with_dialogs(date_from: date, date_to: date, parent: QWidget) -> Job | None:
    """The whole "Export for accounting…" flow: period, file name, run."""
    dialog = ExportDialog(date_from, date_to, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    start, end = dialog.period()
    suffix = dialog.format.currentData()
    suggested = f"ledger-{start.isoformat()}-to-{end.isoformat()}{suffix}"
    filters = t("Excel workbook (*.xlsx)") if suffix == ".xlsx" else t("CSV file (*.csv)")
    name, _ = QFileDialog.getSaveFileName(parent, t("Export for accounting"), suggested, filters)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)

    def done(result: ExportResult | None, error: Exception | None) -> None:
        if result is not None:
            QMessageBox.information(
                parent,
                t("Export for accounting"),
                tn(
                    "Wrote {count} entry to {path}.",
                    "Wrote {count} entries to {path}.",
                    result.entries,
                    count=number_text(result.entries),
                    path=result.path,
                ),
            )

    return start_export(path, start, end, parent, done)
