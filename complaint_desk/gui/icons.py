"""Small icons drawn at run time (no image files to ship, crisp at any scale): the overdue
and due-soon marks of the case list. Colour is never the only sign: each has its own shape."""

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
