"""Who uses the program in this session: the sign-in (services/accounts.sign_in), never a
chooser. ``sign_in_user`` returns the Actor, or None when the user gave up.

``--user NAME`` (or $COMPLAINT_DESK_USER) only fills in the username for scripting and
screenshots: the password is still asked for, unless $COMPLAINT_DESK_PASSWORD holds it (the
CLI's convention for scheduled scripts). Passwordless accounts sign in only on a demo database,
as services/accounts decides. A password the admin set must be changed before the window
opens.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.dialogs.change_password_dialog import ChangePasswordDialog
from complaint_desk.gui.dialogs.login_dialog import LoginDialog
from complaint_desk.i18n import _, error_text
from complaint_desk.services import accounts
from complaint_desk.services.offices import home_office, list_offices
from complaint_desk.store.database import Database


def office_title(db: Database) -> str:
    code = home_office(db)
    return f"{code} · {dict(list_offices(db)).get(code, '')}".rstrip(" ·")


def _scripted(db: Database, username: str, password: str,
              parent: QWidget | None) -> Actor | None:
    try:
        signed = accounts.sign_in(db, username, password)
    except DomainError as error:
        QMessageBox.critical(parent, _("Complaint Desk"), error_text(error))
        return None
    if signed.must_change_password:
        change = ChangePasswordDialog(db, signed.actor, forced=True, old_password=password,
                                      parent=parent)
        if change.exec() != QDialog.DialogCode.Accepted:
            return None
    return signed.actor


def sign_in_user(db: Database, username: str | None = None,
                 parent: QWidget | None = None) -> Actor | None:
    username = username or os.environ.get("COMPLAINT_DESK_USER") or ""
    password = os.environ.get("COMPLAINT_DESK_PASSWORD")
    if username and password is not None:
        return _scripted(db, username, password, parent)
    dialog = LoginDialog(db, office_title(db), username, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor
