"""Make shaped Thai text copy and extract as the source text.

With shaping on, ReportLab writes each HarfBuzz glyph as one code of a font
subset. A glyph without a cmap entry (``uni0E48.small``, the น้ำ ligature
``uni0E4D0E49``) gets a private-use code point, and a decomposed glyph (the
nikhahit of ำ) gets the code of the character it happens to be mapped from;
the ToUnicode CMap repeats those code points, so extraction yields
``ที\\ue000นี\\ue000`` or ``ทํา``.

The fix works per HarfBuzz cluster: the glyphs of a cluster must spell the
cluster's source text. When they do not, the cluster's text is cut into one
contiguous share per glyph (as many glyphs as possible keep their own
character), and each glyph whose share differs gets a code of its own, whose
ToUnicode entry is the share (several characters for a ligature, none for the
second glyph of a decomposed vowel).

ReportLab internals touched (checked by ``_check_reportlab``):

* ``reportlab.pdfbase.ttfonts.shapeFragWord`` is wrapped, and the wrapper is
  also bound where it was imported by name: ``reportlab.platypus.paragraph``
  and ``reportlab.pdfgen.canvas``. It relies on ``ShapedStr.__shapeData__``
  (one ``ShapeData`` per glyph, whose ``cluster`` indexes the source text).
* ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap`` is replaced by a version that
  writes our shares; everything else comes out as before.
* Our codes are added to ``TTFontFace.charToGlyph`` and ``charWidths``, as
  ReportLab's own ``TTFont.__addPrivate`` does, so subsetting draws the glyph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import reportlab
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import paragraph as rl_paragraph

TESTED_REPORTLAB = ("5.1.",)
_PRIVATE_FIRST, _PRIVATE_LAST = 0xE000, 0xF8FF


class UnsupportedReportLabError(RuntimeError):
    """The ReportLab installed is not one this fix was written and tested against."""


@dataclass
class _FaceCodes:
    """Our extra codes of one font face: (glyph id, text) <-> code."""

    code_of: dict[tuple[int, str], int] = field(default_factory=dict)
    text_of: dict[int, str] = field(default_factory=dict)


_FACES: dict[str, _FaceCodes] = {}
_original: dict[str, Callable[..., Any]] = {}


def _face_key(face: Any) -> str:
    # the same text follows "XXXXXX+" in the subset's BaseFont name
    return bytes(face.name + face.subfontNameX).decode("latin-1")


def _check_reportlab() -> None:
    version = reportlab.Version
    moved = [
        name
        for name, ok in (
            ("ttfonts.shapeFragWord", callable(getattr(ttfonts, "shapeFragWord", None))),
            ("ttfonts.makeToUnicodeCMap", callable(getattr(ttfonts, "makeToUnicodeCMap", None))),
            ("ttfonts.ShapedStr", hasattr(ttfonts, "ShapedStr")),
            ("paragraph.shapeFragWord", hasattr(rl_paragraph, "shapeFragWord")),
            ("canvas.shapeFragWord", hasattr(rl_canvas, "shapeFragWord")),
            (
                "TTFont.addObjects uses makeToUnicodeCMap",
                "makeToUnicodeCMap" in ttfonts.TTFont.addObjects.__code__.co_names,
            ),
        )
        if not ok
    ]
    if not version.startswith(TESTED_REPORTLAB) or moved:
        raise UnsupportedReportLabError(
            f"complaint_desk.reports.thai_tounicode was written for ReportLab "
            f"{'/'.join(v + 'x' for v in TESTED_REPORTLAB)}, found {version}"
            + (f"; missing: {', '.join(moved)}" if moved else "")
            + ". Re-check the internals listed in its docstring, run "
            "tests/reports/test_thai_text_extraction.py, then update TESTED_REPORTLAB."
        )


def install_tounicode_fix() -> None:
    """Patch ReportLab so shaped text extracts as its source. Idempotent."""
    if _original:
        return
    _check_reportlab()
    _original["shape"] = ttfonts.shapeFragWord
    _original["cmap"] = ttfonts.makeToUnicodeCMap
    ttfonts.shapeFragWord = _shape_frag_word
    setattr(rl_paragraph, "shapeFragWord", _shape_frag_word)  # noqa: B010 (bound by import)
    setattr(rl_canvas, "shapeFragWord", _shape_frag_word)  # noqa: B010
    ttfonts.makeToUnicodeCMap = _make_to_unicode_cmap


def _shape_frag_word(w: Any, *args: Any, **kwargs: Any) -> Any:
    new = _original["shape"](w, *args, **kwargs)
    if new is not w:
        _respell(w, new)
    return new


def _respell(w: Any, new: list[Any]) -> None:
    """Give every glyph of ``new`` a code whose ToUnicode text is its share."""
    text = "".join(s for f, s in w[1:] if not hasattr(f, "cbDefn"))
    glyphs: list[tuple[int, int, int]] = []  # (item index, index in string, cluster)
    for k, item in enumerate(new[1:], 1):
        s = item[1]
        if isinstance(s, ttfonts.ShapedStr):
            glyphs.extend((k, j, sd.cluster) for j, sd in enumerate(s.__shapeData__))
    chars = {k: list(new[k][1]) for k, _, _ in glyphs}
    start = 0
    while start < len(glyphs):
        cluster = glyphs[start][2]
        end = start
        while end < len(glyphs) and glyphs[end][2] == cluster:
            end += 1
        stop = glyphs[end][2] if end < len(glyphs) else len(text)
        if stop <= cluster:  # not monotone (right-to-left): leave as ReportLab made it
            return
        group = glyphs[start:end]
        naturals = [_natural(chars[k][j]) for k, j, _ in group]
        share_text = text[cluster:stop]
        if "".join(n or "\0" for n in naturals) != share_text:
            for (k, j, _), natural, share in zip(
                group, naturals, _partition(share_text, naturals), strict=True
            ):
                if share != natural:
                    font = pdfmetrics.getFont(new[k][0].fontName)
                    chars[k][j] = chr(_code_for(font, ord(chars[k][j]), share))
        start = end
    for k, cs in chars.items():
        f, s = new[k][0], new[k][1]
        new[k] = (f, ttfonts.ShapedStr("".join(cs), shapeData=s.__shapeData__))


def _natural(ch: str) -> str | None:
    """The text a glyph's code stands for by itself, None for a private code."""
    return None if _PRIVATE_FIRST <= ord(ch) <= _PRIVATE_LAST else ch


