"""Starting the desktop program: ``run_gui(["--db", FILE, "--user", NAME, "--lang", "th"])``.

Order: Qt application, Sarabun as the application font, the language (``--lang``, else the
saved choice, else the environment; Thai by default) for our catalog and Qt's own strings,
the database (created and migrated when new; first start asks for the office and offers demo
data), the user (session.py), then the main window. An unexpected error is logged to
``<data dir>/logs/complaint-desk.log`` and shown in a dialog instead of closing the program.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from complaint_desk.bootstrap import data_dir, open_app_database
from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.dialogs.first_start_dialog import FirstStartDialog
from complaint_desk.gui.fonts import use_application_font
from complaint_desk.gui.main_window import MainWindow
from complaint_desk.gui.preferences import APPLICATION, ORGANISATION, saved_language
from complaint_desk.gui.qt_strings import QtCatalogTranslator
from complaint_desk.gui.session import choose_actor
from complaint_desk.i18n import _, error_text, language_from_env, set_language
from complaint_desk.services.offices import is_initialised
from complaint_desk.store.database import Database

log = logging.getLogger("complaint_desk")
_translator: QtCatalogTranslator | None = None


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="complaint-desk")
    parser.add_argument("--db")
    parser.add_argument("--user")
    parser.add_argument("--lang", choices=("th", "en"))
    return parser.parse_args(argv)


def apply_language(app: QApplication, lang: str) -> str:
    """Our catalog, Qt's strings through it, and Qt's locale (digits, day names)."""
    global _translator
    lang = set_language(lang)
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if lang == "th":
        _translator = QtCatalogTranslator(app)
        app.installTranslator(_translator)
    QLocale.setDefault(QLocale(QLocale.Language.Thai if lang == "th" else QLocale.Language.English,
                               QLocale.Country.Thailand))
    return lang


def _log_to_file() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "complaint-desk.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    return path


def _install_crash_dialog(log_path: Path) -> None:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("".join(traceback.format_exception(kind, error, tb)))
        if isinstance(error, DomainError):
            QMessageBox.warning(None, _("Complaint Desk"), error_text(error))
            return
        QMessageBox.critical(None, _("Complaint Desk"),
                             _("Something went wrong. Your saved work is safe. The details were "
                               "written to {path}.").format(path=str(log_path)))

    sys.excepthook = hook


def open_database_or_explain(target: str | None) -> Database | None:
    try:
        return open_app_database(target)
    except DomainError as error:
        QMessageBox.critical(None, _("Complaint Desk"), error_text(error))
    except OSError as error:
        QMessageBox.critical(None, _("Complaint Desk"),
                             _("Cannot use the file: {error}").format(error=error))
    return None


class Program:
    """Keeps the window; rebuilds it when the language changes."""

    def __init__(self, app: QApplication, db: Database) -> None:
        self.app, self.db = app, db
        self.window: MainWindow | None = None

    def show(self, actor: object) -> MainWindow:
        window = MainWindow(self.db, actor, attachment_root=data_dir())  # type: ignore[arg-type]
        window.language_changed.connect(self.switch_language)
        window.show()
        self.window = window
        return window

    def switch_language(self, lang: str) -> None:
        old = self.window
        if old is None:
            return
        apply_language(self.app, lang)
        old.save_state()
        self.show(old.actor)
        old.close()
        old.deleteLater()


def run_gui(argv: list[str]) -> int:
    args = parse_arguments(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "complaint-desk"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    use_application_font(app)
    apply_language(app, args.lang or saved_language() or language_from_env())
    _install_crash_dialog(_log_to_file())
    db = open_database_or_explain(args.db)
    if db is None:
        return 1
    if not is_initialised(db):
        if FirstStartDialog(db).exec() != QDialog.DialogCode.Accepted:
            return 0
    actor, problem = choose_actor(db, args.user)
    if actor is None:
        if problem:
            QMessageBox.critical(None, _("Complaint Desk"), problem)
        return 1 if problem else 0
    program = Program(app, db)
    program.show(actor)
    code = app.exec()
    db.dispose()
    return code
