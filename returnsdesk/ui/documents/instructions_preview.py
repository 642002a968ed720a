"""The return-instructions preview, with the paper and label page chosen beside Print."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from returnsdesk.domain.i18n import N_, t
from returnsdesk.ui.documents.preview import DocumentPreview
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.tasks import Job, run_task

_SETTINGS_KEY = "documents/instructions"
PAPERS = {"a4": N_("A4"), "letter": N_("Letter")}
#: Where the prepaid label is printed.
LABEL_PAGES = {"sheet": N_("On a page of the paper"), "4x6": N_("On a 4×6 in label page")}


def remembered_options() -> tuple[str, str]:
    """(paper, label page) last chosen, else A4 with the label on a page of it."""
    settings = QSettings()
    paper = str(settings.value(f"{_SETTINGS_KEY}/paper", "a4"))
    label_page = str(settings.value(f"{_SETTINGS_KEY}/label_page", "sheet"))
    return (
        paper if paper in PAPERS else "a4",
        label_page if label_page in LABEL_PAGES else "sheet",
    )


class InstructionsPreview(DocumentPreview):
    """``rebuild(paper, label_page)`` makes the PDF again (called on a worker thread)."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        suggested_name: str,
        rebuild: Callable[[str, str], bytes],
        paper: str,
        label_page: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(pdf, title, suggested_name, parent)
        self._rebuild = rebuild
        self.job: Job | None = None
        self.paper = QComboBox(self)
        for code, name in PAPERS.items():
            self.paper.addItem(t(name), code)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.label_page = QComboBox(self)
        for code, name in LABEL_PAGES.items():
            self.label_page.addItem(t(name), code)
        self.label_page.setCurrentIndex(max(0, self.label_page.findData(label_page)))
        self.paper.currentIndexChanged.connect(self._options_changed)
        self.label_page.currentIndexChanged.connect(self._options_changed)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("Paper:"), self))
        bar.addWidget(self.paper)
        bar.addSpacing(12)
        bar.addWidget(QLabel(t("Prepaid label:"), self))
        bar.addWidget(self.label_page)
        bar.addStretch(1)
        self.main_layout.insertLayout(0, bar)

    def _options_changed(self) -> None:
        paper, label_page = self.paper.currentData(), self.label_page.currentData()
        settings = QSettings()
        settings.setValue(f"{_SETTINGS_KEY}/paper", paper)
        settings.setValue(f"{_SETTINGS_KEY}/label_page", label_page)
        self.paper.setEnabled(False)
        self.label_page.setEnabled(False)

        def done(pdf: bytes) -> None:
            self.set_pdf(pdf)
            self._enable()

        def failed(exc: Exception) -> None:
            self._enable()
            show_error(self, t("Document"), exc)

        self.job = run_task(lambda _job: self._rebuild(paper, label_page), done, failed)

    def _enable(self) -> None:
        self.paper.setEnabled(True)
        self.label_page.setEnabled(True)
