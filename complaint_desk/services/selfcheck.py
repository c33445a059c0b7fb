"""``complaint-desk selfcheck``: is every file the program needs where it looks for it?

Run from the source tree or from the frozen folder on an office PC; each check uses the
program's own code path (resources_path, i18n, the migrations, the PDF typography) rather
than a list of paths of its own, so a file the build forgot fails here, with its name, before
an officer meets it. Nothing here imports Qt: the Qt parts are checked as files.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path

from complaint_desk.about import FONT_LICENCE_FILE, ICON_ICO, ICON_PNG
from complaint_desk.domain.errors import N_
from complaint_desk.i18n import DOMAIN, LANGUAGES
from complaint_desk.resources_path import (
    is_frozen,
    migrations_root,
    resource_path,
    translations_root,
)
from complaint_desk.services.check import Problem

FONT_FILES = ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-Italic.ttf",
              "Sarabun-BoldItalic.ttf")
SEED_FILES = ("categories.csv", "units.csv", "demo_th.json")
# The Qt modules the GUI may import (build.spec keeps exactly these).
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets",
              "QtCharts", "QtSvg")
# Qt plugins the program cannot start or draw without: (folder, part of the file name).
QT_PLUGINS = (("platforms", "offscreen"), ("imageformats", "ico"), ("imageformats", "svg"))
QT_SCREEN_PLUGIN = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")
KNOWN_THAI_MESSAGE = "No problems found."


@dataclass
class SelfCheck:
    """One named check and what it found missing or broken (empty: all present)."""

    name: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _missing(path: Path) -> Problem:
    return Problem(N_("Missing file: {path}"), {"path": str(path)})


def _files(*paths: Path) -> list[Problem]:
    return [_missing(p) for p in paths if not p.is_file()]


def check_fonts() -> list[Problem]:
    return _files(*(resource_path("fonts", f) for f in FONT_FILES),
                  resource_path(*FONT_LICENCE_FILE))


def check_icons() -> list[Problem]:
    return _files(resource_path(*ICON_PNG), resource_path(*ICON_ICO))


def check_seed_data() -> list[Problem]:
    problems = _files(*(resource_path("seed", f) for f in SEED_FILES))
    if problems:
        return problems
    for name in ("categories.csv", "units.csv"):
        with open(resource_path("seed", name), newline="", encoding="utf-8") as handle:
            if not list(csv.DictReader(handle)):
                problems.append(Problem(N_("The file {path} is empty."),
                                        {"path": str(resource_path("seed", name))}))
    json.loads(resource_path("seed", "demo_th.json").read_text(encoding="utf-8"))
    return problems


def check_holidays() -> list[Problem]:
    from complaint_desk.services.holidays import SHIPPED_FILE, read_csv

    path = resource_path(*SHIPPED_FILE)
    if not path.is_file():
        return [_missing(path)]
    if not read_csv(path):
        return [Problem(N_("The file {path} is empty."), {"path": str(path)})]
    return []


def check_catalogs() -> list[Problem]:
    """Compiled catalogs for every language; a frozen build has no .po to fall back on."""
    import gettext

    problems = []
    for lang in LANGUAGES:
        folder = translations_root() / lang / "LC_MESSAGES"
        mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
        if not mo.is_file() and (is_frozen() or not po.is_file()):
            problems.append(_missing(mo))
        elif mo.is_file() and lang == "th":
            with open(mo, "rb") as handle:
                thai = gettext.GNUTranslations(handle).gettext(KNOWN_THAI_MESSAGE)
            if thai == KNOWN_THAI_MESSAGE:
                problems.append(Problem(N_("The Thai catalog {path} has no translations."),
                                        {"path": str(mo)}))
    return problems


def check_migrations() -> list[Problem]:
    """The Alembic scripts are files, and a new database can be brought to their head."""
    from complaint_desk.store.database import open_database

    root = migrations_root()
    problems = _files(root / "env.py")
    if not list((root / "versions").glob("*.py")):
        problems.append(_missing(root / "versions" / "0001_initial_schema.py"))
    if problems:
        return problems
    with tempfile.TemporaryDirectory(prefix="complaint-desk-selfcheck-") as folder:
        database = open_database(Path(folder) / "selfcheck.db")
        database.dispose()
    return []


def check_formats() -> list[Problem]:
    """Babel's locale data for the two languages (dates, numbers)."""
    from babel.dates import format_date

    for lang in LANGUAGES:
        format_date(date(2024, 8, 15), format="long", locale=lang)
    return []


def check_thai_pdf() -> list[Problem]:
    """A one-line Thai PDF: fonts, HarfBuzz shaping and pythainlp's word list together."""
    from pythainlp.tokenize import word_tokenize
    from reportlab.platypus import SimpleDocTemplate

    from complaint_desk.reports.thai import ThaiParagraph, thai_style

    if len(word_tokenize("ระบบจัดการข้อร้องเรียน", engine="newmm")) < 3:
        return [Problem(N_("Thai word breaking has no dictionary."))]
    out = BytesIO()
    SimpleDocTemplate(out).build([ThaiParagraph("ผู้ร้องเรียนได้รับการตอบรับแล้ว", thai_style())])
    if not out.getvalue().startswith(b"%PDF"):
        return [Problem(N_("A test PDF could not be written."))]
    return []


def qt_folder() -> Path | None:
    """PySide6's folder, found without importing it (the CLI never loads Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def check_qt() -> list[Problem]:
    folder = qt_folder()
    if folder is None:
        return [Problem(N_("The user interface library (Qt) is missing."))]
    problems = [_missing(folder / f"{module}.*") for module in QT_MODULES
                if not any(folder.glob(f"{module}.*"))]
    plugins = next((p for p in (folder / "Qt" / "plugins", folder / "plugins") if p.is_dir()),
                   folder / "Qt" / "plugins")
    for kind, part in (*QT_PLUGINS, ("platforms", QT_SCREEN_PLUGIN)):
        if not any(part in p.name for p in (plugins / kind).glob("*")):
            problems.append(_missing(plugins / kind / f"*{part}*"))
    return problems


CHECKS: tuple[tuple[str, Callable[[], list[Problem]]], ...] = (
    (N_("Fonts"), check_fonts),
    (N_("Icons"), check_icons),
    (N_("Seed data"), check_seed_data),
    (N_("Holiday calendar"), check_holidays),
    (N_("Message catalogs"), check_catalogs),
    (N_("Database migrations"), check_migrations),
    (N_("Date and number formats"), check_formats),
    (N_("Thai PDF reports"), check_thai_pdf),
    (N_("User interface library"), check_qt),
)


def run_selfcheck() -> list[SelfCheck]:
    """Every check, each isolated: one that raises is reported with its error, the rest run."""
    results = []
    for name, check in CHECKS:
        try:
            problems = check()
        except Exception as error:  # a broken resource, not a bug in the caller: report it
            problems = [Problem(N_("Failed: {error}"), {"error": f"{type(error).__name__}: {error}"})]
        results.append(SelfCheck(name, problems))
    return results
