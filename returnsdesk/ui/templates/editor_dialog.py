"""Edit the message templates (English and French), with the list of placeholders."""

from __future__ import annotations

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
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import current_language, t
from returnsdesk.domain.messages import PLACEHOLDERS, TEMPLATE_TITLES, TemplateKey
from returnsdesk.services import templates
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.templates.compose_dialog import LANGUAGE_NAMES


class TemplateEditorDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Message templates"))
        self._shown: tuple[str, str] | None = None
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
        placeholder_box = QVBoxLayout()
        placeholder_box.addWidget(QLabel(t("Placeholders (double-click to insert):"), self))
        placeholder_box.addWidget(self.placeholders, 1)
        self.save_button = QPushButton(t("Save"), self)
        self.reset_button = QPushButton(t("Restore the default"), self)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.template.currentIndexChanged.connect(self._switch)
        self.language.currentIndexChanged.connect(self._switch)

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
        columns = QHBoxLayout()
        columns.addLayout(editor, 3)
        columns.addLayout(placeholder_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(close)
        self.resize(1000, 620)
        self._load()

    def insert_placeholder(self, item: QListWidgetItem) -> None:
        self.body.insertPlainText("{" + item.data(Qt.ItemDataRole.UserRole) + "}")
        self.body.setFocus()

    def _current(self) -> tuple[str, str]:
        return self.template.currentData(), self.language.currentData()

    def _dirty(self) -> bool:
        if self._shown is None:
            return False
        saved = templates.get_template(*self._shown)
        return (self.subject.text(), self.body.toPlainText()) != (saved.subject, saved.body)

    def _switch(self, *_args) -> None:
        if self._dirty():
            answer = QMessageBox.question(
                self,
                t("Unsaved template"),
                t("Save the changes to the template you were editing?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
            )
            if answer == QMessageBox.StandardButton.Save:
                self._save(*self._shown)
        self._load()

    def _load(self) -> None:
        key, language = self._current()
        template = templates.get_template(key, language)
        self.subject.setText(template.subject)
        self.body.setPlainText(template.body)
        self._shown = (key, language)
        customised = templates.is_customised(key, language)
        self.state.setText(t("Your version") if customised else t("Default text"))
        self.reset_button.setEnabled(customised)

    def _save(self, key: str, language: str) -> bool:
        try:
            templates.save_template(key, language, self.subject.text(), self.body.toPlainText())
        except InputError as exc:
            show_error(self, t("Template not saved"), exc)
            return False
        return True

    def save(self) -> bool:
        if self._save(*self._current()):
            self._load()
            return True
        return False

    def reset(self) -> None:
        templates.reset_template(*self._current())
        self._load()

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
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()
