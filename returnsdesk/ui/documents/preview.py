"""``DocumentPreview``: shows a generated PDF (QtPdf) with Print and Save as PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t, tn
from returnsdesk.ui.messages import show_error

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


class DocumentPreview(QDialog):
    """Preview of PDF bytes; ``suggested_name`` is the file name offered by Save as."""

    def __init__(
        self, pdf: bytes, title: str, suggested_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 1000)
        self._suggested = suggested_name
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._load(pdf)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.pages_label = QLabel(tn("{n} page", "{n} pages", self.document.pageCount()))
        self.print_button = QPushButton(t("&Print…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(t("&Save as PDF…"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_as)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(close)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addWidget(self.view, 1)
        self.main_layout.addLayout(bar)

    def _load(self, pdf: bytes) -> None:
        self._pdf = bytes(pdf)
        self._data = QByteArray(self._pdf)
        old = self._buffer
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if old is not None:
            old.deleteLater()

    def set_pdf(self, pdf: bytes) -> None:
        """Show another version of the document (e.g. on another page size)."""
        self._load(pdf)
        self.pages_label.setText(tn("{n} page", "{n} pages", self.document.pageCount()))

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def save_as(self) -> str | None:
        """Ask where to save; write atomically. Returns the path written, or None."""
        path, _ = QFileDialog.getSaveFileName(
            self, t("Save as PDF"), self._suggested, t("PDF documents (*.pdf)")
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        from returnsdesk.formats.pdf.common import write_atomic

        try:
            write_atomic(path, self._pdf)
        except (InputError, OSError) as exc:  # disk full, no permission, missing folder
            show_error(self, t("Could not save"), exc)
            return None
        return path

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.render_to(printer)

    def render_to(self, printer: QPrinter) -> None:
        """Render every page (or the chosen range) onto ``printer``."""
        first, last = printer.fromPage(), printer.toPage()
        if first == 0:
            first, last = 1, self.page_count
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, t("Print"), InputError(t("The printer could not start.")))
            return
        try:
            dpi = printer.resolution()
            for number in range(first - 1, last):
                if number > first - 1:
                    printer.newPage()
                size_pt = self.document.pagePointSize(number)
                target = painter.viewport()
                pixels = QSize(int(size_pt.width() * dpi / 72), int(size_pt.height() * dpi / 72))
                pixels = pixels.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = self.document.render(number, pixels)
                painter.drawImage(target.topLeft(), image)
        finally:
            painter.end()
