"""Every message the code marks has a Thai translation, and the template is up to date."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def catalog(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def test_every_message_has_a_thai_translation():
    th = catalog(ROOT / "translations/th/LC_MESSAGES/messages.po")
    untranslated = [m.id for m in th if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


def test_the_catalogs_hold_every_message_in_the_code(tmp_path):
    out = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "translations/babel.cfg"), "-k", "N_", "-k", "_", "-k",
                    "ngettext:1,2", "-o", str(out), "--no-location", "."], cwd=ROOT, check=True,
                   capture_output=True)
    in_code = {m.id for m in catalog(out) if m.id}
    in_thai = {m.id for m in catalog(ROOT / "translations/th/LC_MESSAGES/messages.po") if m.id}
    assert sorted(in_code - in_thai) == []


def test_placeholders_survive_translation():
    import re

    th = catalog(ROOT / "translations/th/LC_MESSAGES/messages.po")
    for m in th:
        if m.id and isinstance(m.id, str):
            assert set(re.findall(r"\{[^}]*\}", m.id)) == set(re.findall(r"\{[^}]*\}", m.string)), m.id
