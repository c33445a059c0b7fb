"""Starting the desktop program: ``run_gui(["--db", FILE, "--user", NAME, "--lang", "th"])``.

Order: Qt application, Sarabun as the application font, the language (``--lang``, else the
saved choice, else the environment; Thai by default) for our catalog and Qt's own strings,
the database (checked before anything is written: a damaged file is refused and the latest
good backup offered; created and migrated when new; first start asks for the office and the
administrator's password and offers demo data), the day's first backup (in the background),
the sign-in (session.py), then the main window (program.py). On exit a last backup. An
unexpected error is logged to ``<data dir>/logs/complaint-desk.log`` and shown in a dialog
instead of closing the program.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from complaint_desk.bootstrap import data_dir, default_database_path, wall_clock
from complaint_desk.domain.errors import DomainError
from complaint_desk.gui import tasks
from complaint_desk.gui.fonts import use_application_font
from complaint_desk.gui.icons import application_icon
from complaint_desk.gui.preferences import (
    APPLICATION,
    ORGANISATION,
    database_setting,
    saved_language,
)
from complaint_desk.gui.qt_strings import QtCatalogTranslator
from complaint_desk.gui.thai_font import install_thai_font
from complaint_desk.i18n import _, error_text, language_from_env, set_language
from complaint_desk.store.integrity_check import BackgroundCheck

if TYPE_CHECKING:  # SQLAlchemy and the services load after the integrity check has started
    from complaint_desk.gui.program import Program
    from complaint_desk.store.backup_files import DamagedDatabase
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


def _offer_restore(path: Path, error: DamagedDatabase) -> bool:
    """A damaged database: say so in Thai (nothing was written to it) and offer the latest good
    backup. True when it was restored."""
    box = QMessageBox(QMessageBox.Icon.Critical, _("Complaint Desk"), error_text(error))
    good = error.params.get("backup")
    restore = (box.addButton(_("Restore the latest good backup…"),
                             QMessageBox.ButtonRole.AcceptRole) if good else None)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is None or box.clickedButton() is not restore:
        return False
    from complaint_desk.gui.dialogs.restore_dialog import RestoreDialog
    from complaint_desk.services import backup

    dialog = RestoreDialog(lambda source, username, password: backup.restore(
        path, source, username, password), source=Path(str(good)))
    return dialog.exec() == QDialog.DialogCode.Accepted


def database_target(target: str | None) -> str:
    """What the program opens: ``--db`` (a file or a ``postgresql://`` URL), else the setting
    (preferences: ``$COMPLAINT_DESK_DB`` or ``database=``), else the default file."""
    return target or database_setting() or str(default_database_path())


def database_file(where: str) -> Path | None:
    """The SQLite file behind ``where``; None for a server's database (its server checks it)."""
    if where.startswith("sqlite:///"):
        return Path(where.removeprefix("sqlite:///"))
    return None if "://" in where else Path(where)


def open_database_or_explain(target: str | None,
                             check: BackgroundCheck | None = None) -> Database | None:
    """The office's database, checked before anything is written to it (services/backup).
    ``check``: the integrity check run_gui started before loading the rest of the program."""
    from complaint_desk.services import backup
    from complaint_desk.store.backup_files import DamagedDatabase

    where = database_target(target)
    for attempt in range(2):  # once more after restoring a backup
        problems = check.problems() if check is not None and attempt == 0 else None
        try:
            return backup.open_at_start(where, problems=problems)
        except DamagedDatabase as error:  # only a file is checked so
            if not _offer_restore(database_file(where) or Path(where), error):
                return None
        except DomainError as error:
            QMessageBox.critical(None, _("Complaint Desk"), error_text(error))
            return None
        except OSError as error:
            QMessageBox.critical(None, _("Complaint Desk"),
                                 _("Cannot use the file: {error}").format(error=error))
            return None
    return None


def daily_backup(db: Database) -> tasks.Task:
    """The first start of the day backs the database up, in the background."""
    from complaint_desk.services import backup

    task = tasks.Task(lambda _progress: backup.on_start(db))
    task.signals.failed.connect(lambda error, trace: log.error("daily backup: %s", trace))
    return tasks.start(task)


def start_program(app: QApplication, args: argparse.Namespace,
                  check: BackgroundCheck | None = None) -> Program | None:
    """Everything before the event loop: the database (checked; first start), the daily
    backup, the sign-in and the main window. None when the program should end."""
    db = open_database_or_explain(args.db, check)
    if db is None:
        return None
    from complaint_desk.gui.program import Program
    from complaint_desk.services.offices import is_initialised

    first_start = not is_initialised(db)
    if first_start:
        from complaint_desk.gui.dialogs.first_start_dialog import FirstStartDialog

        if FirstStartDialog(db).exec() != QDialog.DialogCode.Accepted:
            db.dispose()
            return None
    program = Program(app, db, clock=wall_clock)
    program.daily_backup = daily_backup(db)  # type: ignore[attr-defined]
    if not program.start(args.user):
        program.daily_backup.done.wait()  # type: ignore[attr-defined]
        db.dispose()
        return None
    if first_start and program.window is not None:
        from complaint_desk.gui.features import first_day

        # The office's address and emblem, then its register: modal dialogs, so asked once
        # the event loop runs and the main window is on screen, not before start returns.
        window = program.window
        QTimer.singleShot(0, lambda: first_day(window))
    return program


def run_gui(argv: list[str]) -> int:
    args = parse_arguments(argv)
    # SQLite checks the whole file without Python's lock: it runs while Qt starts and the
    # program's modules (SQLAlchemy, the services, the windows) load; opening waits for it.
    file = database_file(database_target(args.db))
    check = BackgroundCheck(file) if file is not None else None
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "complaint-desk"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(application_icon())
    use_application_font(app)
    install_thai_font()
    apply_language(app, args.lang or saved_language() or language_from_env())
    _install_crash_dialog(_log_to_file())
    program = start_program(app, args, check)
    if program is None:
        return 0
    code = app.exec()
    program.finish()
    program.db.dispose()
    return code
