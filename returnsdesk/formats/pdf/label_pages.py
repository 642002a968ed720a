"""The prepaid label as pages of the return instructions.

A PDF label stays vector: each of its pages is placed on a page of the chosen size with
pypdf (``merge_transformed_page``), so barcodes print as sharp as the carrier drew them.
An image label (PNG, JPEG) is drawn scaled to fit. On A4 or Letter the label keeps its
real size when it fits (carriers ask for labels printed at 100 %) under a short heading;
on a 4×6 in page (thermal label printers) it is scaled to fill the page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class LabelPage(StrEnum):
    """Where the label is printed: a page of the document's paper, or a 4×6 in label."""

    SHEET = "sheet"
    LABEL_4X6 = "4x6"


PAPER_SIZES = {Paper.A4: A4, Paper.LETTER: LETTER}
SIZE_4X6 = (4 * inch, 6 * inch)
_SHEET_MARGIN = 15 * mm
_LABEL_MARGIN = 0.1 * inch
_HEADING_SPACE = 24 * mm
#: An image without a resolution is taken as a 4×6 in label at most.
_DEFAULT_IMAGE_BOX = SIZE_4X6


@dataclass(frozen=True)
class LabelArt:
    path: Path
    is_pdf: bool
    heading: str
    note: str


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


def page_size(paper: Paper, label_page: LabelPage) -> tuple[float, float]:
    return SIZE_4X6 if label_page == LabelPage.LABEL_4X6 else PAPER_SIZES[paper]


def fit(width: float, height: float, box: Box, enlarge: bool) -> tuple[float, float, float]:
    """(scale, x, y): ``width``×``height`` scaled into ``box``, centred horizontally, at its top."""
    scale = min(box.width / width, box.height / height)
    if not enlarge:
        scale = min(scale, 1.0)
    w, h = width * scale, height * scale
    return scale, box.x + (box.width - w) / 2, box.y + box.height - h


def turn_to_fit(width: float, height: float, box: Box, enlarge: bool) -> bool:
    """Whether a quarter turn lets the label print clearly bigger (a landscape label on a
    portrait 4×6 in page, a label too wide for the sheet)."""
    straight = fit(width, height, box, enlarge)[0]
    turned = fit(height, width, box, enlarge)[0]
    return turned > straight * 1.05


def _box(size: tuple[float, float], label_page: LabelPage) -> Box:
    w, h = size
    if label_page == LabelPage.LABEL_4X6:
        m = _LABEL_MARGIN
        return Box(m, m, w - 2 * m, h - 2 * m)
    m = _SHEET_MARGIN
    return Box(m, m, w - 2 * m, h - 2 * m - _HEADING_SPACE)


def _draw_heading(canvas: Any, art: LabelArt, size: tuple[float, float]) -> None:
    from returnsdesk.formats.pdf.common import FONT, FONT_BOLD, INK, MUTED

    w, h = size
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 14)
    canvas.drawString(_SHEET_MARGIN, h - _SHEET_MARGIN - 4 * mm, art.heading)
    canvas.setFont(FONT, 9)
    canvas.setFillColor(MUTED)
    canvas.drawString(_SHEET_MARGIN, h - _SHEET_MARGIN - 11 * mm, art.note)
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.5)
    y = h - _SHEET_MARGIN - _HEADING_SPACE + 6 * mm
    canvas.line(_SHEET_MARGIN, y, w - _SHEET_MARGIN, y)


