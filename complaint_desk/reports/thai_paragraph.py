"""ThaiParagraph: a Paragraph whose lines break only between Thai words."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph

from complaint_desk.reports.thai_linebreak import LineFiller, Run


class ThaiParagraph(Flowable):  # type: ignore[misc]
    """A paragraph of ReportLab markup (``<b>``, ``<i>``, ``<font>``, ``<br/>``...).

    ``text`` is markup, as for ``Paragraph``: put data through ``escape()``
    first. Lines are filled here by word (see ``thai_linebreak``) and drawn by
    an inner ``Paragraph`` that receives one line at a time, so its height is
    exact (table rows come out right) and ``split()`` works across pages.
    Justified alignment draws left-aligned: every line ends with a break.
    """

    def __init__(self, text: str, style: ParagraphStyle, _frags: Sequence[Any] | None = None):
        super().__init__()
        self.style = style
        self._inner_style = ParagraphStyle(
            name=f"{style.name}-thai-line",
            parent=style,
            splitLongWords=0,
            wordWrap=None if style.wordWrap == "CJK" else style.wordWrap,
        )
        self._frags = list(_frags) if _frags is not None else Paragraph(text, style).frags
        self._index_frags()
        self._inner: Paragraph | None = None
        self._inner_width: float | None = None
        self._wrapped: float | None = None
        self._lines: list[tuple[int, int]] = []

    def _index_frags(self) -> None:
        """Lay the frags out on one text: text frags become runs, the rest sit at offsets."""
        shaped_para = bool(self.style.shaping)
        self._text = ""
        self._runs: list[tuple[Run, Any]] = []
        self._points: list[tuple[int, Any]] = []  # (offset, frag) of breaks, images, anchors
        for f in self._frags:
            if hasattr(f, "lineBreak") or hasattr(f, "cbDefn") or not getattr(f, "text", ""):
                self._points.append((len(self._text), f))
                continue
            shaped = shaped_para and bool(
                getattr(pdfmetrics.getFont(f.fontName), "shapable", False)
            )
            self._runs.append((Run(len(self._text), f.text, f.fontName, f.fontSize, shaped), f))
            self._text += f.text
        self._filler = LineFiller(
            self._text,
            [r for r, _ in self._runs],
            [o for o, f in self._points if hasattr(f, "lineBreak")],
        )

    # --- layout -----------------------------------------------------------------------
    def _line_widths(self, avail_width: float) -> list[float]:
        s = self.style
        first = avail_width - s.leftIndent - s.firstLineIndent - s.rightIndent
        return [first, avail_width - s.leftIndent - s.rightIndent]

    def _layout(self, avail_width: float) -> Paragraph:
        if self._inner is None or self._inner_width != avail_width:
            self._lines = self._filler.lines(self._line_widths(avail_width))
            self._inner = (
                Paragraph(None, self._inner_style, frags=self._line_frags(self._lines))
                if self._frags
                else Paragraph("", self._inner_style)
            )
            self._inner_width = avail_width
        return self._inner

    def _line_frags(self, lines: Sequence[tuple[int, int]]) -> list[Any]:
        """The frags of ``lines``, a line break frag after each line but the last."""
        starts = [start for start, _ in lines]
        per_line: list[list[tuple[int, int, Any]]] = [[] for _ in lines]
        for offset, f in self._points:
            if not hasattr(f, "lineBreak") and lines:
                per_line[max(bisect_right(starts, offset) - 1, 0)].append((offset, -1, f))
        for n, (start, end) in enumerate(lines):
            for order, (run, f) in enumerate(self._runs):
                a, b = max(start, run.start), min(end, run.end)
                if a < b:
                    per_line[n].append((a, order, f.clone(text=self._text[a:b])))
        frags: list[Any] = []
        model = self._runs[0][1] if self._runs else self._frags[0]
        for n, items in enumerate(per_line):
            items.sort(key=lambda item: item[:2])
            frags.extend(f for _, _, f in items)
            if n < len(per_line) - 1:
                frags.append(model.clone(text="", lineBreak=True, _selfClosingTag="br"))
        return frags

    # --- Flowable protocol --------------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # a Paragraph's size does not depend on availHeight: tables ask several times
        inner = self._layout(availWidth)
        if self._wrapped != availWidth or not hasattr(inner, "blPara"):
            self.width, self.height = inner.wrap(availWidth, availHeight)
            self._wrapped = availWidth
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        assert self._inner is not None, "wrap() before drawOn()"
        self._inner.drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        self.drawOn(self.canv, 0, 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        inner = self._layout(availWidth)
        parts = inner.split(availWidth, availHeight)
        self._wrapped = None  # Paragraph.split may drop its layout
        if len(parts) < 2:
            return [self] if parts else []
        if len(inner.blPara.lines) != len(self._lines):
            return list(parts)  # ReportLab broke a line again; keep its pieces
        n = len(parts[0].blPara.lines)
        head = self._piece(0, self._lines[n][0], self.style, breaks_before=self._lines[n - 1][1])
        rest_style = self.style
        if rest_style.firstLineIndent:  # the rest continues a paragraph: no indent
            rest_style = ParagraphStyle(name=rest_style.name, parent=rest_style, firstLineIndent=0)
        return [head, self._piece(self._lines[n][0], len(self._text) + 1, rest_style)]

    def _piece(
        self, start: int, stop: int, style: ParagraphStyle, breaks_before: float = float("inf")
    ) -> ThaiParagraph:
        """The text in [start, stop) as a paragraph; no line break at ``start`` (unless 0)
        nor from ``breaks_before`` on, so no part begins or ends with an empty line."""
        out, at = [], 0
        for f in self._frags:
            text = "" if hasattr(f, "lineBreak") or hasattr(f, "cbDefn") else getattr(f, "text", "")
            if text:
                a, b = max(start, at), min(stop, at + len(text))
                if a < b:
                    out.append(f.clone(text=text[a - at : b - at]))
            elif start <= at < stop and not (
                hasattr(f, "lineBreak") and (0 < start == at or at >= breaks_before)
            ):
                out.append(f)
            at += len(text)
        return ThaiParagraph("", style, _frags=out)

    def minWidth(self) -> float:
        """The widest word: narrower columns would have to cut words by clusters."""
        cuts = sorted({0, len(self._text), *self._filler.allowed})
        filler = self._filler
        widest = max(
            (filler.width(a, filler.trim(a, b)) for a, b in zip(cuts, cuts[1:], strict=False)),
            default=0.0,
        )
        return float(widest + self.style.leftIndent + self.style.rightIndent)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def getPlainText(self, identify: Any = None) -> str:  # ReportLab passes identify
        return self._text
