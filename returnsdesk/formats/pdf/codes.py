"""Machine-readable marks on the instructions: the RMA's Code 128 barcode and QR code, and
the dotted cut line above the return slip."""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.barcode.widgets import BarcodeCode128
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from returnsdesk.formats.pdf.common import CONTENT_WIDTH, FONT, MUTED


def barcode_drawing(value: str, width: float, height: float) -> Drawing:
    """A Code 128 barcode of ``value`` stretched to ``width`` (its widget named "barcode")."""
    widget = BarcodeCode128(value=value, barHeight=height, humanReadable=False, quiet=False)
    x0, y0, w, h = widget.getBounds()
    widget.barWidth = widget.barWidth * width / (w - x0)
    x0, y0, w, h = widget.getBounds()
    drawing = Drawing(w - x0, h - y0)
    widget.x, widget.y = -x0, -y0
    drawing.add(widget, name="barcode")
    return drawing


def qr_drawing(value: str, size: float) -> Drawing:
    """A QR code of ``value``, ``size`` points square (its widget named "qr")."""
    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget, name="qr")
    return drawing


def rma_codes(rma: str) -> tuple[Drawing, Drawing]:
    """(Code 128 drawing, QR drawing) for an RMA number; each holds its widget by name."""
    return barcode_drawing(rma, 48 * mm, 13 * mm), qr_drawing(rma, 22 * mm)


class CutLine(Flowable):
    """A dashed line with scissors and ``label`` centred on it, the width of the text."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return CONTENT_WIDTH, 14

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(MUTED)
        c.setDash(3, 2.5)
        c.setLineWidth(0.7)
        c.line(16, 6, CONTENT_WIDTH, 6)
        c.setDash()
        c.setFont(FONT, 12)
        c.setFillColor(MUTED)
        c.drawString(0, 2, "✂")
        c.setFont(FONT, 7)
        width = c.stringWidth(self.label, FONT, 7)
        x = (CONTENT_WIDTH - width) / 2
        c.setFillColorRGB(1, 1, 1)
        c.rect(x - 4, 3, width + 8, 7, stroke=0, fill=1)
        c.setFillColor(MUTED)
        c.drawString(x, 4, self.label)
        c.restoreState()
