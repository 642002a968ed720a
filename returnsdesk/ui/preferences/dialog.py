"""``PreferencesDialog``: a list of subjects on the left, the chosen page on the right.

Each area owns its page (a ``PreferencesPage`` subclass in the area's package) and
registers it in ``ui/preferences/pages.py``. Saving validates every page first and
writes nothing when one refuses, so a half-applied set of preferences never happens.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.ui.messages import show_error


class PreferencesPage(QWidget):
    """One subject of the Preferences dialog. Subclasses load their values when built."""

    def title(self) -> str:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def validate(self) -> None:
        """Raise InputError (with a message for the user) when a value is not acceptable."""

    def save(self) -> None:
        """Write the page's values; only called after every page validated."""


class PreferencesDialog(QDialog):
    def __init__(self, pages: list[PreferencesPage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Preferences"))
        self.pages = pages
        self.subjects = QListWidget()
        self.stack = QStackedWidget()
        for page in pages:
            self.subjects.addItem(page.title())
            self.stack.addWidget(page)
        self.subjects.setFixedWidth(max(160, self.subjects.sizeHintForColumn(0) + 24))
        self.subjects.currentRowChanged.connect(self.stack.setCurrentIndex)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.subjects)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        remembered = QSettings()
        self.subjects.setCurrentRow(
            min(int(remembered.value("preferences/page", 0) or 0), max(0, len(pages) - 1))
        )
        geometry = remembered.value("preferences/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(760, 520)

    def show_page(self, title: str) -> None:
        for row, page in enumerate(self.pages):
            if page.title() == title:
                self.subjects.setCurrentRow(row)

    def accept(self) -> None:
        for row, page in enumerate(self.pages):
            try:
                page.validate()
            except InputError as error:
                self.subjects.setCurrentRow(row)
                show_error(self, t("Preferences"), error)
                return
        try:
            for page in self.pages:
                page.save()
        except InputError as error:
            show_error(self, t("Preferences"), error)
            return
        self._remember()
        super().accept()

    def reject(self) -> None:
        self._remember()
        super().reject()

    def _remember(self) -> None:
        remembered = QSettings()
        remembered.setValue("preferences/page", self.subjects.currentRow())
        remembered.setValue("preferences/geometry", self.saveGeometry())
