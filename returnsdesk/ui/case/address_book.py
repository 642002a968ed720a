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
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.services.return_address import delete_address, list_addresses, save_address
from returnsdesk.ui.messages import show_error


class AddressBookDialog(QDialog):
    def __init__(self, parent=None) -> None:
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
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.list.clear()
        for entry in list_addresses():
            item = QListWidgetItem(entry.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            if entry.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self.new()

    def _show(self, item, _previous=None) -> None:
        if item is None:
            return
        entry = item.data(Qt.ItemDataRole.UserRole)
        self._editing = entry.id
        self.name.setText(entry.name)
        self.address.setPlainText(entry.address)
        self.notes.setText(entry.notes)
        self.delete_button.setEnabled(True)

    def new(self) -> None:
        self.list.setCurrentItem(None)
        self._editing = None
        self.name.clear()
        self.address.clear()
        self.notes.clear()
        self.delete_button.setEnabled(False)
        self.name.setFocus()

    def save(self) -> bool:
        try:
            entry = save_address(
                self._editing, self.name.text(), self.address.toPlainText(), self.notes.text()
            )
        except InputError as exc:
            show_error(self, t("Not saved"), exc)
            return False
        self.reload(entry.id)
        return True

    def delete(self) -> bool:
        if self._editing is None:
            return False
        try:
            delete_address(self._editing)
        except InputError as exc:
            show_error(self, t("Not deleted"), exc)
            return False
        self.reload()
        return True
