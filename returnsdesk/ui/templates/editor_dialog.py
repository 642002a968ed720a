"""Edit the message templates (English and French), with the list of placeholders."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.i18n import current_language, t
from returnsdesk.domain.messages import PLACEHOLDERS, TEMPLATE_TITLES, TemplateKey
from returnsdesk.services import templates
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.templates import TemplateView
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op
from returnsdesk.ui.templates.compose_dialog import LANGUAGE_NAMES
from returnsdesk.ui.widgets.clicks import on_click


class TemplateEditorDialog(QDialog):
    """Each template's text is read off the GUI thread; saving and restoring the default go
    through the one writer. Unsaved edits are offered for saving before they are left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Message templates"))
        self._shown: TemplateView | None = None
        self._build_fields()
        self.template.currentIndexChanged.connect(self._switch)
        self.language.currentIndexChanged.connect(self._switch)
        on_click(self.save_button, self.save)
        self.reset_button.clicked.connect(self.reset)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addLayout(self._editor_column(), 3)
        columns.addLayout(self._placeholder_column(), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(close)
        self.resize(1000, 620)
        self._load()

    def _build_fields(self) -> None:
        self.template = QComboBox(self)
        for key in TemplateKey:
            self.template.addItem(t(TEMPLATE_TITLES[key]), key.value)
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(t(name), code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.subject = QLineEdit(self)
        self.subject.setMaxLength(300)
        self.body = QPlainTextEdit(self)
        self.state = QLabel(self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholders = QListWidget(self)
        self.placeholders.setMaximumWidth(260)
        self.placeholders.setWordWrap(True)
        for name, description in PLACEHOLDERS.items():
            item = QListWidgetItem(f"{{{name}}}", self.placeholders)
            item.setToolTip(t(description))
            item.setData(Qt.ItemDataRole.UserRole, name)
        self.placeholders.itemDoubleClicked.connect(self.insert_placeholder)
        self.save_button = QPushButton(t("Save"), self)
        self.reset_button = QPushButton(t("Restore the default"), self)

    def _editor_column(self) -> QVBoxLayout:
        choose = QHBoxLayout()
        choose.addWidget(self.template, 2)
        choose.addWidget(self.language, 1)
        form = QFormLayout()
        form.addRow(t("Template:"), choose)
        form.addRow(t("Subject:"), self.subject)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.body, 1)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.reset_button)
        row.addWidget(self.save_button)
        editor.addLayout(row)
        return editor

    def _placeholder_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(QLabel(t("Placeholders (double-click to insert):"), self))
        column.addWidget(self.placeholders, 1)
        return column

    def insert_placeholder(self, item: QListWidgetItem) -> None:
        self.body.insertPlainText("{" + item.data(Qt.ItemDataRole.UserRole) + "}")
        self.body.setFocus()

    def _current(self) -> tuple[str, str]:
        return self.template.currentData(), self.language.currentData()

    @property
    def loaded(self) -> bool:
        """The chosen template's text is on screen."""
        shown = self._shown
        return shown is not None and (shown.key, shown.language) == self._current()

    def _dirty(self) -> bool:
        """The shown text differs from the text it was loaded with."""
        shown = self._shown
        if shown is None:
            return False
        return (self.subject.text(), self.body.toPlainText()) != (shown.subject, shown.body)

    def _switch(self, *_args: object) -> None:
        shown = self._shown
        if shown is not None and self._dirty():
            answer = QMessageBox.question(
                self,
                t("Unsaved template"),
                t("Save the changes to the template you were editing?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
            )
            if answer == QMessageBox.StandardButton.Save:
                self._save(shown.key, shown.language, self._load)
                return
        self._load()

    def _load(self) -> None:
        key, language = self._current()
        self.save_button.setEnabled(False)
        read_op(self, lambda: templates.template_view(key, language), self._show)

    def _show(self, view: TemplateView) -> None:
        if (view.key, view.language) != self._current():
            return  # another template was chosen meanwhile: its own read follows
        self._shown = view
        self.subject.setText(view.subject)
        self.body.setPlainText(view.body)
        self.state.setText(t("Your version") if view.customised else t("Default text"))
        self.reset_button.setEnabled(view.customised)
        self.save_button.setEnabled(True)

    def _save(self, key: str, language: str, then: Callable[[], None]) -> None:
        subject, body = self.subject.text(), self.body.toPlainText()
        write_op(
            self,
            lambda: templates.save_template(key, language, subject, body),
            changes=Changes.of(Area.SETTINGS),
            on_done=lambda _template: then(),
            on_error=lambda error: show_error(self, t("Template not saved"), error),
        )

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save the shown template; the saved text is then reloaded (or ``then`` runs)."""
        self._save(*self._current(), then or self._load)

    def reset(self) -> None:
        key, language = self._current()
        write_op(
            self,
            lambda: templates.reset_template(key, language),
            changes=Changes.of(Area.SETTINGS),
            on_done=lambda _none: self._load(),
        )

    def reject(self) -> None:
        if self._dirty():
            answer = QMessageBox.question(
                self,
                t("Unsaved template"),
                t("Save the changes before closing?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save(then=lambda: QDialog.reject(self))  # closes once saved
                return
        super().reject()
