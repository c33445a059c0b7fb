"""Where the program's files are: the same call in the source tree and in a frozen build.

In a source tree ``resources/`` and ``translations/`` sit beside the package; PyInstaller's
one-folder build (build.spec) puts them under ``sys._MEIPASS`` with the same names.
"""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS)
    return Path(__file__).resolve().parent.parent


def resource_root() -> Path:
    return bundle_root() / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def translations_root() -> Path:
    return bundle_root() / "translations"
