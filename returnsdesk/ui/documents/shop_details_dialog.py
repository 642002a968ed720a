"""``ShopDetailsDialog``: the shop's name, contact, return address and logo for documents."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t
from returnsdesk.domain.text import clean_text
from returnsdesk.services import settings
from returnsdesk.services.changes import Area, Changes
from returnsdesk.ui.documents.language_choice import fill_languages
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import write_op


def check_logo(path: str) -> None:
    """Raise InputError unless ``path`` is empty or a readable image."""
    if not path:
        return
    reader = QImageReader(path)
    if not reader.canRead() or reader.read().isNull():
        raise InputError(
            t("The logo {path} is not a readable image (use PNG or JPEG).", path=repr(path))
        )


class ShopDetailsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Shop details"))
        self.resize(520, 0)
        current = settings.shop_details()
        self._current = current
        self.name = QLineEdit(current.name)
        self.address = QPlainTextEdit(current.address)
        self.email = QLineEdit(current.email)
        self.phone = QLineEdit(current.phone)
        self.website = QLineEdit(current.website)
        self.return_address = QPlainTextEdit(current.return_address)
        for edit in (self.address, self.return_address):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
        self.language = QComboBox()
        fill_languages(self.language)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.logo_path = QLineEdit(current.logo_path)
        browse = QPushButton(t("Choose…"))
        browse.clicked.connect(self._choose_logo)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedHeight(48)
        self.logo_path.textChanged.connect(self._show_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_path, 1)
        logo_row.addWidget(browse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form = QFormLayout(self)
        form.addRow(t("Shop name:"), self.name)
        form.addRow(t("Address:"), self.address)
        form.addRow(t("E-mail:"), self.email)
        form.addRow(t("Phone:"), self.phone)
        form.addRow(t("Website:"), self.website)
        form.addRow(t("Return address:"), self.return_address)
        form.addRow(t("Documents language:"), self.language)
        form.addRow(t("Logo:"), logo_row)
        form.addRow("", self.logo_preview)
        form.addRow(buttons)
        self._show_logo()

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            t("Choose a logo"),
            self.logo_path.text(),
            t("Images (*.png *.jpg *.jpeg)"),
        )
        if path:
            self.logo_path.setText(path)

    def _show_logo(self) -> None:
        pixmap = QPixmap(self.logo_path.text().strip())
        if pixmap.isNull():
            self.logo_preview.clear()
        else:
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation)
            )

    def details(self) -> settings.ShopDetails:
        """The edited details, validated (raises InputError)."""
        logo = self.logo_path.text().strip()
        check_logo(logo)
        name = clean_text(self.name.text(), "Shop name", required=True)
        return replace(
            self._current,
            name=name,
            address=self.address.toPlainText().strip(),
            email=clean_text(self.email.text(), "E-mail"),
            phone=clean_text(self.phone.text(), "Phone"),
            website=clean_text(self.website.text(), "Website"),
            return_address=self.return_address.toPlainText().strip(),
            language=self.language.currentData(),
            logo_path=logo,
        )

    def accept(self) -> None:
        """Check the details, then save them on the writer thread; the dialog closes once
        they are saved (and stays open, with the reason shown, when they cannot be)."""
        try:
            details = self.details()
        except InputError as exc:
            show_error(self, t("Shop details"), exc)
            return
        self.buttons.setEnabled(False)
        write_op(
            self,
            lambda: settings.save_shop_details(details),
            changes=Changes.of(Area.SETTINGS),
            on_done=lambda _saved: self._saved(),
            on_error=self._not_saved,
        )

    def _saved(self) -> None:
        self.buttons.setEnabled(True)
        super().accept()

    def _not_saved(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        show_error(self, t("Shop details"), error)
