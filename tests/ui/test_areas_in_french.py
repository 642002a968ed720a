"""The suppliers, evidence, imports, documents, reports, risk and satisfaction screens read
in French at 1280×720 (a small laptop): nothing left in English, nothing cut off.

Each screen is opened on the demo store with the window in French (the language layer, Qt's
locale and Qt's own translations of standard buttons, as Preferences → Language applies
them); the texts a person sees are collected by ``screen_text``. Widgets showing the user's
own data (names, captions, a file's column titles) are left out of the English check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_data import write_shopify
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from screen_text import cut_off, english_left, window_language

from returnsdesk.formats.importers.generic import ColumnMapping
from returnsdesk.services import evidence
from returnsdesk.store.models import Case, Evidence

SCREEN = (1280, 720)


@pytest.fixture
def french(qapp):
    with window_language("fr"):
        yield


def _show(qtbot, widget: QWidget) -> QWidget:
    """Dialogs keep their own size (and must fit the screen); areas fill it."""
    qtbot.addWidget(widget)
    if not isinstance(widget, QDialog):
        widget.resize(*SCREEN)
    widget.show()
    qtbot.waitExposed(widget)
    if isinstance(widget, QDialog):  # room left for the title bar and the task bar
        assert widget.width() <= SCREEN[0] and widget.height() <= SCREEN[1] - 60
    return widget


def _reads_french(qtbot, widget: QWidget, ignore: tuple[QWidget, ...] = ()) -> None:
    assert english_left(widget, ignore=ignore) == []
    try:
        qtbot.waitUntil(lambda: cut_off(widget) == [], timeout=3000)
    except qtbot.TimeoutError:
        assert cut_off(widget) == []


def _supplier_case() -> Case:
    return Case.select().where(Case.supplier.is_null(False)).order_by(Case.id).first()


def _evidence_case() -> int:
    return Evidence.select().order_by(Evidence.id).first().case_id


# --- suppliers -------------------------------------------------------------------------------
def test_suppliers_area(qtbot, demo_store, french):
    from returnsdesk.ui.suppliers.view import SuppliersView

    view = _show(qtbot, SuppliersView())
    qtbot.waitUntil(lambda: view.loaded and view.details.text().count("\n") >= 2)
    _reads_french(qtbot, view, ignore=(view.details,))
    assert view.details.text().splitlines()[2].startswith("Langue : ")
    assert "Anglais" in view.details.text() or "Français" in view.details.text()


def test_supplier_money_is_one_readable_line_per_currency(qtbot, demo_store):
    """Seen when tried: amounts in two currencies were stacked without their code, in three
    narrow columns, and cut off at 1280×720. Each currency now has its own line, its code
    first, and the column is wide enough for the longest line, in both languages."""
    from returnsdesk.ui.suppliers.view import SuppliersView

    for lang in ("en", "fr"):
        with window_language(lang):
            view = _show(qtbot, SuppliersView())
            qtbot.waitUntil(lambda view=view: view.loaded)
            model, table = view.model, view.table
            metrics = table.fontMetrics()
            several = 0
            for row in range(model.rowCount()):
                summary = model.summary(row)
                text = model.index(row, model.MONEY).data()
                lines = text.splitlines()
                shown = [m for m in summary.money if m.claimed or m.recovered]
                assert [line.split(":")[0].strip() for line in lines] == [
                    m.currency for m in shown
                ] or (not shown and text == "—")
                several += len(shown) > 1
                width = max(metrics.horizontalAdvance(line) for line in lines)
                assert table.columnWidth(model.MONEY) >= width, (lang, text)
                assert table.rowHeight(row) >= len(lines) * metrics.lineSpacing()
            assert several >= 2  # the demo has suppliers paid in more than one currency
            view.close()


def test_supplier_details_name_the_language_in_words(qtbot, store, french):
    """Seen when tried: 'Language: fr · Time zone: …' (English, and a raw code)."""
    from returnsdesk.services import suppliers
    from returnsdesk.services.supplier_view import supplier_detail
    from returnsdesk.services.suppliers import SupplierInput
    from returnsdesk.ui.suppliers.view import policy_text

    supplier = suppliers.create_supplier(
        SupplierInput(name="Atelier", language="fr", timezone="Europe/Paris", evidence_days=1)
    )
    text = policy_text(supplier_detail(supplier.id))
    assert "Langue : Français · Fuseau horaire : Europe/Paris" in text
    assert "Preuves sous : 1 jour" in text
    assert "Language" not in text and ": fr" not in text


def test_supplier_dialogs(qtbot, demo_store, french):
    from returnsdesk.ui.suppliers.contact_dialogs import DecisionDialog, LogContactDialog
    from returnsdesk.ui.suppliers.supplier_dialog import SupplierDialog

    case = _supplier_case()
    edit = _show(qtbot, SupplierDialog(case.supplier_id))
    qtbot.waitUntil(lambda: edit.ready)
    _reads_french(qtbot, edit, ignore=(edit.name, edit.email, edit.dispute_platform))
    assert edit.windowTitle() == "Modifier le fournisseur"
    new = _show(qtbot, SupplierDialog())
    _reads_french(qtbot, new)
    log = _show(qtbot, LogContactDialog(None, case.id))
    qtbot.waitUntil(lambda: log.ready)
    _reads_french(qtbot, log, ignore=(log.evidence,))
    decision = _show(qtbot, DecisionDialog(case.id))
    qtbot.waitUntil(lambda: decision.ready)
    _reads_french(qtbot, decision, ignore=(decision.reference,))


def test_case_supplier_panel(qtbot, demo_store, french):
    from returnsdesk.ui.suppliers.case_panel import CaseSupplierPanel

    panel = _show(qtbot, CaseSupplierPanel(_supplier_case().id))
    qtbot.waitUntil(lambda: panel.side is not None)
    _reads_french(qtbot, panel, ignore=(panel.message,))
    assert "message" in panel.summary.text() and "(s)" not in panel.summary.text()


# --- evidence --------------------------------------------------------------------------------
def test_evidence_gallery_and_viewer(qtbot, demo_store, french):
    from returnsdesk.session import current
    from returnsdesk.ui.evidence import EvidenceGallery, EvidenceViewer

    everything = _show(qtbot, EvidenceGallery(current()))
    qtbot.waitUntil(lambda: "fichiers dans" in everything.summary.text())
    _reads_french(qtbot, everything, ignore=(everything.supplier_filter,))
    assert "fichiers dans" in everything.summary.text()
    case_id = _evidence_case()
    one_case = _show(qtbot, EvidenceGallery(current(), case_id))
    qtbot.waitUntil(lambda: one_case.model.rowCount() > 0)
    _reads_french(qtbot, one_case)
    items = evidence.list_evidence(evidence.EvidenceFilter(case_id=case_id))
    viewer = _show(qtbot, EvidenceViewer(current(), items, 0))
    _reads_french(qtbot, viewer, ignore=(viewer.caption, viewer.fields["name"]))
    assert viewer.fields["position"].text() == f"1 sur {len(items)}"
    assert viewer.fields["size"].text().endswith(("Ko", "Mo", "octets"))


def test_type_icon_labels_fit_their_band(qapp, french):
    """Seen when tried: "SANS APERÇU" ran over both edges of the icon's band."""
    from PySide6.QtGui import QFontMetrics

    from returnsdesk.services.evidence import MediaType
    from returnsdesk.ui.evidence.icons import SIZE, _label, band_font

    width = SIZE - 56 - 8  # the page's width inside the icon, less a margin
    for kind in MediaType:
        text = _label(kind)
        assert QFontMetrics(band_font(text, width)).horizontalAdvance(text) <= width, text
    assert _label(MediaType.IMAGE) == "SANS APERÇU"


