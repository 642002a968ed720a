"""What the three documents share: fonts, styles, escaping, page furniture, atomic writes.

reportlab is imported here, and this module is imported only inside the
functions that build a document, so app start-up does not pay for it.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Paragraph, Table, TableStyle

from returnsdesk import paths
from returnsdesk.fileio import write_bytes_atomic

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

INK = colors.HexColor("#1d2a33")
MUTED = colors.HexColor("#5b6b75")
ACCENT = colors.HexColor("#1f5f74")
ACCENT_LIGHT = colors.HexColor("#e7f0f3")
RULE = colors.HexColor("#c9d3d8")
ZEBRA = colors.HexColor("#f5f7f8")
WARN = colors.HexColor("#9a3b1b")
CHART_COLOURS = [
    colors.HexColor(c)
    for c in (
        "#1f5f74",
        "#e08a3c",
        "#5e9c76",
        "#b5525c",
        "#7b6aa8",
        "#c8a94a",
        "#4d8fb8",
        "#8a8a8a",
    )
]

PAGE = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN

_lock = threading.Lock()
_registered = False


def fonts_dir() -> Path:
    return paths.resources_dir() / "fonts"


def register_fonts() -> None:
    """Embed DejaVu Sans (it covers Łódź, Ğ, ş, œ, € and the rest); once per process."""
    global _registered
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )
        # Drawings (barcodes, QR codes, charts) and table cells holding plain strings start
        # in reportlab's default font, Helvetica, which is never embedded. Make ours their
        # default (reportlab's shapes module invites changing its defaults this way), so
        # no page of any document names an unembedded font.
        from reportlab.graphics.shapes import STATE_DEFAULTS
        from reportlab.platypus.tables import CellStyle

        STATE_DEFAULTS["fontName"] = FONT
        CellStyle.fontname = FONT
        _registered = True


def esc(value: object) -> str:
    """User text made safe for a Paragraph: markup prints literally, line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()  # paragraphs resolve their font when they are made
    base = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=9.5, leading=13.5, textColor=INK
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "cell_right": ParagraphStyle(
            "cell_right", parent=base, fontSize=8.5, leading=11, alignment=TA_RIGHT
        ),
        "cell_head": ParagraphStyle(
            "cell_head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10, textColor=MUTED
        ),
        "cell_head_right": ParagraphStyle(
            "cell_head_right",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=8,
            leading=10,
            textColor=MUTED,
            alignment=TA_RIGHT,
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=24, textColor=ACCENT
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=9,
            spaceAfter=3,
        ),
        "field": ParagraphStyle(
            "field", parent=base, fontName=FONT, fontSize=7.5, leading=9, textColor=MUTED
        ),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT),
    }


def P(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from plain text (escaped here)."""
    return Paragraph(esc(text), style)


def M(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from markup the caller built with ``esc`` around every value."""
    return Paragraph(markup, style)


class WholeTable(Table):
    """A table that is never split across pages (it moves to the next page instead)."""

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return []  # (reportlab's argument names)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    st: dict[str, ParagraphStyle],
    right: Sequence[int] = (),
    repeat: bool = True,
) -> Table:
    """A zebra-striped table; every cell is plain text, escaped; ``right`` columns align right."""

    def cell(value: object, col: int, head: bool) -> Paragraph:
        if isinstance(value, Paragraph):
            return value
        if head:
            return P(str(value), st["cell_head_right" if col in right else "cell_head"])
        return P(str(value), st["cell_right" if col in right else "cell"])

    data = [[cell(v, i, True) for i, v in enumerate(header)]]
    data += [[cell(v, i, False) for i, v in enumerate(row)] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1 if repeat else 0)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for i in range(2, len(data), 2):
        commands.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    table.setStyle(TableStyle(commands))
    return table


def fields_table(
    pairs: Sequence[tuple[str, str]], st: dict[str, ParagraphStyle], label_width: float = 42 * mm
) -> Table:
    """Label / value rows, both plain text."""
    data = [[P(label, st["cell_head"]), P(value, st["cell"])] for label, value in pairs]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
            ]
        )
    )
    return table


def numbered_canvas(footer: Callable[[pdfcanvas.Canvas, int, int], None]) -> type[Any]:
    """A Canvas class that knows the page count, so footers can say "Page 2 of 5"."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for number, state in enumerate(self._saved, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def build(
    story: list[Any],
    footer: Callable[[pdfcanvas.Canvas, int, int], None],
    title: str,
    author: str,
    pagesize: tuple[float, float] = PAGE,
) -> bytes:
    """Lay out ``story`` on ``pagesize`` (A4 unless told) and return the PDF bytes."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=13 * mm,
        bottomMargin=17 * mm,
        title=title,
        author=author,
        creator="ReturnsDesk",
        # Every page starts in the embedded font, so no PDF names an unembedded Helvetica
        # (the canvas default) and the documents pass where PDF/A is asked for.
        initialFontName=FONT,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()


def draw_footer(c: pdfcanvas.Canvas, left: str, right: str) -> None:
    width = c._pagesize[0]  # the page being drawn (A4 unless the document chose another)
    c.saveState()
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
    c.setFont(FONT, 7.5)
    c.setFillColor(MUTED)
    c.drawString(MARGIN, 9 * mm, left)
    c.drawRightString(width - MARGIN, 9 * mm, right)
    c.restoreState()


def logo_flowable(path: str, max_w: float, max_h: float) -> Any:
    """The shop's logo scaled to fit, or None if it is missing or not a readable image."""
    if not path:
        return None
    from reportlab.platypus import Image

    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as im:
            im.verify()
        with PILImage.open(path) as im:
            w, h = im.size
    except Exception:  # a broken logo must not stop the document
        return None
    if w <= 0 or h <= 0:
        return None
    scale = min(max_w / w, max_h / h)
    return Image(path, width=w * scale, height=h * scale)


def header_style() -> TableStyle:
    """Table style of a document's letterhead row: top-aligned, an accent rule below."""
    from reportlab.platypus import TableStyle

    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ]
    )


def write_atomic(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        from returnsdesk.domain.errors import InputError
        from returnsdesk.domain.i18n import t

        raise InputError(t("The folder {parent} does not exist.", parent=folder))
    return write_bytes_atomic(target, data)
