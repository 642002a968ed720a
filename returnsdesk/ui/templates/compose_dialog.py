"""Write a message from a template: pick it, see it filled from the case, edit, then send.

"Send" means what the user's own tools do: copy to the clipboard or open the
mail program (mailto:). Either way the message can be logged on the case in
the same step — as a supplier contact awaiting a reply, or on the customer
side of the timeline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import N_, t
from returnsdesk.domain.messages import AUDIENCE, SUPPLIER, TEMPLATE_TITLES, TemplateKey, mailto_url
from returnsdesk.services import templates
from returnsdesk.services.changes import Area, Changes
from returnsdesk.services.templates import RenderedMessage
from returnsdesk.ui.messages import show_error
from returnsdesk.ui.operations import read_op, write_op

#: The languages a message or a template is written in, by code.
LANGUAGE_NAMES = {"en": N_("English"), "fr": N_("French")}


class ComposeDialog(QDialog):
    """The chosen template filled from the case (read off the GUI thread); copying or
    mailing it logs it on the case through the one writer."""

    def __init__(
        self, case_id: int, key: TemplateKey | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.logged = False
        self._logging = False  # a log is on its way to the writer
        self._fills = 0  # the latest fill asked for; older answers are dropped
        self.filled = False  # the template text has arrived at least once
        self.setWindowTitle(t("Write a message"))
        self._build_fields(key)
        self.resize(760, 620)
        read_op(self, lambda: templates.case_rma(case_id), self._show_rma)
        self.fill()

    def _build_fields(self, key: TemplateKey | None) -> None:
        self.template = QComboBox(self)
        for template_key in TemplateKey:
            self.template.addItem(t(TEMPLATE_TITLES[template_key]), template_key.value)
        if key is not None:
            self.template.setCurrentIndex(self.template.findData(key.value))
        self.language = QComboBox(self)
        self.language.addItem(t("Recipient's language"), None)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(t(name), code)
        self.to = QLineEdit(self)
        self.subject = QLineEdit(self)
        self.subject.setMaxLength(300)
        self.body = QPlainTextEdit(self)
        self.body.setMinimumHeight(300)
        self.missing = QLabel(self)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b71c1c;")
        self.log_it = QCheckBox(t("Log it on the case as sent"), self)
        self.log_it.setChecked(True)
        self.copy_button = QPushButton(t("Copy to clipboard"), self)
        self.mail_button = QPushButton(t("Open in mail program"), self)
        self.mail_button.setDefault(True)
        close = QPushButton(t("Close"), self)
        self.copy_button.clicked.connect(self.copy_and_log)
        self.mail_button.clicked.connect(self.mail_and_log)
        close.clicked.connect(self.reject)
        self.template.currentIndexChanged.connect(self.fill)
        self.language.currentIndexChanged.connect(self.fill)
        self.body.textChanged.connect(self._markers_left)
        self.subject.textChanged.connect(self._markers_left)
        self._lay_out(close)

    def _lay_out(self, close: QPushButton) -> None:
        choose = QHBoxLayout()
        choose.addWidget(self.template, 2)
        choose.addWidget(self.language, 1)
        form = QFormLayout()
        form.addRow(t("Template:"), choose)
        form.addRow(t("To:", context="recipient"), self.to)
        form.addRow(t("Subject:"), self.subject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_it)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.mail_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.missing)
        layout.addLayout(buttons)

    def _show_rma(self, rma: str) -> None:
        self.setWindowTitle(t("Write a message — {rma}", rma=rma))

    def key(self) -> TemplateKey:
        return TemplateKey(self.template.currentData())

    def fill(self, *_args: object) -> None:
        """Fill the chosen template from the case (replaces what was typed)."""
        self._fills += 1
        token, case_id = self._fills, self.case_id
        key, language = self.key(), self.language.currentData()
        read_op(
            self,
            lambda: templates.render_for_case(case_id, key, language),
            lambda message: self._show_filled(token, message),
            on_error=lambda error: show_error(self, t("Template not filled"), error),
        )

    def _show_filled(self, token: int, message: RenderedMessage) -> None:
        if token != self._fills:
            return  # the user chose another template or language meanwhile
        self.to.setText(message.to)
        self.subject.setText(message.subject)
        self.body.setPlainText(message.body)
        if message.missing:
            self.missing.setText(
                t("Fill in before sending: {names}", names=", ".join(message.missing))
            )
        else:
            self.missing.setText("")
        self.filled = True

    def _markers_left(self, *_args: object) -> None:
        """Once the user has filled in every marked value by hand, the warning goes."""
        if not self._unfinished():
            self.missing.setText("")

    def _unfinished(self) -> bool:
        return templates.has_missing_marker(self.subject.text()) or templates.has_missing_marker(
            self.body.toPlainText()
        )

    def _refuse_unfinished(self) -> bool:
        """True (and says so) while a value the case did not have is still marked."""
        if not self._unfinished():
            return False
        show_error(
            self,
            t("Message not finished"),
            InputError(
                t(
                    "The message still has a value to fill in (marked “[missing: …]”). "
                    "Type it in place of the marker, then copy or send the message."
                )
            ),
        )
        return True

    def copy_and_log(self) -> bool:
        if self._refuse_unfinished():
            return False
        QGuiApplication.clipboard().setText(f"{self.subject.text()}\n\n{self.body.toPlainText()}")
        return self._log_if_wanted()

    def mail_and_log(self) -> bool:
        if self._refuse_unfinished():
            return False
        try:
            url = mailto_url(self.to.text().strip(), self.subject.text(), self.body.toPlainText())
        except InputError as exc:
            show_error(self, t("Cannot open the mail program"), exc)
            return False
        QDesktopServices.openUrl(QUrl(url))
        return self._log_if_wanted()

    def _log_if_wanted(self) -> bool:
        if not self.log_it.isChecked() or self.logged or self._logging:
            return True
        self.log_now()
        return True

    def log_now(self) -> None:
        """Log the message on the case through the writer (once)."""
        case_id, key = self.case_id, self.key()
        subject, body = self.subject.text(), self.body.toPlainText()
        areas = (Area.CONTACTS, Area.SUPPLIERS) if AUDIENCE[key] == SUPPLIER else (Area.CASES,)
        self._logging = True
        self.log_it.setEnabled(False)
        write_op(
            self,
            lambda: templates.log_composed_message(case_id, key, subject, body),
            changes=Changes.of(*areas, cases=[case_id]),
            on_done=self._logged,
            on_error=self._not_logged,
        )

    def _logged(self, _result: None) -> None:
        self._logging = False
        self.logged = True
        self.log_it.setText(t("Logged on the case"))

    def _not_logged(self, error: Exception) -> None:
        self._logging = False
        self.log_it.setEnabled(True)
        show_error(self, t("Message not logged"), error)
