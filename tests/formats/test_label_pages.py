"""The prepaid label printed with the return instructions: vector PDF pages, scaled images."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from returnsdesk.domain.errors import InputError
from returnsdesk.formats.pdf.instructions import build_instructions
from returnsdesk.formats.pdf.label_pages import (
    SIZE_4X6,
    Box,
    LabelArt,
    LabelPage,
    Paper,
    fit,
    label_pages,
)
from returnsdesk.services.return_labels import set_label
from tests.factories import make_case
from tests.label_files import make_label_image, make_label_pdf

A4 = (595.2756, 841.8898)
LETTER = (612.0, 792.0)


def _sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]


def _text(pdf: bytes, page: int) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[page].extract_text()


def test_a_pdf_label_becomes_a_vector_page_whose_text_reads_back(store, now, tmp_path):
    case = make_case(now)
    label = make_label_pdf(tmp_path / "label.pdf")
    set_label(store.evidence_dir, case.id, label, carrier="Colissimo", tracking="8R001", now=now)
    pdf = build_instructions(case.id, "en", now, evidence_dir=store.evidence_dir)
    reader = PdfReader(io.BytesIO(pdf))
    last = reader.pages[-1]
    text = last.extract_text()
    assert "COLISSIMO RETOUR 8R00112233445" in text  # the carrier's own text, still text
    assert f"Prepaid return label – {case.rma}" in text
    assert "Tracking number: 8R001" in text
    assert len(last.images) == 0  # merged as vector content, not a picture of the label
    assert _sizes(pdf)[-1] == (595.3, 841.9)
    # The instructions say where the label is, and who carries it.
    assert "prepaid Colissimo return label is printed on the last page" in _text(pdf, 0).replace(
        "\n", " "
    )


def test_every_page_of_a_two_page_label_is_printed(store, now, tmp_path):
    case = make_case(now)
    set_label(store.evidence_dir, case.id, make_label_pdf(tmp_path / "l.pdf", pages=2), now=now)
    pdf = build_instructions(case.id, "en", now, evidence_dir=store.evidence_dir)
    reader = PdfReader(io.BytesIO(pdf))
    assert "Label page 1" in reader.pages[-2].extract_text()
    assert "Label page 2" in reader.pages[-1].extract_text()


def test_the_4x6_option_makes_a_4x6_label_page(store, now, tmp_path):
    case = make_case(now)
    set_label(store.evidence_dir, case.id, make_label_pdf(tmp_path / "l.pdf"), now=now)
    pdf = build_instructions(
        case.id, "fr", now, evidence_dir=store.evidence_dir, label_page=LabelPage.LABEL_4X6
    )
    sizes = _sizes(pdf)
    assert sizes[0] == (595.3, 841.9)  # the instructions stay on A4
    assert sizes[-1] == (288.0, 432.0)  # 4 × 6 in
    assert "COLISSIMO RETOUR" in _text(pdf, -1)


def test_letter_paper_for_the_instructions_and_the_label_sheet(store, now, tmp_path):
    case = make_case(now)
    set_label(store.evidence_dir, case.id, make_label_pdf(tmp_path / "l.pdf"), now=now)
    pdf = build_instructions(case.id, "en", now, evidence_dir=store.evidence_dir, paper="letter")
    assert set(_sizes(pdf)) == {(612.0, 792.0)}


def test_an_image_label_is_scaled_to_fit(store, now, tmp_path):
    # 3000×4500 px at 72 dpi would be 41×62 in: far bigger than any page.
    big = make_label_image(tmp_path / "label.png", size=(3000, 4500), dpi=72)
    case = make_case(now)
    set_label(store.evidence_dir, case.id, big, now=now)
    for label_page, size in ((LabelPage.SHEET, A4), (LabelPage.LABEL_4X6, SIZE_4X6)):
        pdf = build_instructions(
            case.id, "en", now, evidence_dir=store.evidence_dir, label_page=label_page
        )
        page = PdfReader(io.BytesIO(pdf)).pages[-1]
        assert len(page.images) == 1
        # The drawn image's bounding box (from the content stream) lies inside the page.
        ops = page.get_contents().get_data().decode("latin-1")
        cm = [line for line in ops.splitlines() if line.strip().endswith(" cm")][-1].split()
        width, height, x, y = (float(v) for v in (cm[0], cm[3], cm[4], cm[5]))
        assert 0 <= x and x + width <= size[0] + 0.01
        assert 0 <= y and y + height <= size[1] + 0.01
        assert height / width == pytest.approx(4500 / 3000, rel=1e-3)  # not distorted
        assert max(width / size[0], height / size[1]) > 0.8  # and it fills the space


def test_fit_keeps_real_size_on_paper_and_fills_a_label_page():
    box = Box(0, 0, 500, 700)
    assert fit(288, 432, box, enlarge=False)[0] == 1.0  # 4×6 label at 100 % on A4
    assert fit(288, 432, box, enlarge=True)[0] == pytest.approx(700 / 432)  # height limits
    assert fit(1000, 1000, box, enlarge=False)[0] == 0.5  # too big: shrunk


def test_a_landscape_label_is_turned_to_fill_a_4x6_page(tmp_path):
    label = make_label_pdf(tmp_path / "wide.pdf", size=(432, 288))  # 6 × 4 in
    art = LabelArt(label, True, "Label", "")
    page = PdfReader(io.BytesIO(label_pages(art, Paper.A4, LabelPage.LABEL_4X6))).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == SIZE_4X6
    ops = page.get_contents().get_data().decode("latin-1")
    # The merged label is drawn through a rotation matrix (0 s -s 0 …), not straight.
    matrices = [line.split() for line in ops.splitlines() if line.strip().endswith(" cm")]
    matrix = next(m for m in matrices if m[:4] != ["1", "0", "0", "1"])  # not a translation
    assert re.search(r"re\s+W\s+n", ops)  # and clipped to its own page
    assert float(matrix[0]) == pytest.approx(0, abs=1e-6)
    assert abs(float(matrix[1])) > 0.9
    assert "COLISSIMO" in page.extract_text()


def test_what_a_label_draws_outside_its_page_does_not_spill_over(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "spill.pdf"
    c = canvas.Canvas(str(path), pagesize=(288, 432))
    c.drawString(20, 200, "INSIDE")
    c.drawString(20, 900, "OUTSIDE")  # above the page: invisible in any viewer
    c.save()
    pdf = label_pages(LabelArt(path, True, "Label", ""), Paper.A4, LabelPage.SHEET)
    ops = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    clip = re.search(r"288(\.0+)? 432(\.0+)?\s+re\s+W\s+n", ops)
    assert clip is not None and clip.start() < ops.index("OUTSIDE")  # drawn inside the clip


def test_a_damaged_stored_label_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken"
    broken.write_bytes(b"%PDF-1.4 not really")
    art = LabelArt(broken, True, "Label", "")
    with pytest.raises(InputError, match="label file cannot be read"):
        label_pages(art, Paper.A4, LabelPage.SHEET)


def test_no_label_no_label_page(store, now):
    case = make_case(now)
    pdf = build_instructions(case.id, "en", now, evidence_dir=store.evidence_dir)
    assert "Prepaid return label" not in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages
    )


def test_label_expiry_printed_on_the_instructions(store, now, tmp_path):
    case = make_case(now)
    set_label(
        store.evidence_dir,
        case.id,
        make_label_pdf(tmp_path / "l.pdf"),
        expires_on=date(2026, 6, 19),
        now=now,
    )
    pdf = build_instructions(case.id, "fr", now, evidence_dir=store.evidence_dir)
    assert "valable jusqu'au 19 juin 2026" in _text(pdf, 0).replace("\n", " ")


def test_letter_instructions_keep_the_slip_on_the_first_page(demo_store, now):
    """Letter is 18 mm shorter than A4; a one-item return still fits on one page with its
    slip (longer ones move the whole slip to the next page, never half of it)."""
    from returnsdesk.domain.workflow import Kind
    from returnsdesk.store.models import Case, CaseLine, ReturnLabel

    labelled = {row.case_id for row in ReturnLabel.select()}
    checked = 0
    for case in Case.select().where(Case.kind == Kind.RETURN).limit(12):
        if CaseLine.select().where(CaseLine.case == case).count() != 1:
            continue
        pdf = build_instructions(
            case.id, "fr", now, evidence_dir=demo_store.evidence_dir, paper="letter"
        )
        pages = PdfReader(io.BytesIO(pdf)).pages
        assert len(pages) == 1 + (1 if case.id in labelled else 0), case.rma
        assert "Coupon de retour" in pages[0].extract_text()
        checked += 1
    assert checked >= 3
