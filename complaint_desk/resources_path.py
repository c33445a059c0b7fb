"""Where the program's files are: the same call in the source tree and in a frozen build.

In a source tree ``resources/`` and ``translations/`` sit beside the package and the Alembic
scripts inside it (``complaint_desk/store/migrations``). PyInstaller's one-folder build
(build.spec, packaging/bundle.py) puts all three under ``sys._MEIPASS`` at the same relative
paths, so every caller asks here and never computes a path from its own ``__file__``.
"""

from __future__ import annotations

import sys
from pathlib import Path

MIGRATIONS_IN_PACKAGE = ("complaint_desk", "store", "migrations")


def _meipass() -> str | None:
    """PyInstaller's bundle folder when running frozen by PyInstaller, else None (other
    freezers set ``sys.frozen`` but not ``sys._MEIPASS``)."""
    if not getattr(sys, "frozen", False):
        return None
    folder = getattr(sys, "_MEIPASS", None)
    return folder if isinstance(folder, str) else None


def is_frozen() -> bool:
    """True inside a PyInstaller build (``sys.frozen`` and ``sys._MEIPASS`` are set)."""
    return _meipass() is not None


def bundle_root() -> Path:
    """The folder holding ``resources/``, ``translations/`` and ``complaint_desk/``."""
    folder = _meipass()
    return Path(folder) if folder else Path(__file__).resolve().parent.parent


def resource_root() -> Path:
    return bundle_root() / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def translations_root() -> Path:
    return bundle_root() / "translations"


def migrations_root() -> Path:
    """Alembic's script folder. Alembic loads ``env.py`` and ``versions/*.py`` by file path,
    so in a frozen build they are plain files copied into the bundle, not archived modules."""
    return bundle_root().joinpath(*MIGRATIONS_IN_PACKAGE)