def test_attach_dialog(qtbot, demo_store, french):
    from returnsdesk.ui.evidence.dialogs import AttachDialog

    dialog = _show(qtbot, AttachDialog([Path("photo.jpg"), Path("boite.png")], None))
    _reads_french(qtbot, dialog)


# --- imports ---------------------------------------------------------------------------------
def test_import_preview_and_mapping(qtbot, store, tmp_path, monkeypatch, french):
    from returnsdesk.ui.imports.dialog import ImportOrdersDialog
    from returnsdesk.ui.imports.mapping_dialog import ColumnMappingDialog

    path = write_shopify(tmp_path / "commandes.csv", 3)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    dialog = _show(qtbot, ImportOrdersDialog())
    assert dialog.start()
    qtbot.waitUntil(
        lambda: dialog.stack.currentIndex() == dialog.PAGE_PREVIEW and dialog.job is None,
        timeout=10000,
    )
    _reads_french(qtbot, dialog)
    assert dialog.count_labels["orders"].text().startswith("3 nouvelles")
    header = ["Réf", "Courriel", "Article", "Qté", "Prix", "Jour"]
    mapping = _show(
        qtbot,
        ColumnMappingDialog(
            header,
            [["A1", "a@b.fr", "Lampe", "1", "12,00", "01/05/2026"]],
            ColumnMapping({}, "EUR", "dmy"),
            file_name="commandes.csv",
        ),
    )
    _reads_french(qtbot, mapping)
    mapping.accept()
    assert "Choisissez une colonne pour : Numéro de commande" in mapping._error.text()


