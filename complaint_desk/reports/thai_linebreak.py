"""Where Thai lines may break, and greedy line filling by shaped width.

Thai has no spaces between words, and ReportLab breaks lines only at spaces,
so a paragraph is cut into words with pythainlp (newmm) and lines are filled
here; ReportLab is then handed one line at a time. A word wider than a whole
line is cut between grapheme clusters, never between a consonant and its marks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz
from pythainlp.tokenize import word_tokenize
from reportlab.pdfbase import pdfmetrics

# Thai characters that belong to the character before them: above/below
# vowels and tone marks (U+0E31, U+0E34-U+0E3A, U+0E47-U+0E4E), SARA AM (whose
# nikhahit sits on the consonant before it) and LAKKHANGYAO (part of ฤๅ / ฦๅ).
_THAI_MARKS = frozenset(
    "\u0e31\u0e33\u0e45"
    + "".join(map(chr, range(0x0E34, 0x0E3B)))
    + "".join(map(chr, range(0x0E47, 0x0E4F)))
)
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ precede their consonant
_NO_LINE_START = frozenset(")]}>,.;:!?%\u0e46\u0e2f\u201d\u2019")  # ๆ ฯ and closing punctuation
_NO_LINE_END = frozenset("([{<\u201c\u2018")
_FEATURES = {"kern": True, "liga": True, "dlig": True}  # as ReportLab shapes


@dataclass(frozen=True)
class Run:
    """A stretch of paragraph text in one font; ``start`` is its offset in the text."""

    start: int
    text: str
    font_name: str
    font_size: float
    shaped: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def is_cluster_boundary(text: str, i: int) -> bool:
    """May ``text`` be cut before index ``i`` without tearing a grapheme cluster?"""
    if i <= 0 or i >= len(text):
        return True
    ch, before = text[i], text[i - 1]
    if ch in _THAI_MARKS or unicodedata.category(ch).startswith("M"):
        return False
    return before not in _LEADING_VOWELS


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words and whitespace runs of ``text``, in order (newmm segmentation)."""
    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def word_boundaries(text: str) -> list[int]:
    """Offsets between the words of ``text`` (0 and len(text) included)."""
    offsets, at = [0], 0
    for w in words(text):
        at += len(w)
        offsets.append(at)
    return offsets


@lru_cache(maxsize=16)
def _hb_font(font_name: str) -> uharfbuzz.Font:
    return uharfbuzz.Font(pdfmetrics.getFont(font_name).hbFace)


@lru_cache(maxsize=65536)
def text_width(text: str, font_name: str, font_size: float, shaped: bool) -> float:
    """Width in points of ``text`` as ReportLab will draw it (shaped if ``shaped``)."""
    if not shaped or not text.strip():
        return float(pdfmetrics.stringWidth(text, font_name, font_size))
    font = _hb_font(font_name)
    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    uharfbuzz.shape(font, buf, _FEATURES)
    return float(sum(p.x_advance for p in buf.glyph_positions) * font_size / font.face.upem)


class LineFiller:
    """Greedy line filling over runs of text; lines are (start, end) offsets.

    A line's width is the sum of its words' widths (cached per font, size and
    word); whitespace counts as one space, as ReportLab collapses it.
    """

    def __init__(self, text: str, runs: Sequence[Run], hard_breaks: Sequence[int] = ()):
        self.text = text
        self.runs = runs
        breaks = sorted(hard_breaks)  # repeated offsets make empty lines
        self.pieces = list(zip([0, *breaks], [*breaks, len(text)], strict=True))
        self.allowed: set[int] = set()
        bounds = {r.start for r in runs} | {r.end for r in runs}
        for a, b in self.pieces:
            piece = text[a:b]
            offsets = word_boundaries(piece)
            bounds.update(a + o for o in offsets)
            for o in offsets[1:-1]:
                before, after = piece[:o].rstrip(), piece[o:].lstrip()
                if (
                    before
                    and after
                    and after[0] not in _NO_LINE_START
                    and before[-1] not in _NO_LINE_END
                    and is_cluster_boundary(piece, o)
                ):
                    self.allowed.add(a + o)
        self.prefix: dict[int, float] = {}
        total, ordered = 0.0, sorted(bounds)
        for a, b in zip(ordered, ordered[1:], strict=False):
            self.prefix[a] = total
            total += self._measure(a, b, collapse_space=True)
        self.prefix[len(text)] = total

    def _measure(self, start: int, end: int, collapse_space: bool = False) -> float:
        total = 0.0
        for r in self.runs:
            a, b = max(start, r.start), min(end, r.end)
            if a < b:
                s = self.text[a:b]
                if collapse_space and s.isspace():
                    s = " "
                total += text_width(s, r.font_name, r.font_size, r.shaped)
        return total

    def width(self, start: int, end: int) -> float:
        """Width of text[start:end] in points."""
        if start in self.prefix and end in self.prefix:
            return self.prefix[end] - self.prefix[start]
        return self._measure(start, end)

    def lines(self, max_widths: Sequence[float]) -> list[tuple[int, int]]:
        """Fill lines; ``max_widths[i]`` is line i's width, the last one repeats."""
        out: list[tuple[int, int]] = []
        for a, b in self.pieces:
            self._fill(a, b, max_widths, out)
        return out

    def _fill(
        self, start: int, end: int, max_widths: Sequence[float], out: list[tuple[int, int]]
    ) -> None:
        cuts = [c for c in sorted(self.allowed) if start < c < end] + [end]
        line_start = self._skip_space(start, end)
        if line_start >= end:
            out.append((line_start, line_start))  # an empty line between hard breaks
            return
        last_fit: int | None = None
        i = 0
        while i < len(cuts):
            cut = cuts[i]
            if cut <= line_start:
                i += 1
                continue
            limit = max_widths[min(len(out), len(max_widths) - 1)]
            line_end = self.trim(line_start, cut)
            if self.width(line_start, line_end) <= limit:
                last_fit, i = line_end, i + 1
                continue
            if last_fit is None:  # one word wider than the line: cut it by clusters
                last_fit = self._cluster_cut(line_start, line_end, limit)
            out.append((line_start, last_fit))
            line_start, last_fit = self._skip_space(last_fit, end), None
        if line_start < end:
            out.append((line_start, self.trim(line_start, end)))

    def _skip_space(self, at: int, end: int) -> int:
        while at < end and self.text[at].isspace():
            at += 1
        return at

    def trim(self, start: int, end: int) -> int:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return end

    def _cluster_cut(self, start: int, end: int, limit: float) -> int:
        """The furthest cluster boundary after ``start`` that fits (at least one cluster)."""
        best = None
        for k in range(start + 1, end):
            if is_cluster_boundary(self.text, k):
                if best is not None and self.width(start, k) > limit:
                    return best
                best = k
        if best is not None and self.width(start, end) > limit:
            return best
        return end
