"""Look at a screen as a French reader would: what text it shows, and whether it fits.

``window_language("fr")`` switches the language layer and Qt's locale for a test;
``english_left(widget)`` lists visible texts still in English; ``cut_off(widget)``
lists texts that do not fit their widget (elided text counts as fitting only when the
widget's tooltip shows it whole). Item-view cells and typed text are the user's data and
are not checked; their headers are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)
from translations import python_files, sources

from returnsdesk.domain import i18n
from returnsdesk.domain.i18n.catalogue import catalogue
from returnsdesk.ui import language

#: Words that are English and never French: one of them in a French window is a leftover.
ENGLISH_WORDS = frozenset(
    "the and with your you this that is are was not from of to for by at open opened closed "
    "save cancel add edit delete print search due paid customer customers supplier suppliers "
    "refund refunds order orders case cases reason amount new show hide view today tomorrow "
    "days overdue waiting none yes file files settings help back next week month year money "
    "ledger evidence inbox report reports close choose select send sent received "
    "return returns label labels address replies reply when where what which".split()
)
#: Words both languages write the same way, or names.
SHARED = frozenset(
    "rma sku pdf csv xlsx iso eur gbp usd id url e-mail email ok chargeback paypal stripe "
    "shopify woocommerce aliexpress cj spocket returnsdesk".split()
)


@contextmanager
def window_language(lang: str) -> Iterator[None]:
    """The window's language as the app applies it at start-up: the language layer, Qt's
    locale and Qt's own translations (the standard buttons)."""
    app = QApplication.instance()
    previous = i18n.current_language()
    language.apply(app, lang)
    try:
        yield
    finally:
        language.apply(app, previous)


@cache
def _english_sources() -> frozenset[str]:
    """English strings of the code whose French differs: seen in French, they are leftovers."""
    french = catalogue("fr")
    found = set()
    for source in sources(python_files()):
        text = french.singular.get((source.context, source.msgid))
        if text != source.msgid and re.search(r"[A-Za-z]{3}", source.msgid):
            found.add(source.msgid.strip())
    return frozenset(s for s in found if len(s) >= 4)


def _texts(widget: QWidget) -> Iterator[tuple[QWidget, str]]:
    if widget.windowTitle() and widget.isWindow():
        yield widget, widget.windowTitle()
    if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText:
        yield widget, re.sub(r"<[^>]+>", " ", widget.text())
    elif isinstance(widget, QAbstractButton | QGroupBox):
        yield widget, widget.text() if isinstance(widget, QAbstractButton) else widget.title()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield widget, widget.tabText(index)
    elif isinstance(widget, QComboBox) and not widget.isEditable():
        for index in range(widget.count()):
            yield widget, widget.itemText(index)
    elif isinstance(widget, QLineEdit):
        yield widget, widget.placeholderText()
    elif isinstance(widget, QAbstractItemView) and hasattr(widget, "horizontalHeader"):
        yield from ((widget, text) for _, text in _header_texts(widget))
    elif isinstance(widget, QMenu):
        for action in widget.actions():
            yield widget, action.text().replace("&", "")
    if widget.toolTip():
        yield widget, widget.toolTip()


def _header_texts(view: QAbstractItemView) -> Iterator[tuple[int, str]]:
    header = view.horizontalHeader()
    model = view.model()
    if model is None or header.isHidden():
        return
    for column in range(header.count()):
        if not header.isSectionHidden(column):
            yield column, str(model.headerData(column, Qt.Orientation.Horizontal) or "")


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [root] + [w for w in root.findChildren(QWidget) if w.isVisibleTo(root)]


def all_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    texts = []
    for widget in visible_widgets(root):
        texts += [(w, s) for w, s in _texts(widget) if s.strip()]
    if hasattr(root, "menuBar"):
        for menu in root.menuBar().findChildren(QMenu):
            texts += [(menu, s) for _, s in _texts(menu) if s.strip()]
    return texts


def _is_english(text: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", text)
    lowered = [w.lower() for w in words if w.lower() not in SHARED]
    if any(w in ENGLISH_WORDS for w in lowered):
        return True
    core = re.sub(r"\s*\(.*?\)|[:…]+$", "", text).strip()
    return any(line.strip() in _english_sources() for line in (text, core, *text.splitlines()))


def english_left(root: QWidget, ignore: tuple[QWidget, ...] = ()) -> list[str]:
    """Visible texts still in English (``ignore``: widgets that show the user's own data)."""
    skipped = set(ignore)
    for widget in ignore:
        skipped.update(widget.findChildren(QWidget))
    return sorted(
        {
            f"{type(w).__name__}: {s!r}"
            for w, s in all_texts(root)
            if w not in skipped and _is_english(s)
        }
    )


def _fits(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        if widget.wordWrap():
            return widget.height() >= widget.heightForWidth(widget.width()) - 1
        return widget.width() >= widget.sizeHint().width() - 1 or widget.toolTip() == widget.text()
    if isinstance(widget, QAbstractButton):
        return not widget.text() or widget.width() >= widget.sizeHint().width() - 1
    if isinstance(widget, QGroupBox):
        return widget.width() >= widget.fontMetrics().horizontalAdvance(widget.title()) + 16
    return True


def _tabs_fit(bar: QTabBar) -> list[str]:
    return [
        f"tab {bar.tabText(i)!r}"
        for i in range(bar.count())
        if bar.tabRect(i).width() < bar.fontMetrics().horizontalAdvance(bar.tabText(i))
        or not bar.rect().contains(bar.tabRect(i))
    ]


def _headers_fit(view: QAbstractItemView) -> list[str]:
    if not hasattr(view, "horizontalHeader"):
        return []
    header = view.horizontalHeader()
    return [
        f"column {text!r}"
        for column, text in _header_texts(view)
        if header.sectionSize(column) < header.fontMetrics().horizontalAdvance(text) + 12
    ]


def cut_off(root: QWidget) -> list[str]:
    """Texts that do not fit: labels, buttons, group titles, tabs and column headers."""
    cut = []
    for widget in visible_widgets(root):
        if isinstance(widget, QTabBar):
            cut += _tabs_fit(widget)
        elif isinstance(widget, QAbstractItemView):
            cut += _headers_fit(widget)
        elif not _fits(widget):
            text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
            cut.append(f"{type(widget).__name__} {text!r}")
    return cut
