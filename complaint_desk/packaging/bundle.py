"""What goes into the frozen folder, as plain data: build.spec reads it, the tests check it.

No PyInstaller import here, so `make test` can check the lists without building.
Destinations are relative to the bundle root (``sys._MEIPASS``, the ``_internal`` folder),
and match what ``complaint_desk.resources_path`` looks up.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "ComplaintDesk"  # the windowed executable and the folder
CLI_NAME = "complaint-desk"  # the console twin
DIST_NAME = "complaint-desk"  # the distribution whose metadata holds the version
ICON_ICO = ROOT / "resources" / "icons" / "complaint-desk.ico"
MIGRATIONS = ROOT / "complaint_desk" / "store" / "migrations"

# The Qt modules the program uses or may use (the GUI's windows, printing, PDF preview,
# charts, SVG). They are hidden imports so they are in the folder before the GUI imports them.
QT_KEPT = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets",
           "QtCharts", "QtSvg", "QtSvgWidgets")
# Everything else PySide6 ships. Excluding a module drops its Python binding, its hook, and
# the libraries, plugins and QML files only it needs. QtNetwork, QtDBus and QtOpenGL* are
# excluded as Python bindings only (12 MB): their Qt libraries stay, because QtGui, QtCharts
# and the xcb platform plugin link them.
QT_EXCLUDED = (
    "QtDBus", "QtNetwork", "QtOpenGL", "QtOpenGLWidgets",
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCanvasPainter", "QtConcurrent", "QtDataVisualization",
    "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation",
    "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtPositioning", "QtQml",
    "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtVirtualKeyboard", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
    "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
)
# Python modules the program never imports at run time (tests, tools, other GUI toolkits,
# optional imports of Mako and ReportLab: syntax colouring, setuptools).
PYTHON_EXCLUDED = ("tkinter", "_tkinter", "unittest", "pydoc", "pytest", "pytestqt",
                   "hypothesis", "IPython", "matplotlib", "numpy", "pandas", "PyQt5", "PyQt6",
                   "PySide2", "mypy", "ruff", "pygments", "pkg_resources", "setuptools")

# pythainlp ships 63 MB of corpora; word breaking (newmm) reads only these.
PYTHAINLP_CORPUS_KEPT = ("words_th.txt", "stopwords_th.txt", "corpus_license.md",
                         "default_db.json")
# Babel ships every CLDR locale (30 MB); the program speaks Thai and English.
BABEL_LOCALES_KEPT = ("root", "th", "th_TH", "en", "en_001", "en_US", "en_GB")
# Qt files we drop after analysis, matched against the destination path (lower case):
# Qt's own translations (the wheels have no Thai; gui/qt_strings.py translates Qt's strings),
# QML, plugins for embedded screens, Wayland (X11 and XWayland suffice on Linux; Windows has
# its own platform plugin), network and input plugins the program never uses, the GTK theme
# (it would pull in GTK), and image formats nobody sends to a complaint desk.
QT_DROPPED_PARTS = (
    "/translations/", "/qml/", "/plugins/egldeviceintegrations/", "/plugins/generic/",
    "/plugins/platforminputcontexts/", "/plugins/networkinformation/", "/plugins/tls/",
    "/plugins/wayland-", "/plugins/platformthemes/libqgtk3",
    "/plugins/platforms/libqwayland", "/plugins/platforms/libqeglfs",
    "/plugins/platforms/libqlinuxfb", "/plugins/platforms/libqminimalegl",
    "/plugins/platforms/libqvnc", "/plugins/platforms/libqvkkhrdisplay",
    "/plugins/imageformats/libqicns", "/plugins/imageformats/libqtga",
    "/plugins/imageformats/libqtiff", "/plugins/imageformats/libqwbmp",
    "/plugins/imageformats/libqwebp", "/plugins/imageformats/qicns",
    "/plugins/imageformats/qtga", "/plugins/imageformats/qtiff", "/plugins/imageformats/qwbmp",
    "/plugins/imageformats/qwebp",
)
# Qt libraries only the dropped plugins link (checked with ldd on the Linux build).
QT_DROPPED_LIBRARIES = ("Quick", "Qml", "VirtualKeyboard", "EglFS", "EglFsKms",
                        "WaylandClient", "WlShellIntegration")
# Windows, wherever PyInstaller puts them: Mesa's software OpenGL (20 MB) and the Direct3D
# shader compiler serve OpenGL and Qt Quick; widgets, charts and PDF pages paint without them.
DROPPED_FILE_PREFIXES = ("opengl32sw.", "d3dcompiler_")


def project_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source, destination folder) pairs for our own files, as PyInstaller's ``datas``.

    Raises FileNotFoundError naming the file when a compiled catalog or the icon is missing:
    a build without them would run, but untranslated or without an icon.
    """
    pairs: list[tuple[str, str]] = []
    for path in sorted((root / "resources").rglob("*")):
        if path.is_file() and path.suffix != ".py":
            pairs.append((str(path), _dest(path.parent.relative_to(root))))
    for lang_dir in sorted((root / "translations").iterdir()):
        po = lang_dir / "LC_MESSAGES" / "messages.po"
        if not po.is_file():
            continue
        mo = po.with_suffix(".mo")
        if not mo.is_file():
            raise FileNotFoundError(f"compiled catalog missing (run `make catalogs`): {mo}")
        pairs.append((str(mo), _dest(mo.parent.relative_to(root))))
    migrations = root / MIGRATIONS.relative_to(ROOT)
    for path in sorted(migrations.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".mako") and "__pycache__" not in path.parts:
            pairs.append((str(path), _dest(path.parent.relative_to(root))))
    icon = root / ICON_ICO.relative_to(ROOT)
    if not icon.is_file():
        raise FileNotFoundError(f"icon missing (run make icons): {icon}")
    return pairs


def _dest(relative: Path) -> str:
    return str(PurePosixPath(*relative.parts))


def qt_hiddenimports() -> list[str]:
    return [f"PySide6.{name}" for name in QT_KEPT]


def excluded_modules() -> list[str]:
    return [f"PySide6.{name}" for name in QT_EXCLUDED] + list(PYTHON_EXCLUDED)


def ships(dest_name: str) -> bool:
    """Whether a file PyInstaller collected goes into the folder. ``dest_name`` is the
    destination path inside the bundle (a TOC entry's first field), e.g.
    ``pythainlp/corpus/words_th.txt`` or ``PySide6/Qt/translations/qtbase_de.qm``."""
    parts = PurePosixPath(*Path(dest_name).parts)
    path = "/" + str(parts).lower()
    if path.startswith("/pythainlp/corpus/") and parts.suffix not in (".py", ".pyc"):
        return parts.name in PYTHAINLP_CORPUS_KEPT
    if path.startswith("/babel/locale-data/"):
        return parts.stem in BABEL_LOCALES_KEPT
    name = parts.name.lower()
    if name.startswith(DROPPED_FILE_PREFIXES):
        return False
    if any(name.startswith((f"libqt6{lib}", f"qt6{lib}")) for lib in
           (lib.lower() for lib in QT_DROPPED_LIBRARIES)):
        return False  # also PyInstaller's symbolic links to them at the top of the bundle
    if path.startswith("/pyside6/"):
        return not any(part in path for part in QT_DROPPED_PARTS)
    return True
