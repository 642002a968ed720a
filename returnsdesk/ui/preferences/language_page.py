"""Edit → Preferences… → Language: the window's language, the default language of
documents and messages, and how dates and amounts look in each.

The window's language is kept in QSettings (it is needed before a store is open); the
documents' default language is the shop's (``settings.ShopDetails.language``, in the
store, so it travels with backups). A customer whose language is known gets theirs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from babel import Locale
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from returnsdesk.domain.i18n import LANGUAGES, current_language, t
from returnsdesk.domain.i18n.formatting import date_text, money_text
from returnsdesk.services import settings
from returnsdesk.services.clock import utc_now
from returnsdesk.ui import language
from returnsdesk.ui.preferences.dialog import PageWrite, PreferencesPage

#: The amount shown in the example line, in minor units.
EXAMPLE_MINOR = 123456


def language_name(code: str, shown_in: str | None = None) -> str:
    """``fr`` as a reader of ``shown_in`` names it, followed by its own name when that
    differs ("French (français)" / "Anglais (English)"), so either reader finds theirs."""
    reader = shown_in or current_language()
    name = Locale.parse(code).get_display_name(reader) or code
    own = Locale.parse(code).get_display_name(code) or code
    name = name[:1].upper() + name[1:]
    return name if own.lower() == name.lower() else f"{name} ({own})"


def example_line(lang: str, currency: str, today: date) -> str:
    """Today's date and an amount as ``lang`` writes them."""
    return t(
        "Example: {date} · {amount}",
        date=date_text(today, lang, "long"),
        amount=money_text(EXAMPLE_MINOR, currency, lang),
    )


class LanguagePage(PreferencesPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shop = settings.shop_details()
        self.today = utc_now().date()
        self.window_language = QComboBox(self)
        self.window_language.setObjectName("window-language")
        system = language.resolve(language.SYSTEM)
        self.window_language.addItem(
            t("Same as the system: {language}", language=language_name(system)), language.SYSTEM
        )
        for code in LANGUAGES:
            self.window_language.addItem(language_name(code), code)
        self.window_language.setCurrentIndex(
            max(0, self.window_language.findData(language.chosen()))
        )
        self.window_example = self._example_label()

        self.documents_language = QComboBox(self)
        self.documents_language.setObjectName("documents-language")
        for code in LANGUAGES:
            self.documents_language.addItem(language_name(code), code)
        self.documents_language.setCurrentIndex(
            max(0, self.documents_language.findData(self.shop.language))
        )
        self.documents_example = self._example_label()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(t("Window language:"), self.window_language)
        form.addRow("", self.window_example)
        form.addRow(t("Documents and messages:"), self.documents_language)
        form.addRow("", self.documents_example)
        hint = QLabel(
            t(
                "Return instructions and messages to a customer are written in the customer's "
                "language when it is known, and in this language otherwise; messages to a "
                "supplier in the supplier's language. Dates and amounts follow the language. "
                "A new window language applies as soon as you save; open cases stay open."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.window_language.currentIndexChanged.connect(self._show_examples)
        self.documents_language.currentIndexChanged.connect(self._show_examples)
        self._show_examples()

    def _example_label(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: palette(mid);")
        return label

    def chosen_window_language(self) -> str:
        return language.resolve(self.window_language.currentData())

    def _show_examples(self) -> None:
        currency = self.shop.default_currency or "EUR"
        self.window_example.setText(
            example_line(self.chosen_window_language(), currency, self.today)
        )
        self.documents_example.setText(
            example_line(self.documents_language.currentData(), currency, self.today)
        )

    def title(self) -> str:
        return t("Language")

    def write(self) -> PageWrite:
        window_choice = str(self.window_language.currentData())
        documents = str(self.documents_language.currentData())

        def save() -> None:
            shop = settings.shop_details()
            if documents != shop.language:
                settings.save_shop_details(replace(shop, language=documents))
            language.remember(window_choice)  # QSettings: safe from the writer thread

        return save
