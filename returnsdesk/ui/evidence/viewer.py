"""The evidence viewer: one file at a time with fit/zoom, next/previous, caption and metadata."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QKeyCombination, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFontDatabase,
    QImage,
    QKeySequence,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.i18n.formatting import date_text, moment_text
from returnsdesk.domain.text import clean_text
from returnsdesk.services import evidence
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.evidence_files import MediaType, stored_path
from returnsdesk.services.evidence_list import EvidenceItem
from returnsdesk.services.thumbnails import load_preview
from returnsdesk.session import Session
from returnsdesk.ui.evidence.dialogs import supplied_by_label
from returnsdesk.ui.evidence.icons import type_icon
from returnsdesk.ui.evidence.model import human_size
from returnsdesk.ui.operations import write_op
from returnsdesk.ui.tasks import Job, run_task


class EvidenceViewer(QDialog):
    #: The picture for the current item is on screen (or its type icon, if none).
    preview_loaded = Signal(int)

    def __init__(
        self,
        session: Session,
        items: list[EvidenceItem],
        index: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.items = list(items)
        self.index = index
        self._job: Job | None = None
        self._fit = True
        self.setWindowTitle(t("Evidence"))
        self.resize(1100, 650)  # fits a 1280×720 screen with its title bar
        self._build_view()
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addWidget(self._build_side())
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_bar())
        layout.addLayout(body, 1)
        self._connect()
        self.show_item(index)

    # --- building --------------------------------------------------------------------------
    def _build_view(self) -> None:
        self.scene = QGraphicsScene(self)
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.pixmap_item)
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.view.setBackgroundBrush(Qt.GlobalColor.darkGray)

    def _build_bar(self) -> QHBoxLayout:
        self.prev_button = QPushButton(t("◀ Previous"))
        self.next_button = QPushButton(t("Next ▶"))
        self.fit_button = QPushButton(t("Fit"))
        self.zoom_in_button = QPushButton(t("Zoom in"))
        self.zoom_out_button = QPushButton(t("Zoom out"))
        self.actual_button = QPushButton(t("100%"))
        self.open_button = QPushButton(t("Open with system viewer"))
        bar = QHBoxLayout()
        for button in (
            self.prev_button,
            self.next_button,
            self.fit_button,
            self.zoom_in_button,
            self.zoom_out_button,
            self.actual_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        return bar

    def _build_side(self) -> QWidget:
        side = QWidget()
        side.setFixedWidth(390)
        form = QFormLayout(side)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("position", t("Item:")),
            ("rma", t("Case:")),
            ("name", t("Original name:")),
            ("size", t("Size:")),
            ("type", t("Type:")),
            ("dimensions", t("Dimensions:")),
            ("by", t("Supplied by:")),
            ("captured", t("Captured:")),
            ("added", t("Added:")),
            ("deadline", t("Evidence deadline:")),
            ("sha", t("SHA-256:")),
        ):
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.fields[key] = value
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(7.0, mono.pointSizeF() - 1))
        self.fields["sha"].setFont(mono)
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(t("What does this show?"))
        self.save_caption_button = QPushButton(t("Save caption"))
        self.remove_button = QPushButton(t("Remove from case…"))
        form.addRow(t("Caption:"), self.caption)
        form.addRow("", self.save_caption_button)
        form.addRow("", self.remove_button)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        form.addRow(self.message)
        return side

    def _connect(self) -> None:
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.fit_button.clicked.connect(self.fit)
        self.zoom_in_button.clicked.connect(lambda: self.zoom(1.25))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(0.8))
        self.actual_button.clicked.connect(self.actual_size)
        self.open_button.clicked.connect(self.open_external)
        self.save_caption_button.clicked.connect(self.save_caption)
        self.caption.returnPressed.connect(self.save_caption)
        self.remove_button.clicked.connect(self.confirm_remove)
        alt = Qt.KeyboardModifier.AltModifier
        shortcuts: list[tuple[QKeySequence, Callable[[], None]]] = [
            (QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage), self.previous),
            (QKeySequence(QKeySequence.StandardKey.MoveToNextPage), self.next),
            (QKeySequence(QKeyCombination(alt, Qt.Key.Key_Left)), self.previous),
            (QKeySequence(QKeyCombination(alt, Qt.Key.Key_Right)), self.next),
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), lambda: self.zoom(1.25)),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), lambda: self.zoom(0.8)),
        ]
        for keys, slot in shortcuts:
            QShortcut(keys, self, slot)

    # --- navigation ------------------------------------------------------------------------
    @property
    def current(self) -> EvidenceItem:
        return self.items[self.index]

    def previous(self) -> None:
        if self.index > 0:
            self.show_item(self.index - 1)

    def next(self) -> None:
        if self.index < len(self.items) - 1:
            self.show_item(self.index + 1)

    def show_item(self, index: int) -> None:
        self.index = index
        item = self.current
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.items) - 1)
        who = supplied_by_label(item.supplied_by)
        deadline = t("none")
        if item.evidence_due is not None:
            deadline = date_text(item.evidence_due)
            if item.late:
                deadline = t("{due} — this file was added after it", due=deadline)
        values = {
            "position": t("{position} of {count}", position=index + 1, count=len(self.items)),
            "rma": item.rma,
            "name": item.original_name,
            "size": human_size(item.size),
            "type": item.mime,
            "dimensions": f"{item.width} × {item.height}" if item.width else t("no preview"),
            "by": who,
            "captured": moment_text(item.captured_at) if item.captured_at else t("unknown"),
            "added": moment_text(item.added_at),
            "deadline": deadline,
            "sha": f"{item.sha256[:32]}\n{item.sha256[32:]}",
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.caption.setText(item.caption)
        self.message.clear()
        self.setWindowTitle(t("Evidence — {name}", name=item.original_name))
        self._load_preview(item)

    def _load_preview(self, item: EvidenceItem) -> None:
        if self._job is not None:
            self._job.cancel()
        if not item.previewable:
            self._set_pixmap(type_icon(item.media), fit=False)
            return
        self.pixmap_item.setPixmap(QPixmap())
        source = stored_path(self.session.evidence_dir, item.sha256)
        wanted = self.index

        def work(job: Job) -> QImage | None:
            job.check()
            image = load_preview(source)
            if image is None:
                return None
            data = image.tobytes("raw", "RGB")
            qimage = QImage(
                data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
            )
            return qimage.copy()  # own the bytes

        def done(qimage: QImage | None) -> None:
            if wanted != self.index:
                return
            if qimage is None:
                self._set_pixmap(type_icon(MediaType.IMAGE), fit=False)
            else:
                self._set_pixmap(QPixmap.fromImage(qimage))

        self._job = run_task(work, on_success=done, on_error=lambda _e: done(None))

    def _set_pixmap(self, pixmap: QPixmap, fit: bool = True) -> None:
        self.pixmap_item.setPixmap(pixmap)
        self.scene.setSceneRect(QRectF(pixmap.rect()))
        if not fit:  # a type icon: shown at its own size, never blown up
            self.view.resetTransform()
        elif self._fit:
            self.fit()
        self.preview_loaded.emit(self.index)

    # --- zoom ------------------------------------------------------------------------------
    def fit(self) -> None:
        self._fit = True
        if not self.pixmap_item.pixmap().isNull():
            self.view.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        self._fit = False
        scale = self.view.transform().m11() * factor
        if 0.02 <= scale <= 16:
            self.view.scale(factor, factor)

    def actual_size(self) -> None:
        self._fit = False
        self.view.resetTransform()

    def scale(self) -> float:
        return self.view.transform().m11()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()

    # --- actions ---------------------------------------------------------------------------
    def stored_file(self) -> Path:
        return stored_path(self.session.evidence_dir, self.current.sha256)

    def open_external(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.stored_file())))

    def save_caption(self) -> bool:
        """Check the caption here, save it through the writer (the change bus tells
        every area)."""
        item = self.current
        try:
            caption = clean_text(self.caption.text(), "Caption")
        except InputError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(t("Saving…"))
        write_op(
            self,
            lambda: evidence.set_caption(item.id, caption).caption,
            changes=Changes.of(Area.EVIDENCE, cases=[item.case_id]),
            on_done=lambda saved: self._caption_saved(item, saved),
            on_error=lambda error: self.message.setText(str(error)),
        )
        return True

    def _caption_saved(self, item: EvidenceItem, caption: str) -> None:
        for index, shown in enumerate(self.items):
            if shown.id == item.id:
                self.items[index] = replace(shown, caption=caption)
        self.message.setText(t("Caption saved."))

    def confirm_remove(self) -> None:
        answer = QMessageBox.question(
            self,
            t("Remove evidence"),
            t(
                "Remove this file from the case? The stored file is kept, and the "
                "removal is recorded on the case timeline."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_current()

    def remove_current(self) -> None:
        """Unlink the shown file through the writer; the next one shows when it is done."""
        item = self.current
        self.remove_button.setEnabled(False)
        write_op(
            self,
            lambda: evidence.remove_evidence(item.id).id,
            changes=Changes.of(Area.EVIDENCE, cases=[item.case_id]),
            on_done=lambda _id: self._removed(item),
        )

    def _removed(self, item: EvidenceItem) -> None:
        self.remove_button.setEnabled(True)
        self.items = [shown for shown in self.items if shown.id != item.id]
        if not self.items:
            self.accept()
            return
        self.show_item(min(self.index, len(self.items) - 1))
