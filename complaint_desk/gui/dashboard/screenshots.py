"""Render the dashboard offscreen from demo data: docs/screenshots/dashboard_{th,en}.png.

    make screenshots   (python -m complaint_desk.gui.dashboard.screenshots; about half a minute)
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from complaint_desk.gui.dashboard.dashboard_widget import DashboardWidget
from complaint_desk.gui.thai_fonts import register_thai_fonts, thai_font
from complaint_desk.i18n import set_language
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.demo_policy import generate_policy_demo
from complaint_desk.services.offices import init_office
from complaint_desk.store.database import open_database

TODAY = date(2024, 12, 20)
OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    register_thai_fonts()
    app.setFont(thai_font(10))
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "demo.db")
        init_office(db, code="BKK1", name="สำนักงานเคหะชุมชนกรุงเทพฯ 1")
        generate_demo(db, 12000, seed=1, offices=3, today=TODAY)
        generate_policy_demo(db, today=TODAY)
        OUT.mkdir(parents=True, exist_ok=True)
        for lang in ("th", "en"):
            set_language(lang)
            widget = DashboardWidget(db, today=TODAY)
            widget.select(2024, 11)
            widget.wait_until_shown()
            widget.resize(1440, 900)
            widget.show()
            app.processEvents()
            content = widget.layout().itemAt(2).widget().widget()  # the scroll area's page
            content.resize(1440, content.sizeHint().height())
            app.processEvents()
            content.grab().save(str(OUT / f"dashboard_{lang}.png"))
            widget.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
