"""Where the program's bundled resources (fonts, icons, seed data) live.

The ``resources/`` folder sits at the top of the repository, next to the
``complaint_desk`` package. A PyInstaller build copies it to the top of the
unpacked bundle, whose folder PyInstaller publishes as ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, e.g. ``resource_path("fonts", "OFL.txt")``.

    Works from the source tree and from a PyInstaller frozen folder. The path is
    returned whether or not the file exists; callers decide what a missing file means.
    """
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        root = Path(sys._MEIPASS) / "resources"
    else:
        root = Path(__file__).resolve().parent.parent / "resources"
    return root.joinpath(*parts)
