"""What the About box shows: the program's names, its version and the licences of what it
ships. Pure Python (no Qt), so the GUI, the CLI and the tests read the same facts.

The version comes from the installed package's metadata (pyproject.toml's ``version``); the
frozen build bundles that metadata (build.spec: ``copy_metadata("complaint-desk")``), so the
folder on the office PC reports the version it was built from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from complaint_desk import __version__
from complaint_desk.i18n import N_, _
from complaint_desk.resources_path import resource_path

NAME_TH = "ระบบจัดการข้อร้องเรียน"
NAME_EN = "Complaint Desk"
ICON_PNG = ("icons", "complaint-desk.png")
ICON_ICO = ("icons", "complaint-desk.ico")
FONT_LICENCE_FILE = ("fonts", "OFL.txt")


@dataclass(frozen=True)
class ThirdPartyNotice:
    """One shipped work that is not ours: what it is, who holds it, under which licence."""

    what: str
    holder: str
    licence: str
    licence_file: tuple[str, ...] | None = None


NOTICES: tuple[ThirdPartyNotice, ...] = (
    ThirdPartyNotice(N_("Sarabun font (used in reports and on screen)"),
                     "Copyright 2018 The Sarabun Project Authors (https://github.com/cadsondemak/Sarabun)",
                     "SIL Open Font License 1.1", FONT_LICENCE_FILE),
    ThirdPartyNotice(N_("Qt for Python (PySide6), the user interface toolkit"),
                     "The Qt Company Ltd.", "GNU LGPL v3"),
    ThirdPartyNotice(N_("PyThaiNLP, Thai word breaking"), "PyThaiNLP Project", "Apache License 2.0"),
    ThirdPartyNotice(N_("ReportLab, PDF reports"), "ReportLab Europe Ltd.", "BSD licence"),
)


def version() -> str:
    return __version__


def icon_path() -> Path:
    """The application icon as a 256 px PNG (for ``QIcon`` and the window title bar)."""
    return resource_path(*ICON_PNG)


def font_licence_text() -> str:
    return resource_path(*FONT_LICENCE_FILE).read_text(encoding="utf-8")


def about_lines() -> list[str]:
    """The About box's text, one paragraph a line, in the current language: the Thai name
    always first (it is the program's name in every language), then the version and the
    notices."""
    lines = [NAME_TH, NAME_EN, _("Version {version}").format(version=version()),
             _("Complaint handling according to ISO 10002, for offices working offline."), ""]
    lines.append(_("This program includes:"))
    for notice in NOTICES:
        lines.append(_("{what}: {holder}, {licence}").format(
            what=_(notice.what), holder=notice.holder, licence=notice.licence))
    return lines
