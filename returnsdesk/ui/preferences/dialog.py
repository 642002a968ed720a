"""``PreferencesDialog``: a list of subjects on the left, the chosen page on the right.

Each area owns its page (a ``PreferencesPage`` subclass in the area's package) and
registers it in ``ui/preferences/pages.py``. Saving validates every page first (on
the GUI thread: validation is pure) and writes nothing when one refuses; then every
page's write runs on the writer thread in one transaction (``ui.operations.write_op``,
``services.preferences.save_together``), so a half-applied set of preferences never
happens. The dialog closes once the write succeeded; a refused write keeps it open
with the reason. The write announces ``Changes`` (settings, and the cases whose
deadlines follow the policy) so every area that depends on them refreshes itself.
"""

from __future__ import annotations

from collections.abc import Callable

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
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.preferences import save_together
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import write_op

#: What saving the preferences may change: the settings, and every case's deadlines.
SAVED = Changes.of(Area.SETTINGS, Area.CASES)
#: A page's values as a write for the writer thread (see ``PreferencesPage.write``).
PageWrite = Callable[[], object]


class PreferencesPage(QWidget):
    """One subject of the Preferences dialog. Subclasses load their values when built."""

    def title(self) -> str:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def validate(self) -> None:
        """Raise InputError (with a message for the user) when a value is not acceptable.
        Pure and quick: it reads the page's widgets, not the store."""

    def write(self) -> PageWrite | None:
        """The page's values as a write for the writer thread, or None (nothing to save).

        Called on the GUI thread after every page validated: it reads the widgets now,
        and the function it returns must not touch them (it runs on another thread)."""
        return None

    def written(self) -> None:
        """Called on the GUI thread once every page's write was saved."""


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
        self.buttons = buttons
        self._saving = False
        body = QHBoxLayout()
        body.addWidget(self.subjects)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        remembered = QSettings()
        self.subjects.setCurrentRow(
            min(int(str(remembered.value("preferences/page", 0) or 0)), max(0, len(pages) - 1))
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
        """Validate every page, then save them all on the writer thread; the dialog
        closes once they are saved."""
        if self._saving:
            return
        writes = self._writes()
        if writes is None:
            return
        self._set_saving(True)
        write_op(
            self,
            lambda: save_together(writes),
            changes=SAVED,
            on_done=lambda _result: self._saved(),
            on_error=self._not_saved,
        )

    def _writes(self) -> list[PageWrite] | None:
        """Every page's write, or None when a page refused (shown, on that page)."""
        writes: list[PageWrite] = []
        for row, page in enumerate(self.pages):
            try:
                page.validate()
                page_write = page.write()
            except InputError as error:
                self.subjects.setCurrentRow(row)
                show_error(self, t("Preferences"), error)
                return None
            if page_write is not None:
                writes.append(page_write)
        return writes

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)

    def _saved(self) -> None:
        self._set_saving(False)
        for page in self.pages:
            page.written()
        self._remember()
        super().accept()

    def _not_saved(self, error: Exception) -> None:
        self._set_saving(False)
        show_error(self, t("Preferences"), error)

    def reject(self) -> None:
        if self._saving:
            return  # the write is under way: the dialog closes when it is done
        self._remember()
        super().reject()

    def _remember(self) -> None:
        remembered = QSettings()
        remembered.setValue("preferences/page", self.subjects.currentRow())
        remembered.setValue("preferences/geometry", self.saveGeometry())