def _partition(text: str, naturals: list[str | None]) -> list[str]:
    """Cut ``text`` into ``len(naturals)`` contiguous shares, in glyph order.

    Cost: 0 for a glyph whose share is its own character, 1 for another
    non-empty share, 3 for an empty share; ties go to later glyphs taking more,
    so the text of ำ rides on its spacing า glyph and extractors see no gap.
    """
    n, m = len(naturals), len(text)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    cut = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0
    for g in range(1, n + 1):
        for j in range(m + 1):
            for i in range(j + 1):
                share = text[i:j]
                cost = best[g - 1][i] + (0 if share == naturals[g - 1] else 1 if share else 3)
                if cost < best[g][j]:
                    best[g][j], cut[g][j] = cost, i
    shares, j = [], m
    for g in range(n, 0, -1):
        i = cut[g][j]
        shares.append(text[i:j])
        j = i
    return shares[::-1]


def _code_for(font: Any, old_code: int, share: str) -> int:
    """A code drawing the same glyph as ``old_code`` whose ToUnicode text is ``share``."""
    face = font.face
    gid = face.charToGlyph[old_code]
    codes = _FACES.setdefault(_face_key(face), _FaceCodes())
    code = codes.code_of.get((gid, share))
    if code is None or face.charToGlyph.get(code, gid) != gid:
        code = _PRIVATE_FIRST
        while code in face.charToGlyph or code in codes.text_of:
            code += 1
        if code > _PRIVATE_LAST:
            raise RuntimeError(f"no private-use code left in font {font.fontName}")
        codes.code_of[(gid, share)] = code
        codes.text_of[code] = share
    face.charToGlyph[code] = gid
    face.charWidths[code] = face.charWidths[old_code]
    return code


def _make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    texts = _FACES.get(fontname.split("+", 1)[-1])
    if not texts:
        return str(_original["cmap"](fontname, subset))
    entries = [
        f"<{i:02X}> <{texts.text_of.get(v, chr(v)).encode('utf-16-be').hex().upper()}>"
        for i, v in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <%02X>" % (len(subset) - 1),
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )
