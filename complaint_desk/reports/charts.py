"""Charts with Thai labels: bars and axes are ReportLab graphics, labels are ThaiParagraphs.

``canvas.drawString`` does not shape Thai (ReportLab needs rlbidi for that), so every label is
a shaped ThaiParagraph drawn on the canvas at the place the chart computes. Tick numbers are
digits only and need no shaping; they are drawn the same way for one look.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from complaint_desk.reports.page_furniture import Text
from complaint_desk.reports.thai import ThaiParagraph, thai_style

SERIES_COLOURS = (colors.HexColor("#2F5D8A"), colors.HexColor("#9DB8D3"),
                  colors.HexColor("#C8823A"))


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float, ...]


def nice_ceiling(value: float) -> tuple[float, float]:
    """An axis maximum >= value and its tick step: 1, 2 or 5 times a power of ten, 4-6 ticks."""
    if value <= 0:
        return 5.0, 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step_factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = magnitude * step_factor
        ticks = -(-value // step)
        if ticks <= 6:
            step = max(step, 1.0)
            return float(max(ticks, 1) * step), float(step)
    return float(value), float(value)


class GroupedBarChart(Flowable):  # type: ignore[misc]
    """Vertical grouped bars, one group per category label (e.g. months), a legend above.

    A category label may hold a line break (``"ส.ค.\n67"``).

    ``highlight`` marks one group (e.g. this month) with a shaded band.
    """

    def __init__(self, categories: Sequence[str], series: Sequence[Series], *, width: float,
                 height: float, text: Text, highlight: int | None = None,
                 label_size: float = 8.5) -> None:
        super().__init__()
        if any(len(s.values) != len(categories) for s in series):
            raise ValueError("every series needs one value per category")
        self.categories, self.series = list(categories), list(series)
        self.width, self.height = width, height
        self.text, self.highlight = text, highlight
        self.label_style = thai_style("ChartLabel", size=label_size, alignment=TA_CENTER,
                                      leading=label_size * 1.35)
        self.tick_style = thai_style("ChartTick", size=label_size, alignment=TA_RIGHT,
                                     leading=label_size * 1.35)
        self.legend_style = thai_style("ChartLegend", size=label_size + 1,
                                       leading=(label_size + 1) * 1.4)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def _label(self, markup: str, style: Any, x: float, y_top: float, width: float) -> float:
        paragraph = ThaiParagraph(markup, style)
        _w, h = paragraph.wrap(width, self.height)
        paragraph.drawOn(self.canv, x, y_top - h)
        return float(h)

    def draw(self) -> None:
        canvas = self.canv
        left, right, bottom, legend = 34.0, 6.0, 30.0, 20.0
        plot_w = self.width - left - right
        plot_h = self.height - bottom - legend
        top_value = max((v for s in self.series for v in s.values), default=0)
        axis_max, step = nice_ceiling(top_value)
        group_w = plot_w / max(len(self.categories), 1)
        bar_w = group_w * 0.72 / max(len(self.series), 1)

        if self.highlight is not None:
            canvas.setFillColor(colors.HexColor("#F1F1F1"))
            canvas.rect(left + group_w * self.highlight, bottom, group_w, plot_h, stroke=0, fill=1)
        canvas.setLineWidth(0.3)
        canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
        ticks = round(axis_max / step)
        for k in range(ticks + 1):
            y = bottom + plot_h * k / ticks
            canvas.line(left, y, left + plot_w, y)
            self._label(self.text.number(step * k), self.tick_style, 0, y + 6, left - 4)
        for g, _category in enumerate(self.categories):
            x0 = left + group_w * g + group_w * 0.14
            for i, s in enumerate(self.series):
                bar_h = plot_h * (s.values[g] / axis_max) if axis_max else 0
                canvas.setFillColor(SERIES_COLOURS[i % len(SERIES_COLOURS)])
                canvas.rect(x0 + i * bar_w, bottom, bar_w * 0.92, bar_h, stroke=0, fill=1)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.6)
        canvas.line(left, bottom, left + plot_w, bottom)
        for g, category in enumerate(self.categories):
            markup = "<br/>".join(self.text(part) for part in category.split("\n"))
            self._label(markup, self.label_style, left + group_w * g, bottom - 2,
                        group_w)
        x = left
        for i, s in enumerate(self.series):
            canvas.setFillColor(SERIES_COLOURS[i % len(SERIES_COLOURS)])
            canvas.rect(x, self.height - 13, 9, 9, stroke=0, fill=1)
            width = stringWidth(s.label, self.legend_style.fontName,
                                self.legend_style.fontSize) + 6
            self._label(self.text(s.label), self.legend_style, x + 12, self.height - 1, width)
            x += width + 24
