"""Document preview, period picker and shop details dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from returnsdesk.formats.pdf.instructions import build_instructions
from returnsdesk.services import settings
from returnsdesk.store.models import Case
from returnsdesk.ui.documents import (
    DocumentPreview,
    PeriodDialog,
    ShopDetailsDialog,
    open_instructions,
)


def test_preview_opens_and_saves(demo_store, qtbot, tmp_path, monkeypatch, now):
    case = Case.select().first()
    pdf = build_instructions(case.id, "en", now)
    preview = DocumentPreview(pdf, case.rma, f"{case.rma}.pdf")
    qtbot.addWidget(preview)
    assert preview.page_count > 0
    target = tmp_path / "saved"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert preview.save_as() == str(target) + ".pdf"
    assert (tmp_path / "saved.pdf").read_bytes() == pdf


def test_preview_prints_to_a_pdf_printer(demo_store, qtbot, tmp_path, now):
    from PySide6.QtPrintSupport import QPrinter

    case = Case.select().first()
    preview = DocumentPreview(build_instructions(case.id, "en", now), "x", "x.pdf")
    qtbot.addWidget(preview)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.render_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_open_instructions_runs_off_thread(demo_store, qtbot):
    case = Case.select().first()
    job = open_instructions(None, case.id, "fr")
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert job.preview is not None and job.preview.page_count >= 1
    job.preview.close()


def test_period_dialog_presets_and_validation(qtbot):
    dialog = PeriodDialog(today=date(2026, 5, 20))
    qtbot.addWidget(dialog)
    assert dialog.period() == (date(2026, 4, 1), date(2026, 4, 30))
    dialog.preset.setCurrentIndex(3)
    assert dialog.period() == (date(2026, 1, 1), date(2026, 5, 20))
    dialog.start.setDate(dialog.end.date().addDays(1))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_shop_details_dialog_saves_and_checks_logo(demo_store, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QColor, QImage

    from returnsdesk.ui import operations

    warnings = []
    monkeypatch.setattr(
        "returnsdesk.ui.documents.shop_details_dialog.show_error",
        lambda parent, title, error: warnings.append(str(error)),
    )
    dialog = ShopDetailsDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Łódź Shop")
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    dialog.logo_path.setText(str(bad))
    dialog.accept()
    assert warnings and "not a readable image" in warnings[0]
    assert operations.wait_for_writes()
    assert settings.shop_details().name != "Łódź Shop"

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    good = tmp_path / "good.png"
    image.save(str(good))
    dialog.logo_path.setText(str(good))
    dialog.language.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.accept()  # saved on the writer thread, then the dialog closes
    assert operations.wait_for_writes()
    saved = settings.shop_details()
    assert saved.name == "Łódź Shop" and saved.logo_path == str(good) and saved.language == "fr"
