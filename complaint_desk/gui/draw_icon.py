"""Draw the application icon: resources/icons/complaint-desk.png (256 px) and .ico (16-256 px).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m complaint_desk.gui.draw_icon

A white speech bubble (a complaint) with a green tick (handled) on a blue tile. Each size of
the .ico is drawn at that size by QPainter, not scaled down, so the 16 px one stays crisp.
Pillow (ReportLab's dependency) writes the multi-size .ico; Qt's ICO writer writes only one.
The files are committed; run this again only to change the design.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)  # design on a 256 grid

    tile = QLinearGradient(0, 0, 0, 256)
    tile.setColorAt(0, QColor("#1e6fd0"))
    tile.setColorAt(1, QColor("#0b3d91"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(tile)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)

    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(36, 48, 184, 132), 36, 36)
    tail = QPainterPath()
    tail.moveTo(70, 170)
    tail.lineTo(58, 220)
    tail.lineTo(118, 176)
    tail.closeSubpath()
    p.setBrush(QColor("white"))
    p.drawPath(bubble.united(tail))

    pen = QPen(QColor("#1b9e4b"), 26 if size >= 32 else 34)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline([QPointF(84, 116), QPointF(116, 146), QPointF(174, 84)])
    p.end()
    return image


def as_pillow(image: QImage) -> Image.Image:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {size: as_pillow(draw(size)) for size in ICO_SIZES}
    images[256].save(ICONS / "complaint-desk.png", optimize=True)
    images[256].save(ICONS / "complaint-desk.ico", format="ICO",
                     sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    print(f"wrote {ICONS / 'complaint-desk.png'} and {ICONS / 'complaint-desk.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
