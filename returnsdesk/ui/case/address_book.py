"""The address book: warehouses and return centres a case's parcel can be sent to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import t
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.return_address import (
    SavedAddressView,
    delete_address,
    list_addresses,
    save_address,
)
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op


class AddressBookDialog(QDialog):
    """Reads off the GUI thread; saves and deletes go through the one writer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Saved return addresses"))
        self.resize(640, 380)
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._show)
        self.name = QLineEdit(self)
        self.name.setMaxLength(300)
        self.address = QPlainTextEdit(self)
        self.address.setTabChangesFocus(True)
        self.notes = QLineEdit(self)
        self.new_button = QPushButton(t("New address"), self)
        self.save_button = QPushButton(t("Save"), self)
        self.delete_button = QPushButton(t("Delete"), self)
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        form = QFormLayout()
        form.addRow(t("Name:"), self.name)
        form.addRow(t("Address:"), self.address)
        form.addRow(t("Notes:"), self.notes)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(self.list, 1)
        columns.addLayout(form, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(close)
        self._editing: int | None = None
        self.new()
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Read the saved addresses off the GUI thread, then list them."""
        read_op(self, list_addresses, lambda entries: self._fill(entries, select))

    def _fill(self, entries: list[SavedAddressView], select: int | None) -> None:
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(entry.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            if entry.id == select:
                self.list.setCurrentItem(item)  # shows it in the form

    def _show(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        entry = item.data(Qt.ItemDataRole.UserRole)
        self._editing = entry.id
        self.name.setText(entry.name)
        self.address.setPlainText(entry.address)
        self.notes.setText(entry.notes)
        self.delete_button.setEnabled(True)

    def new(self) -> None:
        self.list.setCurrentRow(-1)
        self._editing = None
        self.name.clear()
        self.address.clear()
        self.notes.clear()
        self.delete_button.setEnabled(False)
        self.name.setFocus()

    def save(self) -> None:
        """Save on the writer; every case showing its return address hears of it."""
        editing, name = self._editing, self.name.text()
        address, notes = self.address.toPlainText(), self.notes.text()
        write_op(
            self,
            lambda: save_address(editing, name, address, notes),
            changes=Changes.of(Area.SETTINGS, Area.CASES),
            on_done=lambda entry: self.reload(entry.id),
            on_error=lambda exc: show_error(self, t("Not saved"), exc),
        )

    def delete(self) -> None:
        """Delete on the writer (refused while a case still sends its parcel there)."""
        editing = self._editing
        if editing is None:
            return
        write_op(
            self,
            lambda: delete_address(editing),
            changes=Changes.of(Area.SETTINGS, Area.CASES),
            on_done=lambda _none: self._deleted(),
            on_error=lambda exc: show_error(self, t("Not deleted"), exc),
        )

    def _deleted(self) -> None:
        self.new()
        self.reload()
