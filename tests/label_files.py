"""Label files for tests: a real carrier-like PDF made with reportlab, and images."""

from __future__ import annotations

from pathlib import Path

INCH = 72.0


def make_label_pdf(
    path: Path,
    text: str = "COLISSIMO RETOUR 8R00112233445",
    pages: int = 1,
    size: tuple[float, float] = (4 * INCH, 6 * INCH),
):
    """A vector label (4×6 in unless told) with a Code 128 barcode and searchable text."""
    from reportlab.graphics.barcode import code128
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=size)
    for number in range(pages):
        top = size[1]
        c.setFont("Helvetica-Bold", 16)
        c.drawString(18, top - 52, text)
        c.setFont("Helvetica", 10)
        c.drawString(18, top - 72, f"Label page {number + 1}")
        code128.Code128("8R00112233445", barHeight=60, barWidth=1.2).drawOn(c, 18, top - 232)
        c.rect(4, 4, size[0] - 8, size[1] - 8)
        c.showPage()
    c.save()
    return path


def make_label_image(path: Path, size=(1218, 1827), dpi: int | None = 300, fmt: str = "PNG"):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([5, 5, size[0] - 6, size[1] - 6], outline="black", width=6)
    left, top, bottom = size[0] // 8, size[1] // 3, size[1] // 2
    for i in range(0, size[0] // 2, 14):
        draw.rectangle([left + i, top, left + i + 6, bottom], "black")
    kwargs = {"dpi": (dpi, dpi)} if dpi else {}
    image.save(path, fmt, **kwargs)
    return path
