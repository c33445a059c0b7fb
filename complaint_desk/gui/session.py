"""Who uses the program in this session. The one place that decides it, so the login dialog
(issue 6) can replace the chooser: ``choose_actor`` returns the Actor or None (quit).

For now: the user named by ``--user`` (or $COMPLAINT_DESK_USER), else a list of the active
users to pick from. Administrators and clerks may open the program but take no case steps
(the workflow's rules decide: their buttons stay disabled).
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.labels import role_text
from complaint_desk.i18n import _, error_text
from complaint_desk.services.users import actor_for, list_users
from complaint_desk.store.database import Database

ACTOR_ROLE = 0x0100 + 1


class UserChooserDialog(QDialog):
    def __init__(self, users: list[Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Who is using the program?"))
        self.list = QListWidget(self)
        for actor in users:
            item = QListWidgetItem(f"{actor.display_name or actor.username}  ·  "
                                   f"{role_text(actor.role)}  ·  {actor.username}")
            item.setData(ACTOR_ROLE, actor.username)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Choose your name:")))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(460, 360)

    def chosen_username(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(ACTOR_ROLE)) if item is not None else None


def active_users(db: Database) -> list[Actor]:
    from sqlalchemy import select

    from complaint_desk.store.models import User
    from complaint_desk.store.unit_of_work import UnitOfWork

    with UnitOfWork(db, write=False) as uow:
        active = set(uow.session.scalars(select(User.username).where(User.active.is_(True))))
    return [a for a in list_users(db) if a.username in active]


def choose_actor(db: Database, username: str | None,
                 parent: QWidget | None = None) -> tuple[Actor | None, str | None]:
    """The session's user, or (None, message) when the named user is unknown or the chooser
    was cancelled (message None)."""
    username = username or os.environ.get("COMPLAINT_DESK_USER")
    if username:
        try:
            return actor_for(db, username), None
        except DomainError as error:
            return None, error_text(error)
    dialog = UserChooserDialog(active_users(db), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen_username():
        return None, None
    return actor_for(db, str(dialog.chosen_username())), None
