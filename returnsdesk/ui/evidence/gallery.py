"""The evidence gallery: thumbnails grid with filters, drag-and-drop attach, viewer, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t, tn
from returnsdesk.domain.i18n.formatting import date_text, number_text
from returnsdesk.formats.evidence_zip import ExportResult
from returnsdesk.services import evidence
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.evidence import PreparedFile
from returnsdesk.services.evidence_files import MediaType
from returnsdesk.services.evidence_list import (
    CaseEvidenceSummary,
    EvidenceFilter,
    EvidenceItem,
    GalleryPage,
    gallery_page,
)
from returnsdesk.services.supplier_view import SupplierChoice, supplier_choices
from returnsdesk.session import Session
from returnsdesk.ui.evidence.dialogs import AttachChoice, AttachDialog, supplied_by_labels
from returnsdesk.ui.evidence.model import EvidenceDelegate, EvidenceListModel
from returnsdesk.ui.evidence.thumbs import ThumbnailLoader
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import change_bus, read_op, write_op
from returnsdesk.ui.tasks import Job, run_task
from returnsdesk.ui.widgets.clicks import on_click
from returnsdesk.ui.widgets.debounce import Debounce

_NO_DATE = QDate(2000, 1, 1)


def local_files(urls: list[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]


#: The all-cases gallery shows at most this many thumbnails (newest first).
SHOWN_AT_MOST = 2000


class EvidenceGallery(QWidget):
    """Evidence thumbnails; with ``case_id`` one case's evidence, else every case's, filtered.

    Lists are read off the GUI thread; the gallery reloads itself when a write announced
    on ``change_bus()`` touches evidence (of its case, for a case's gallery).
    """

    #: An export finished: the zip's path.
    exported = Signal(str)
    #: A background attach or export failed: the message shown to the user.
    failed = Signal(str)
    #: A list arrived and is on screen.
    loaded = Signal()

    def __init__(
        self, session: Session, case_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id = case_id
        self.loader = ThumbnailLoader(session.data_dir, self)
        self.model = EvidenceListModel(self.loader, self)
        self._jobs: list[Job] = []
        self._reads = 0  # the latest list asked for; older answers are dropped
        self._stale = False  # a change arrived while the page was hidden
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self._build_view(), 1)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self._debounce = Debounce(self, self.reload, 250)
        self.rma_filter.textChanged.connect(self._debounce.trigger)
        for combo in (self.supplier_filter, self.who_filter, self.type_filter):
            combo.currentIndexChanged.connect(self.reload)
        self.from_filter.dateChanged.connect(self.reload)
        self.to_filter.dateChanged.connect(self.reload)
        self.add_button.clicked.connect(self.choose_files)
        on_click(self.export_button, self.export_for_supplier)
        change_bus().changed.connect(self._on_changes)
        if case_id is None:
            self._load_suppliers()
        self.reload()

    def _build_filters(self) -> QHBoxLayout:
        filters = QHBoxLayout()
        self.rma_filter = QLineEdit()
        self.rma_filter.setPlaceholderText(t("Case (RMA)"))
        self.rma_filter.setClearButtonEnabled(True)
        self.supplier_filter = QComboBox()
        self.supplier_filter.addItem(t("All suppliers"), None)
        self.who_filter = QComboBox()
        self.who_filter.addItem(t("Supplied by anyone"), "")
        for value, label in supplied_by_labels().items():
            self.who_filter.addItem(label, value)
        self.type_filter = QComboBox()
        for value, label in (
            ("", t("All types")),
            (MediaType.IMAGE, t("Photos and screenshots")),
            (MediaType.VIDEO, t("Videos")),
            (MediaType.PDF, t("PDFs")),
            (MediaType.OTHER, t("Other files")),
        ):
            self.type_filter.addItem(label, value)
        self.from_filter = self._date_edit(t("added from"))
        self.to_filter = self._date_edit(t("added until"))
        for widget in (
            self.rma_filter,
            self.supplier_filter,
            self.who_filter,
            self.type_filter,
            self.from_filter,
            self.to_filter,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.add_button = QPushButton(t("Add files…"))
        self.export_button = QPushButton(t("Export for supplier…"))
        filters.addWidget(self.add_button)
        filters.addWidget(self.export_button)
        if self.case_id is not None:  # one case: its supplier and RMA are fixed
            self.rma_filter.hide()
            self.supplier_filter.hide()
        return filters

    def _build_view(self) -> QListView:
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)
        self.view.setIconSize(QSize(160, 160))
        self.view.setGridSize(QSize(190, 210))
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(False)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.view.setModel(self.model)
        self.view.setItemDelegate(EvidenceDelegate(self.view))
        self.view.activated.connect(self.open_viewer)
        return self.view

    def _load_suppliers(self) -> None:
        read_op(self, supplier_choices, self._show_suppliers)

    def _show_suppliers(self, choices: list[SupplierChoice]) -> None:
        chosen = self.supplier_filter.currentData()
        self.supplier_filter.blockSignals(True)
        self.supplier_filter.clear()
        self.supplier_filter.addItem(t("All suppliers"), None)
        for choice in choices:
            self.supplier_filter.addItem(choice.name, choice.id)
        self.supplier_filter.setCurrentIndex(max(self.supplier_filter.findData(chosen), 0))
        self.supplier_filter.blockSignals(False)
        if self.supplier_filter.currentData() != chosen:
            self.reload()  # the chosen supplier is gone: show every supplier's evidence

    def _on_changes(self, changes: Changes, _source: object = None) -> None:
        if self.case_id is not None:  # one case's gallery: its files, its deadline
            if changes.touches_case(self.case_id):
                self.reload()
            return
        if changes.touches(Area.SUPPLIERS):
            self._load_suppliers()
        bulk = changes.touches(Area.CASES) and not changes.case_ids  # an import, a restore
        if not (changes.touches(Area.EVIDENCE) or bulk):
            return
        if self.isVisible() or self.window() is self:
            self.reload()
        else:  # the Evidence page, not shown now: read when it is shown again
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _date_edit(self, tip: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(tip)
        edit.setDate(_NO_DATE)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setToolTip(tip)
        return edit

    # --- loading ---------------------------------------------------------------------------
    @staticmethod
    def _date(edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == _NO_DATE else date(value.year(), value.month(), value.day())

    def current_filter(self) -> EvidenceFilter:
        return EvidenceFilter(
            case_id=self.case_id,
            rma="" if self.case_id is not None else self.rma_filter.text(),
            supplier_id=None if self.case_id is not None else self.supplier_filter.currentData(),
            supplied_by=self.who_filter.currentData() or "",
            media=self.type_filter.currentData() or "",
            added_from=self._date(self.from_filter),
            added_to=self._date(self.to_filter),
        )

    def reload(self) -> None:
        """Read the filtered list off the GUI thread; the newest request wins."""
        self._debounce.cancel()
        self._stale = False
        self._reads += 1
        token, flt = self._reads, self.current_filter()
        limit = None if self.case_id is not None else SHOWN_AT_MOST
        read_op(
            self,
            lambda: gallery_page(flt, limit),
            lambda page: self._show_page(token, limit, page),
        )

    def _show_page(self, token: int, limit: int | None, page: GalleryPage) -> None:
        if token != self._reads:
            return
        items = list(page.items)
        self.loader.cancel_all()
        self.model.set_items(items)
        text = self._summary_text(items, page.summary)
        if limit is not None and page.total > len(items):
            text += " " + t(
                "Showing the newest {shown} of {total}; filter to narrow.",
                shown=number_text(limit),
                total=number_text(page.total),
            )
        self.summary.setText(text)
        self.export_button.setEnabled(self.export_case_id() is not None)
        self.loaded.emit()

    def export_case_id(self) -> int | None:
        if self.case_id is not None:
            return self.case_id
        cases = {item.case_id for item in self.model.items()}
        return cases.pop() if len(cases) == 1 else None

    def _summary_text(self, items: list[EvidenceItem], summary: CaseEvidenceSummary | None) -> str:
        late = sum(1 for i in items if i.late)
        if summary is not None:
            files = tn("{n} file", "{n} files", len(items))
            if summary.due is None:
                return t(
                    "{files} — no supplier evidence deadline (the order has no delivery date).",
                    files=files,
                )
            due = date_text(summary.due)
            if not items:
                return t(
                    "{files} — supplier evidence deadline {due}: nothing sent yet.",
                    files=files,
                    due=due,
                )
            if not late:
                return t(
                    "{files} — supplier evidence deadline {due}: all arrived in time.",
                    files=files,
                    due=due,
                )
            return t(
                "{files} — supplier evidence deadline {due}: {late}.",
                files=files,
                due=due,
                late=tn(
                    "{n} added after it (marked LATE)", "{n} added after it (marked LATE)", late
                ),
            )
        cases = len({i.case_id for i in items})
        where = tn(
            "{n} file in {cases}",
            "{n} files in {cases}",
            len(items),
            cases=tn("{n} case", "{n} cases", cases),
        )
        if late:
            return t(
                "{files}; {late}.",
                files=where,
                late=tn(
                    "{n} added after its case's supplier evidence deadline (LATE)",
                    "{n} added after their case's supplier evidence deadline (LATE)",
                    late,
                ),
            )
        return t("{files}.", files=where)

    # --- viewer ----------------------------------------------------------------------------
    def open_viewer(self, index: QModelIndex) -> None:
        from returnsdesk.ui.evidence.viewer import EvidenceViewer

        viewer = EvidenceViewer(self.session, self.model.items(), index.row(), self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        self.viewer = viewer

    # --- attaching -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event.mimeData().urls())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # Leave the drag-and-drop loop before asking anything.
        QTimer.singleShot(0, lambda: self.attach_paths(paths))

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            t("Add evidence files"),
            "",
            t(
                "Photos, videos, PDFs (*.jpg *.jpeg *.png *.heic *.webp *.mp4 *.mov *.pdf);;"
                "All files (*)"
            ),
        )
        if names:
            self.attach_paths([Path(n) for n in names])

    def ask_attach(self, paths: list[Path]) -> AttachChoice | None:
        """Who supplied the files (default customer) and, without a case, which case."""
        dialog = AttachDialog(paths, self.case_id, self)
        return dialog.choice() if dialog.exec() == AttachDialog.DialogCode.Accepted else None

    def attach_paths(self, paths: list[Path]) -> Job | None:
        """Copy the files off the GUI thread (with progress), then link them on the writer."""
        choice = self.ask_attach(paths)
        if choice is None:
            return None
        evidence_dir = self.session.evidence_dir
        self.status.setText(tn("Adding {n} file…", "Adding {n} files…", len(paths)))

        def copy(job: Job) -> list[PreparedFile]:
            return evidence.prepare_files(evidence_dir, paths, job.check, job.progress)

        def link(prepared: list[PreparedFile]) -> None:
            write_op(
                self,
                lambda: evidence.link_files(
                    choice.case_id, prepared, choice.supplied_by, choice.caption
                ),
                changes=Changes.of(Area.EVIDENCE, cases=[choice.case_id]),
                on_done=lambda _rows: self._attached(len(paths)),
                on_error=self._show_error,
            )

        job = run_task(copy, on_success=link, on_error=self._show_error)
        job.progressed.connect(
            lambda done_count, total: self.status.setText(
                t("Adding files… {done} of {total}", done=done_count, total=total)
            )
        )
        return job

    def _attached(self, count: int) -> None:
        self.status.setText(tn("Added {n} file.", "Added {n} files.", count))

    def _show_error(self, error: Exception) -> None:
        if isinstance(error, InputError):
            message = str(error)
        else:
            message = t("Something went wrong: {error}", error=error)
        self.status.setText(message)
        self.failed.emit(message)
        if self.isVisible():
            show_error(self, t("Evidence"), error)

    # --- export ----------------------------------------------------------------------------
    def export_for_supplier(self, out: Path | None = None) -> Job | None:
        case_id = self.export_case_id()
        if case_id is None:
            return None
        if out is None:
            out = self._ask_export_path()
            if out is None:
                return None
        evidence_dir = self.session.evidence_dir
        self.status.setText(t("Exporting…"))

        def work(job: Job) -> ExportResult:
            from returnsdesk.formats.evidence_zip import export_case_evidence

            return export_case_evidence(evidence_dir, case_id, out, job.check, job.progress)

        def done(result: ExportResult) -> None:
            self.status.setText(
                tn(
                    "Exported {n} file to {path}",
                    "Exported {n} files to {path}",
                    result.files,
                    path=str(result.path),
                )
            )
            self.exported.emit(str(result.path))

        return run_task(work, on_success=done, on_error=self._show_error)

    def _ask_export_path(self) -> Path | None:
        """The zip to write, proposed as ``<RMA>-evidence.zip`` (the RMA of the files shown)."""
        rmas = {item.rma for item in self.model.items()}
        rma = rmas.pop() if len(rmas) == 1 else "case"
        name, _ = QFileDialog.getSaveFileName(
            self,
            t("Export evidence for the supplier"),
            f"{rma}-evidence.zip",
            t("Zip archives (*.zip)"),
        )
        return Path(name) if name else None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.cancel_all()
        super().closeEvent(event)
