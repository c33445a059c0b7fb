"""The running program's session: who is signed in, the main window, the idle lock, signing
out, restoring a backup and changing language (each rebuilds the window).

The idle watcher (dialogs/lock_screen.py) locks the screen after the admin's idle time; the
lock screen's "sign out" and the File menu's sign out hide the window and show the login, so
the next user gets a fresh window with their own permissions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from complaint_desk.bootstrap import Clock, data_dir
from complaint_desk.domain.complaint import Actor
from complaint_desk.gui import tasks
from complaint_desk.gui.dialogs.lock_screen import IdleWatcher, LockScreenDialog
from complaint_desk.gui.dialogs.login_dialog import LoginDialog
from complaint_desk.gui.dialogs.restore_dialog import RestoreDialog
from complaint_desk.gui.features import open_dialog
from complaint_desk.gui.icons import application_icon
from complaint_desk.gui.session import office_title, sign_in_user
from complaint_desk.i18n import _
from complaint_desk.services import backup
from complaint_desk.store.database import Database

if TYPE_CHECKING:  # loaded after the sign-in: the login shows before the window's modules load
    from complaint_desk.gui.main_window import MainWindow


class Program:
    def __init__(self, app: QApplication, db: Database, *, clock: Clock,
                 attachment_root: Path | None = None) -> None:
        self.app, self.db, self.clock = app, db, clock
        self.attachment_root = attachment_root or data_dir()
        self.window: MainWindow | None = None
        self.idle: IdleWatcher | None = None
        self.locked = False

    def start(self, username: str | None = None) -> bool:
        """Sign in and show the main window; False when the user gave up at the login."""
        actor = sign_in_user(self.db, username)
        if actor is None:
            return False
        self.show(actor)
        self.idle = IdleWatcher.for_database(self.app, self.db)
        self.idle.idle.connect(self.lock)
        return True

    def show(self, actor: Actor) -> MainWindow:
        from complaint_desk.gui.features import install_features
        from complaint_desk.gui.main_window import MainWindow

        window = MainWindow(self.db, actor, attachment_root=self.attachment_root, clock=self.clock)
        install_features(window)
        window.hooks.update({"lock": lambda _w: self.lock(),
                             "sign_out": lambda _w: self.sign_out(),
                             "restore": lambda _w: self.restore()})
        window.language_changed.connect(self.switch_language)
        window.setWindowIcon(application_icon())
        window.show()
        self.window = window
        return window

    def _replace_window(self, actor: Actor | None) -> None:
        old = self.window
        if old is not None:
            old.save_state()
        if actor is not None:
            self.show(actor)
        if old is not None:
            old.close()
            old.deleteLater()

    # --- the screen lock and signing out ------------------------------------------------

    def lock(self) -> None:
        if self.window is None or self.locked:
            return
        self.locked = True
        if self.idle is not None:
            self.idle.pause()
        dialog = LockScreenDialog(self.db, self.window.actor, self.window)
        result = open_dialog(self.window, dialog)
        self.locked = False
        if result == QDialog.DialogCode.Accepted:
            if self.idle is not None:
                self.idle.resume()
            return
        self.sign_out()

    def sign_out(self) -> None:
        """Hide the window and ask who signs in next; nobody: the program ends."""
        if self.window is None:
            return
        self.window.save_state()
        self.window.hide()
        login = LoginDialog(self.db, office_title(self.db))
        actor = login.actor if login.exec() == QDialog.DialogCode.Accepted else None
        self._replace_window(actor)
        if actor is None:
            self.window = None
            self.app.quit()
        elif self.idle is not None:
            self.idle.resume()

    # --- restoring a backup -------------------------------------------------------------

    def restore(self) -> None:
        window = self.window
        if window is None or self.db.path is None:
            return
        path = self.db.path

        def perform(source: Path, username: str, password: str) -> object:
            self.db.dispose()  # no connection may hold the file while it is replaced
            return tasks.run_with_progress(
                window, _("Restore a backup"), _("Checking and restoring the backup…"),
                lambda _progress: backup.restore(path, source, username, password),
                cancellable=False)

        dialog = RestoreDialog(perform, folder=backup.backup_folder(self.db),
                               username=window.actor.username, parent=window)
        if open_dialog(window, dialog) != QDialog.DialogCode.Accepted:
            return
        QMessageBox.information(window, _("Restore a backup"),
                                _("The backup was restored. Sign in again."))
        self.sign_out()

    # --- language -----------------------------------------------------------------------

    def switch_language(self, lang: str) -> None:
        from complaint_desk.gui.app import apply_language

        if self.window is None:
            return
        apply_language(self.app, lang)
        self._replace_window(self.window.actor)

    def finish(self) -> None:
        """On exit: the exit backup (whole or absent), off the GUI thread."""
        if self.idle is not None:
            self.idle.pause()
        try:
            tasks.run_with_progress(None, _("Complaint Desk"),
                                    _("Backing up the database before closing…"),
                                    lambda _progress: backup.on_exit(self.db),
                                    cancellable=False)
        except OSError as error:
            QMessageBox.warning(None, _("Complaint Desk"),
                                _("The backup on exit failed: {error}").format(error=error))
