"""What build.spec puts in the frozen folder (complaint_desk/packaging/bundle.py), checked without building."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from complaint_desk.services.selfcheck import QT_MODULES

ROOT = Path(__file__).resolve().parents[2]


def load_bundle():
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "complaint_desk" / "packaging" / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = load_bundle()


def destinations(pairs: list[tuple[str, str]]) -> set[str]:
    return {f"{dest}/{Path(source).name}" for source, dest in pairs}


def test_the_spec_makes_a_windowed_program_and_a_console_twin_in_one_folder():
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    exes = [c for c in calls if c.func.id == "EXE"]
    consoles = sorted(ast.unparse(k.value) for c in exes for k in c.keywords if k.arg == "console")
    names = sorted(ast.unparse(k.value) for c in exes for k in c.keywords if k.arg == "name")
    assert consoles == ["False", "True"]
    assert names == ["bundle.APP_NAME", "bundle.CLI_NAME"]
    assert [c.func.id for c in calls].count("COLLECT") == 1
    assert (bundle.APP_NAME, bundle.CLI_NAME) == ("ComplaintDesk", "complaint-desk")


def test_every_resource_compiled_catalog_and_migration_is_bundled_where_the_program_looks():
    found = destinations(bundle.project_datas())
    resources = {str(p.relative_to(ROOT)) for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert resources and resources <= found
    for lang in ("th", "en"):
        assert f"translations/{lang}/LC_MESSAGES/messages.mo" in found
    assert not any(d.endswith(".po") for d in found)
    migrations = "complaint_desk/store/migrations"
    assert {f"{migrations}/env.py", f"{migrations}/versions/0001_initial_schema.py"} <= found
    assert not any("__pycache__" in d for d in found)


def test_a_build_without_compiled_catalogs_is_refused_naming_the_file(tmp_path: Path):
    for folder in ("resources", "translations", "complaint_desk/store/migrations"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for mo in (tmp_path / "translations").rglob("*.mo"):
        mo.unlink()
    with pytest.raises(FileNotFoundError, match=r"make catalogs.*messages\.mo"):
        bundle.project_datas(tmp_path)


@pytest.mark.parametrize("dest", [
    "pythainlp/corpus/words_th.txt", "pythainlp/corpus/default_db.json",
    "babel/locale-data/th.dat", "babel/locale-data/root.dat", "babel/locale-data/en_GB.dat",
    "babel/global.dat", "PySide6/Qt/lib/libQt6Core.so.6", "libQt6Gui.so.6",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/Qt/plugins/imageformats/libqico.so",
    "PySide6/plugins/imageformats/qsvg.dll", "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "resources/fonts/Sarabun-Regular.ttf",
])
def test_files_the_program_reads_are_shipped(dest: str):
    assert bundle.ships(dest)


@pytest.mark.parametrize("dest", [
    "pythainlp/corpus/wordnet_th.db", "pythainlp/corpus/thai2rom_decoder.onnx",
    "babel/locale-data/de.dat", "babel/locale-data/fr_CA.dat",
    "PySide6/Qt/translations/qtbase_de.qm", "PySide6/translations/qtbase_th.qm",
    "PySide6/Qt/qml/QtQuick/qmldir", "PySide6/Qt/lib/libQt6Quick.so.6", "libQt6Qml.so.6",
    "PySide6/Qt6VirtualKeyboard.dll", "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/plugins/imageformats/qwebp.dll",
    "PySide6/opengl32sw.dll", "PySide6/d3dcompiler_47.dll", "opengl32sw.dll",
])
def test_files_nobody_reads_are_left_out(dest: str):
    assert not bundle.ships(dest)


def test_the_kept_qt_modules_are_the_ones_selfcheck_expects_and_none_is_also_excluded():
    assert set(QT_MODULES) <= set(bundle.QT_KEPT)
    assert not set(bundle.QT_KEPT) & set(bundle.QT_EXCLUDED)
    assert all(m.startswith("PySide6.") for m in bundle.qt_hiddenimports())


def test_the_gui_imports_only_qt_modules_the_folder_keeps():
    allowed = set(bundle.QT_KEPT)
    used = set()
    for path in (ROOT / "complaint_desk").rglob("*.py"):
        used |= set(re.findall(r"(?:from|import) PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used and used <= allowed, f"add to complaint_desk/packaging/bundle.py QT_KEPT: {sorted(used - allowed)}"


def test_the_smoke_test_script_is_valid_bash():
    import subprocess

    subprocess.run(["bash", "-n", str(ROOT / ".ci" / "dist-test.sh")], check=True)
