"""Checks every printed document must pass, shared by the report tests.

* the text extracted (pypdf, ``pdftotext -raw``) has no private-use or replacement character;
* no glyph id 0 (.notdef) is drawn (the typography tests' helper);
* no line ends inside a Thai word: each break between two Thai characters is located in one of
  the source texts (the data given to the builder, the catalog's Thai) and must be a newmm word
  boundary there or next to a space. Breaks that join two different texts (a cell ending and
  the next cell starting) are not located and not judged.
"""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from pypdf import PdfReader
from pythainlp.tokenize import word_tokenize

from tests.reports.test_thai_text_extraction import drawn_glyph_ids, odd_characters

ROOT = Path(__file__).resolve().parents[2]


def squeeze(text: str) -> str:
    return "".join(text.split())


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def pdftotext_raw(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


@lru_cache(maxsize=1)
def catalog_texts() -> tuple[str, ...]:
    with open(ROOT / "translations/th/LC_MESSAGES/messages.po", "rb") as handle:
        return tuple(m.string for m in read_po(handle) if m.id and isinstance(m.string, str))


def strings_in(value: Any) -> list[str]:
    """Every string inside plain data (dataclasses, lists, tuples, dicts)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings_in(getattr(value, f.name))]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings_in(v)]
    return []


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


@lru_cache(maxsize=4096)
def _boundaries(text: str) -> frozenset[int]:
    offsets, at = {0}, 0
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        at += len(word)
        offsets.add(at)
    return frozenset(offsets)


@lru_cache(maxsize=4096)
def _squeezed(text: str) -> tuple[str, tuple[int, ...]]:
    index = tuple(i for i, c in enumerate(text) if not c.isspace())
    return "".join(text[i] for i in index), index


def words_cut_at_line_ends(path: Path, sources: Iterable[str]) -> list[tuple[str, str]]:
    """(line end, next line start) pairs that cut a Thai word."""
    texts = [s for s in {*sources, *catalog_texts()} if s and any(map(_is_thai, s))]
    lines = [line for line in pdftotext_raw(path).replace("\f", "\n").splitlines()
             if line.strip()]
    cut = []
    for before, after in pairwise(lines):
        left, right = squeeze(before)[-12:], squeeze(after)[:12]
        if not (left and right and _is_thai(left[-1]) and _is_thai(right[0])):
            continue
        joined, located, fine = left + right, False, False
        for text in texts:
            squeezed, index = _squeezed(text)
            at = squeezed.find(joined)
            while at != -1 and not fine:
                located = True
                offset = index[at + len(left)]
                fine = offset in _boundaries(text) or text[offset - 1].isspace()
                at = squeezed.find(joined, at + 1)
            if fine:
                break
        if located and not fine:
            cut.append((before, after))
    return cut


def assert_clean(path: Path, sources: Iterable[str] = ()) -> str:
    """Run every check; returns the squeezed pypdf text for further assertions."""
    text, raw = pypdf_text(path), pdftotext_raw(path)
    assert odd_characters(text) == set()
    assert odd_characters(raw) == set()
    assert squeeze(text) == squeeze(raw.replace("\f", ""))
    drawn = drawn_glyph_ids(path)
    assert drawn and [d for d in drawn if d[1] == 0] == []
    assert words_cut_at_line_ends(path, sources) == []
    return squeeze(text)
