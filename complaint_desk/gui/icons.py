"""The program's icons: the overdue and due-soon marks of the case list, drawn at run time
(no image files to ship, crisp at any scale; colour is never the only sign: each has its own
shape), and the application icon, read from resources/icons/."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

SIZE = 16


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def overdue_icon() -> QIcon:
    """A red triangle with an exclamation mark."""
    pixmap, p = _canvas()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#c62828"))
    p.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15, 14.5), QPointF(1, 14.5)]))
    p.setPen(QPen(QColor("white"), 2))
    p.drawLine(QPointF(8, 5.5), QPointF(8, 10))
    p.drawPoint(QPointF(8, 12.5))
    p.end()
    return QIcon(pixmap)


@cache
def due_soon_icon() -> QIcon:
    """An amber clock."""
    pixmap, p = _canvas()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ef8f00"))
    p.drawEllipse(QRectF(1, 1, 14, 14))
    p.setPen(QPen(QColor("white"), 1.6))
    p.drawLine(QPointF(8, 8), QPointF(8, 4))
    p.drawLine(QPointF(8, 8), QPointF(11, 9.5))
    p.end()
    return QIcon(pixmap)


# The application icon file, drawn by gui/draw_icon.py (`make icons`) and committed; the one
# place that names it. A drawn stand-in only if a checkout lacks the file.
APP_ICON_FILE = ("icons", "complaint-desk.png")


@cache
def application_icon() -> QIcon:
    from complaint_desk.resources_path import resource_path

    path = resource_path(*APP_ICON_FILE)
    if path.is_file():
        return QIcon(str(path))
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f5f8b"))  # a speech bubble: a complaint heard
    p.drawRoundedRect(QRectF(4, 6, 56, 40), 10, 10)
    p.drawPolygon(QPolygonF([QPointF(16, 44), QPointF(30, 44), QPointF(14, 58)]))
    p.setPen(QPen(QColor("white"), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(18, 26), QPointF(28, 35))  # a tick: handled
    p.drawLine(QPointF(28, 35), QPointF(46, 16))
    p.end()
    return QIcon(pixmap)