def _pdf_label_pages(path: Path) -> list[Any]:
    """The label's pages, upright, each clipped to its visible (crop) box: what a viewer
    shows is what prints, and nothing drawn outside it spills over the sheet."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject

    reader = PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt("")
    label = PdfWriter(clone_from=reader)
    pages = []
    for page in label.pages:
        page.transfer_rotation_to_content()
        crop = page.cropbox
        clip = f"q {float(crop.left):.3f} {float(crop.bottom):.3f} "
        clip += f"{float(crop.width):.3f} {float(crop.height):.3f} re W n\n"
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        stream = DecodedStreamObject()
        stream.set_data(clip.encode("ascii") + data + b"\nQ\n")
        # pypdf takes any stream object here; its hints name only the encoded kinds.
        page.replace_contents(stream)  # type: ignore[arg-type]
        pages.append(page)
    return pages


def _image(path: Path) -> tuple[Any, Any]:
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        dpi = image.info.get("dpi")
        upright = ImageOps.exif_transpose(image)
        upright.load()
    if upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    return upright, dpi


def label_pages(art: LabelArt, paper: Paper, label_page: LabelPage) -> bytes:
    """The label as a PDF of its own pages (one per label page), ready to append."""
    from reportlab.pdfgen import canvas as pdfcanvas

    from returnsdesk.formats.pdf.common import FONT, register_fonts

    register_fonts()
    size = page_size(paper, label_page)
    box = _box(size, label_page)
    enlarge = label_page == LabelPage.LABEL_4X6
    try:
        label_pdf_pages = _pdf_label_pages(art.path) if art.is_pdf else []
        image = None if art.is_pdf else _image(art.path)
    except Exception as exc:  # a damaged stored file must not crash printing
        raise InputError(t("The label file cannot be read ({error}).", error=exc)) from None

    buffer = io.BytesIO()
    canvas = pdfcanvas.Canvas(buffer, pagesize=size, initialFontName=FONT)  # no bare Helvetica
    count = len(label_pdf_pages) if art.is_pdf else 1
    for _ in range(count):
        if label_page == LabelPage.SHEET:
            _draw_heading(canvas, art, size)
        if image is not None:
            _draw_image(canvas, image, box, enlarge)
        canvas.showPage()
    canvas.save()
    if not art.is_pdf:
        return buffer.getvalue()
    return _merge_label_pages(buffer.getvalue(), label_pdf_pages, box, enlarge)


def _draw_image(canvas: Any, image: tuple[Any, Any], box: Box, enlarge: bool) -> None:
    """The label picture at its printed size (its dpi, else the default box), fitted."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    picture, dpi = image
    px_w, px_h = picture.size
    if dpi and dpi[0] and dpi[1] and dpi[0] > 1:
        natural = (px_w * 72 / float(dpi[0]), px_h * 72 / float(dpi[1]))
    else:
        bw, bh = _DEFAULT_IMAGE_BOX
        s = min(bw / px_w, bh / px_h)
        natural = (px_w * s, px_h * s)
    if turn_to_fit(*natural, box, enlarge):
        picture = picture.transpose(Image.Transpose.ROTATE_90)
        natural = (natural[1], natural[0])
    scale, x, y = fit(*natural, box, enlarge)
    canvas.drawImage(ImageReader(picture), x, y, natural[0] * scale, natural[1] * scale)


def _merge_label_pages(sheets: bytes, label_pdf_pages: list[Any], box: Box, enlarge: bool) -> bytes:
    """Each page of a PDF label laid onto its (headed) label page, turned and fitted."""
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sheets)))
    for sheet, label in zip(writer.pages, label_pdf_pages, strict=True):
        lw, lh = float(label.cropbox.width), float(label.cropbox.height)
        x0, y0 = float(label.cropbox.left), float(label.cropbox.bottom)
        move = Transformation().translate(-x0, -y0)
        if turn_to_fit(lw, lh, box, enlarge):
            # A quarter turn anticlockwise, then back into positive coordinates.
            move = move.rotate(90).translate(lh, 0)
            lw, lh = lh, lw
        scale, x, y = fit(lw, lh, box, enlarge)
        move = move.scale(scale, scale).translate(x, y)
        sheet.merge_transformed_page(label, move)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def append_pdf(first: bytes, second: bytes) -> bytes:
    """One PDF: the pages of ``first`` then those of ``second`` (metadata from ``first``)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(first)))
    for page in PdfReader(io.BytesIO(second)).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