# --- documents -------------------------------------------------------------------------------
def test_document_dialogs(qtbot, demo_store, french):
    from returnsdesk.ui.documents import PeriodDialog, ShopDetailsDialog

    period = _show(qtbot, PeriodDialog())
    _reads_french(qtbot, period)
    shop = _show(qtbot, ShopDetailsDialog())
    _reads_french(
        qtbot, shop, ignore=(shop.name, shop.email, shop.website, shop.phone, shop.logo_path)
    )


def test_document_previews(qtbot, demo_store, french):
    from returnsdesk.ui.documents import open_instructions, open_summary

    case = _supplier_case()
    for job in (open_instructions(None, case.id, lang="fr"), open_summary(None, *_year())):
        qtbot.waitUntil(lambda job=job: job.preview is not None, timeout=20000)
        preview = job.preview
        qtbot.addWidget(preview)
        preview.resize(min(preview.width(), SCREEN[0]), SCREEN[1] - 60)
        _reads_french(qtbot, preview)
        assert preview.pages_label.text().endswith(("page", "pages"))


def _year():
    from datetime import date

    return date(2026, 1, 1), date(2026, 12, 31)


# --- reports, risk, satisfaction -------------------------------------------------------------
def test_reports_area_every_view(qtbot, demo_store, french):
    from returnsdesk.ui.reports.area import ReportsArea

    area = ReportsArea()
    with qtbot.waitSignal(area.loaded, timeout=20000):
        _show(qtbot, area)
    for index in range(area.tabs.count()):
        area.view_list.setCurrentRow(index)
        assert area.tabs.currentIndex() == index
        _reads_french(qtbot, area)


def test_risk_preferences_page(qtbot, demo_store, french):
    from returnsdesk.ui.risk.preferences_page import RiskPreferencesPage

    page = _show(qtbot, RiskPreferencesPage())
    _reads_french(qtbot, page)
    assert page.title() == "Signaux de risque"


def test_survey_dialog_and_offer(qtbot, demo_store, french):
    from returnsdesk.ui.satisfaction.dialog import SurveyAnswerDialog
    from returnsdesk.ui.satisfaction.offer import SurveyOffer

    case = _supplier_case()
    dialog = _show(qtbot, SurveyAnswerDialog(case.id, case.rma))
    _reads_french(qtbot, dialog)
    dialog.paste.setPlainText("Facilité : 4")
    dialog.read_button.click()
    assert dialog.read_result.text() == "Lecture impossible : résultat. Saisissez-le à la main."
    offer = SurveyOffer()
    offer.show()
    _reads_french(qtbot, _show(qtbot, offer))


def test_survey_question_box(qtbot, demo_store, french, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from returnsdesk.ui.satisfaction.offer import SurveyMenu

    shown: list[QMessageBox] = []

    def record(box):
        box.show()
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    parent = QWidget()
    qtbot.addWidget(parent)
    case = _supplier_case()
    assert SurveyMenu(parent, case.id, case.rma).run() is False
    (box,) = shown
    assert box.windowTitle() == "Enquête de satisfaction"
    _reads_french(qtbot, box)
