"""Type icons for evidence without a picture preview (videos, PDFs, other files), QPainter-drawn."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPixmap, QPolygonF

from returnsdesk.domain.i18n import current_language, t
from returnsdesk.services.evidence import MediaType

SIZE = 160
_COLOURS = {
    MediaType.VIDEO: QColor("#37474f"),
    MediaType.PDF: QColor("#c62828"),
    MediaType.IMAGE: QColor("#6d4c41"),
    MediaType.OTHER: QColor("#607d8b"),
}


def _label(kind: MediaType) -> str:
    return {
        MediaType.VIDEO: t("VIDEO"),
        MediaType.PDF: t("PDF"),
        MediaType.IMAGE: t("NO PREVIEW"),
        MediaType.OTHER: t("FILE"),
    }[kind]


def type_icon(kind: MediaType) -> QPixmap:
    """The icon of a kind of file, labelled in the window's language."""
    return _type_icon(kind, current_language())


def band_font(text: str, width: int) -> QFont:
    """Bold, 15 px or smaller until ``text`` fits ``width`` ("SANS APERÇU" > "NO PREVIEW")."""
    font = QFont()
    font.setBold(True)
    font.setPixelSize(15)
    while font.pixelSize() > 8 and QFontMetrics(font).horizontalAdvance(text) > width:
        font.setPixelSize(font.pixelSize() - 1)
    return font


@cache
def _type_icon(kind: MediaType, _lang: str) -> QPixmap:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    page = QRectF(28, 12, SIZE - 56, SIZE - 24)
    path = QPainterPath()
    path.addRoundedRect(page, 8, 8)
    painter.fillPath(path, QColor("#eceff1"))
    painter.setPen(QColor("#90a4ae"))
    painter.drawPath(path)
    colour = _COLOURS[kind]
    if kind == MediaType.VIDEO:
        centre = page.center()
        triangle = QPolygonF(
            [
                QPointF(centre.x() - 16, centre.y() - 28),
                QPointF(centre.x() - 16, centre.y() + 4),
                QPointF(centre.x() + 16, centre.y() - 12),
            ]
        )
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPolygon(triangle)
    band = QRectF(page.left(), page.bottom() - 44, page.width(), 30)
    painter.fillRect(band, colour)
    text = _label(kind)
    painter.setFont(band_font(text, int(band.width()) - 8))
    painter.setPen(Qt.GlobalColor.white)
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


@cache
def placeholder() -> QPixmap:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(QColor("#f5f5f5"))
    return pixmap
