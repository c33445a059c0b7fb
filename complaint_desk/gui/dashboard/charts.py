"""Chart views for the dashboard: Qt Charts with Sarabun, values labelled, and a drill-down
signal carrying the filter of the bar or point clicked (services/analysis.py makes them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen

from complaint_desk.gui.thai_fonts import thai_font

PALETTE = ("#1f6f8b", "#f28e2b", "#99b898", "#e15759", "#76b7b2", "#b07aa1")
Filter = dict[str, Any]


@dataclass
class SeriesData:
    """One named series: a value per category and, for drill-down, a filter per category."""

    name: str
    values: Sequence[float | None]
    filters: Sequence[Filter | None] = field(default_factory=list)


class DrillChartView(QChartView):
    """A chart whose bars and points emit ``drilled(filter)`` when clicked."""

    drilled = Signal(dict)

    def __init__(self, title: str, *, height: int = 260) -> None:
        super().__init__()
        self.chart_ = QChart()
        self.chart_.setTitle(title)
        self.chart_.setTitleFont(thai_font(11, bold=True))
        self.chart_.legend().setFont(thai_font(9))
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.setBackgroundRoundness(4)
        self.setChart(self.chart_)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(height)
        self.filters: list[list[Filter | None]] = []

    def drill(self, series_index: int, index: int) -> None:
        """Emit the filter behind category ``index`` of series ``series_index`` (if any)."""
        filters = self.filters[series_index] if series_index < len(self.filters) else []
        if 0 <= index < len(filters) and filters[index] is not None:
            self.drilled.emit(dict(filters[index] or {}))

    def _remember(self, data: SeriesData) -> int:
        self.filters.append(list(data.filters))
        return len(self.filters) - 1


def _axis_font(axis: Any) -> None:
    axis.setLabelsFont(thai_font(9))
    axis.setTitleFont(thai_font(9))


def _value_axis(low: float, high: float) -> QValueAxis:
    """Round ticks (0, 1, 2 ... or 0, 20, 40 ...), whole numbers as labels."""
    axis = QValueAxis()
    axis.setRange(low, high)
    axis.applyNiceNumbers()
    axis.setLabelFormat("%d")
    return axis


def bar_chart(title: str, categories: Sequence[str], series: Sequence[SeriesData], *,
              horizontal: bool = False, maximum: float | None = None,
              label_format: str = "@value", height: int = 260) -> DrillChartView:
    view = DrillChartView(title, height=height)
    bars = QHorizontalBarSeries() if horizontal else QBarSeries()
    for number, data in enumerate(series):
        bar_set = QBarSet(data.name)
        bar_set.setColor(QColor(PALETTE[number % len(PALETTE)]))
        bar_set.append([float(v or 0) for v in data.values])
        bar_set.setLabelFont(thai_font(8))
        bar_set.setLabelColor(QColor("#222222"))
        position = view._remember(data)
        bar_set.clicked.connect(lambda index, p=position: view.drill(p, index))
        bars.append(bar_set)
    bars.setLabelsVisible(bool(label_format))
    bars.setLabelsFormat(label_format)
    bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    view.chart_.addSeries(bars)
    category_axis = QBarCategoryAxis()
    category_axis.append(list(categories))
    top = max([float(v or 0) for d in series for v in d.values] + [1.0])
    value_axis = _value_axis(0.0, maximum if maximum is not None else max(5.0, top * 1.18))
    for axis in (category_axis, value_axis):
        _axis_font(axis)
    if horizontal:
        view.chart_.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
        view.chart_.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
    else:
        view.chart_.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
        view.chart_.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(category_axis)
    bars.attachAxis(value_axis)
    view.chart_.legend().setVisible(len(series) > 1)
    return view


def line_chart(title: str, categories: Sequence[str], series: Sequence[SeriesData], *,
               minimum: float = 0.0, maximum: float | None = None,
               height: int = 260) -> DrillChartView:
    """Lines over categories (months); a missing value breaks nothing, it is skipped."""
    view = DrillChartView(title, height=height)
    category_axis = QBarCategoryAxis()
    category_axis.append(list(categories))
    top = max([float(v) for d in series for v in d.values if v is not None] + [1.0])
    value_axis = _value_axis(minimum, maximum if maximum is not None else max(5.0, top * 1.15))
    for axis in (category_axis, value_axis):
        _axis_font(axis)
    view.chart_.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
    view.chart_.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
    for number, data in enumerate(series):
        line = QLineSeries()
        line.setName(data.name)
        line.setPen(QPen(QColor(PALETTE[number % len(PALETTE)]), 2.5))
        line.setPointsVisible(True)
        for index, value in enumerate(data.values):
            if value is not None:
                line.append(QPointF(index, float(value)))
        position = view._remember(data)
        line.clicked.connect(lambda point, p=position: view.drill(p, round(point.x())))
        view.chart_.addSeries(line)
        line.attachAxis(category_axis)
        line.attachAxis(value_axis)
    view.chart_.legend().setVisible(len(series) > 1)
    return view
