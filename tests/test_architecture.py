"""The layers stay one-way: no Qt below gui/, nothing but the standard library in domain/."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "complaint_desk"


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module if node.module.startswith("complaint_desk") else
                      node.module.split(".")[0])
    return found


def test_only_gui_imports_qt():
    offenders = [p for p in PACKAGE.rglob("*.py") if "gui" not in p.relative_to(PACKAGE).parts
                 and {"PySide6", "shiboken6"} & imports_of(p)]
    assert offenders == []


def test_domain_uses_only_the_standard_library_and_itself():
    allowed = set(sys.stdlib_module_names) | {"complaint_desk"}
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in imports_of(path):
            top = name.split(".")[0]
            assert top in allowed, (path.name, name)
            if name.startswith("complaint_desk."):
                assert name.startswith("complaint_desk.domain"), (path.name, name)


def test_store_does_not_reach_up_into_services_or_gui():
    for path in (PACKAGE / "store").rglob("*.py"):
        for name in imports_of(path):
            assert not name.startswith(("complaint_desk.services", "complaint_desk.gui",
                                        "complaint_desk.cli")), (path.name, name)


def test_cli_and_services_run_without_loading_qt():
    code = ("import sys, complaint_desk.cli, complaint_desk.services.complaints, "
            "complaint_desk.services.kpi, complaint_desk.services.demo; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
