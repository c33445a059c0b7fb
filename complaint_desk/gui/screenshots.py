"""``python -m complaint_desk.gui.screenshots [OUT_DIR]`` (``make screenshots``): render the
main screens offscreen over a fresh demo database, in Thai and in English, as PNG files:
the first start, the sign-in, the main window with the list and with the dashboard tab, the
intake form with a validation error, a case with its timeline, the level dialog and the About
box. Settings and data go to a temporary folder."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

DEMO_TODAY = date(2024, 9, 30)
NOW = datetime(2024, 9, 30, 10, 0)


def render(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="complaint-desk-shots-"))
    os.environ["COMPLAINT_DESK_DATA"] = str(work)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    from complaint_desk.domain.case_list import Queue
    from complaint_desk.domain.workflow import Action
    from complaint_desk.gui.app import apply_language
    from complaint_desk.gui.dialogs.about_dialog import AboutDialog
    from complaint_desk.gui.dialogs.first_start_dialog import FirstStartDialog
    from complaint_desk.gui.dialogs.login_dialog import LoginDialog
    from complaint_desk.gui.features import install_features
    from complaint_desk.gui.fonts import use_application_font
    from complaint_desk.gui.main_window import MainWindow
    from complaint_desk.gui.models.complaint_table_model import RECORD_ROLE
    from complaint_desk.gui.session import office_title
    from complaint_desk.services.demo import generate_demo
    from complaint_desk.services.offices import init_office
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    app = QApplication.instance() or QApplication(["screenshots"])
    use_application_font(app)  # type: ignore[arg-type]
    db = open_database(work / "demo.db")
    init_office(db, code="BKK1", name="สำนักงานเคหะชุมชนกรุงเทพฯ 1")
    generate_demo(db, 3000, seed=3, today=DEMO_TODAY)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: object, name: str) -> None:
        app.processEvents()
        path = out / name
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)

    for lang in ("th", "en"):
        apply_language(app, lang)  # type: ignore[arg-type]
        fresh = open_database(work / f"fresh-{lang}.db")
        first = FirstStartDialog(fresh)
        first.code.setText("BKK1")
        first.name.setText("สำนักงานเคหะชุมชนกรุงเทพฯ 1")
        first.show()
        save(first, f"first-start-{lang}.png")
        first.close()
        fresh.dispose()
        login = LoginDialog(db, office_title(db), "bkk1.supervisor")
        login.show()
        save(login, f"login-{lang}.png")
        login.close()
        window = MainWindow(db, actor_for(db, "bkk1.supervisor"), attachment_root=work,
                            clock=lambda: NOW)
        install_features(window)
        window.resize(1600, 900)
        window.show()
        window.queues.select(Queue.ALL_OPEN)
        model = window.model
        row = next(r for r in range(model.rowCount())
                   if model.data(model.index(r, 0), RECORD_ROLE).status == "assessed")
        window.table.selectRow(row)
        save(window, f"main-window-{lang}.png")
        window.queues.select(Queue.CLOSED)
        window.table.selectRow(3)
        save(window.detail, f"case-timeline-{lang}.png")
        window.queues.select(Queue.ALL_OPEN)
        window.table.selectRow(row)
        dialog = window.step_dialog(Action.ASSIGN_LEVEL)
        assert dialog is not None
        dialog.show()
        save(dialog, f"level-dialog-{lang}.png")
        dialog.close()
        intake = window.intake_dialog()
        intake.show()
        intake.subject.setText("น้ำรั่วจากห้องชั้นบน")
        intake.national_id.setText("1101700230709")
        intake.phone.setText("0812")
        intake.accept()  # invalid: shows the messages, saves nothing
        save(intake, f"intake-validation-{lang}.png")
        intake.close()
        window.show_dashboard()
        assert window.dashboard is not None
        window.dashboard.wait_until_shown()
        save(window, f"main-window-dashboard-{lang}.png")
        about = AboutDialog("BKK1 สำนักงานเคหะชุมชนกรุงเทพฯ 1", window)
        about.show()
        save(about, f"about-{lang}.png")
        about.close()
        window.close()
    db.dispose()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("docs/screenshots")
    for path in render(out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
