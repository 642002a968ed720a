"""File → Import orders…: choose a file, map its columns if needed, preview, import.

The work (reading, parsing, the dry run that makes the preview, the import)
runs off the GUI thread through ``ui.tasks.run_task`` with a progress bar and a
Cancel button. The preview is a real import rehearsed in a transaction that is
rolled back, so its counts are exactly what "Import" will do. Nothing is
written until the user presses Import; an import that is cancelled or fails
is rolled back as a whole.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import number_text
from returnsdesk.formats.importers import ParseResult, Table, detect_format, parse, read_table
from returnsdesk.formats.importers.generic import (
    ColumnMapping,
    guess_mapping,
    save_mapping,
    saved_mapping,
)
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.imports import ImportSummary, import_orders
from returnsdesk.ui.imports.mapping_dialog import ColumnMappingDialog
from returnsdesk.ui.imports.problems_model import ProblemsModel
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import announce
from returnsdesk.ui.tasks import Cancelled, Job, run_task

log = logging.getLogger(__name__)

_LAST_FOLDER = "import/last_folder"


def _n(count: int) -> str:
    return number_text(count)


@dataclass
class _Read:
    table: Table
    fmt: str | None


class ImportOrdersDialog(QDialog):
    """``ImportOrdersDialog(parent, path=None)``; ``start()`` asks for a file when none is given.

    Emits ``imported(ImportSummary)`` after a successful import. The simplest use is
    ``ImportOrdersDialog.run(parent)``, which returns the summary or None.
    """

    imported = Signal(object)

    PAGE_WORK, PAGE_PREVIEW, PAGE_DONE = range(3)

    def __init__(self, parent: QWidget | None = None, path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Import orders"))
        self.path: Path | None = Path(path) if path else None
        self.job: Job | None = None
        self.table: Table | None = None
        self.parsed: ParseResult | None = None
        self.preview: ImportSummary | None = None
        self.summary: ImportSummary | None = None
        self._cancelled = False

        self.stack = QStackedWidget()
        self.stack.addWidget(self._work_page())
        self.stack.addWidget(self._preview_page())
        self.stack.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.resize(760, 520)

    # -- pages ---------------------------------------------------------------------------
    def _work_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.status = QLabel(t("Reading the file…"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.work_cancel = QPushButton(t("Cancel"))
        self.work_cancel.clicked.connect(self.reject)
        row.addWidget(self.work_cancel)
        layout.addLayout(row)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.file_label = QLabel()
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setStyleSheet("font-weight: bold")
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        form = QFormLayout()
        self.count_labels: dict[str, QLabel] = {}
        for key, text in (
            ("orders", t("Orders:")),
            ("customers", t("Customers:")),
            ("suppliers", t("Suppliers:")),
            ("products", t("Products:")),
            ("problems", t("Problem rows:")),
        ):
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.count_labels[key] = label
            form.addRow(text, label)
        layout.addLayout(form)
        self.problems_title = QLabel()
        self.problems_title.setWordWrap(True)
        layout.addWidget(self.problems_title)
        self.problems = ProblemsModel(parent=self)
        self.problems_view = QTableView()
        self.problems_view.setModel(self.problems)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.verticalHeader().setVisible(False)
        self.problems_view.setWordWrap(False)
        header = self.problems_view.horizontalHeader()
        header.setSectionResizeMode(ProblemsModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.problems_view.setColumnWidth(ProblemsModel.LINE, 60)
        self.problems_view.setColumnWidth(ProblemsModel.ORDER, 110)
        layout.addWidget(self.problems_view, 20)
        layout.addStretch(1)  # takes the room when there is no problem table to show
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(t("Import good rows"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self._import)
        self.nothing_button = QPushButton(t("Import nothing"))
        self.nothing_button.clicked.connect(self.reject)
        self.cancel_button = QPushButton(t("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.import_button, self.nothing_button, self.cancel_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.done_label = QLabel()
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setWordWrap(True)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton(t("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        return page

    # -- flow ------------------------------------------------------------------------------
    @classmethod
    def run(cls, parent: QWidget | None = None) -> ImportSummary | None:
        """Ask for a file, run the whole import dialog; the summary, or None if nothing done."""
        dialog = cls(parent)
        if not dialog.start():
            return None
        dialog.exec()
        return dialog.summary

    def start(self) -> bool:
        """Choose the file (unless given) and start reading it; False if the user backed out."""
        if self.path is None:
            settings = QSettings()
            folder = str(settings.value(_LAST_FOLDER, str(Path.home())))
            name, _filter = QFileDialog.getOpenFileName(
                self,
                t("Import orders"),
                folder,
                t("CSV files (*.csv *.txt);;All files (*)"),
            )
            if not name:
                return False
            self.path = Path(name)
            settings.setValue(_LAST_FOLDER, str(self.path.parent))
        self._show_work(t("Reading {name}…", name=self.path.name))
        path = self.path

        def read(job: Job) -> _Read:
            table = read_table(path)
            job.check()
            return _Read(table, detect_format(table.header))

        self.job = run_task(read, self._read_done, self._failed)
        return True

    def _show_work(self, text: str) -> None:
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.stack.setCurrentIndex(self.PAGE_WORK)

    def _read_done(self, read: _Read) -> None:
        self.job = None
        if self._cancelled:  # finished just as the user cancelled
            super().reject()
            return
        self.table = read.table
        fmt, mapping = read.fmt, None
        if fmt is None:
            mapping = self.ask_mapping(read.table)
            if mapping is None:
                self.reject()
                return
            fmt = "csv"
        table = read.table
        self._show_work(
            tn(
                "Checking {count} row…",
                "Checking {count} rows…",
                len(table.rows),
                count=_n(len(table.rows)),
            )
        )

        def rehearse(job: Job) -> tuple[ParseResult, ImportSummary]:
            result = parse(table, fmt, mapping=mapping, check=job.check)
            summary = import_orders(
                result.orders, dry_run=True, progress=job.progress, check=job.check
            )
            return result, summary

        self.job = run_task(rehearse, self._preview_ready, self._failed, self._progressed)

    def ask_mapping(self, table: Table) -> ColumnMapping | None:
        """The column-mapping dialog (pre-filled from the saved or guessed mapping)."""
        initial = saved_mapping(table.header) or guess_mapping(table.header)
        dialog = ColumnMappingDialog(
            table.header,
            [cells for _line, cells in table.rows[:5]],
            initial,
            self,
            file_name=self.path.name if self.path else "",
        )
        self.mapping_dialog = dialog  # reachable from tests
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        mapping = dialog.mapping()
        save_mapping(table.header, mapping)
        return mapping

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _preview_ready(self, payload: tuple[ParseResult, ImportSummary]) -> None:
        self.job = None
        if self._cancelled:  # only a rehearsal: nothing was written
            super().reject()
            return
        self.parsed, self.preview = payload
        result, preview = payload
        names = {
            "shopify": t("Shopify orders export"),
            "woocommerce": t("WooCommerce orders export"),
            "csv": t("CSV file (your column choice)"),
        }
        self.file_label.setText(
            tn(
                "{file} — {format}, {count} row",
                "{file} — {format}, {count} rows",
                result.rows,
                file=self.path.name if self.path else "",
                format=names.get(result.format, result.format),
                count=_n(result.rows),
            )
        )
        self.count_labels["orders"].setText(
            t(
                "{new} new, {updated} updated, {same} unchanged",
                new=_n(preview.orders_created),
                updated=_n(preview.orders_updated),
                same=_n(preview.orders_unchanged),
            )
        )
        self.count_labels["customers"].setText(
            t(
                "{new} new, {updated} updated",
                new=_n(preview.customers_created),
                updated=_n(preview.customers_updated),
            )
        )
        self.count_labels["suppliers"].setText(t("{new} new", new=_n(preview.suppliers_created)))
        self.count_labels["products"].setText(t("{new} new", new=_n(preview.products_created)))
        self.count_labels["problems"].setText(
            t(
                "{count} (orders left out: {orders})",
                count=_n(len(result.problems)),
                orders=_n(result.bad_orders),
            )
            if result.problems
            else t("none", context="problem rows")
        )
        self.problems.set_problems(result.problems)
        self.problems_view.setVisible(bool(result.problems))
        if result.problems:
            self.problems_title.setText(
                t(
                    "These rows cannot be imported. An order with a bad row is left out "
                    "whole. Import the good rows, or import nothing and fix the file."
                )
            )
        elif result.duplicate_rows:
            self.problems_title.setText(
                tn(
                    "{count} duplicate row will be ignored.",
                    "{count} duplicate rows will be ignored.",
                    result.duplicate_rows,
                    count=_n(result.duplicate_rows),
                )
            )
        else:
            self.problems_title.setText(t("Every row can be imported."))
        self.import_button.setText(t("Import good rows") if result.problems else t("Import"))
        self.import_button.setEnabled(bool(result.orders))
        self.stack.setCurrentIndex(self.PAGE_PREVIEW)

    def _import(self) -> None:
        if self.parsed is None:
            return
        orders = self.parsed.orders
        self._show_work(
            tn(
                "Importing {count} order…",
                "Importing {count} orders…",
                len(orders),
                count=_n(len(orders)),
            )
        )

        def write(job: Job) -> ImportSummary:
            return import_orders(orders, progress=job.progress, check=job.check)

        self.job = run_task(write, self._imported, self._failed, self._progressed)

    def _imported(self, summary: ImportSummary) -> None:
        self.job = None
        self.summary = summary
        self.done_label.setText(
            t(
                "Imported: {orders} new orders, {updated} updated, {same} unchanged. "
                "{customers} new customers, {suppliers} new suppliers.",
                orders=_n(summary.orders_created),
                updated=_n(summary.orders_updated),
                same=_n(summary.orders_unchanged),
                customers=_n(summary.customers_created),
                suppliers=_n(summary.suppliers_created),
            )
        )
        self.stack.setCurrentIndex(self.PAGE_DONE)
        # Orders, customers, suppliers and the cases' search text may all have changed.
        announce(Changes.of(Area.ORDERS, Area.SUPPLIERS, Area.CASES), self)
        self.imported.emit(summary)

    def _failed(self, error: Exception) -> None:
        self.job = None
        if isinstance(error, Cancelled):
            super().reject()
            return
        if not isinstance(error, InputError | OSError):
            log.error("Import failed", exc_info=error)
            error = InputError(
                t("The import failed and nothing was changed.\n\n{error}", error=error)
            )
        show_error(self, t("Cannot import this file"), error)
        super().reject()

    def reject(self) -> None:
        """Cancel: stop the running task (its transaction rolls back) and close."""
        if self.job is not None:
            self._cancelled = True
            self.status.setText(t("Cancelling…"))
            self.work_cancel.setEnabled(False)
            self.job.cancel()  # _failed(Cancelled) closes the dialog
            return
        super().reject()
