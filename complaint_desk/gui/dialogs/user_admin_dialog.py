"""User administration (admin only): add users, reset passwords, disable and enable, change
roles, and the idle time before the screen locks. Users are never deleted: their names stay
on their events. An office has tens of users, so the table holds them all."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.accounts import IDLE_LOCK_RANGE
from complaint_desk.domain.calendar import format_be_date
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.domain.roles import ROLE_LABELS, Role
from complaint_desk.gui.dialogs.change_password_dialog import NewPasswordFields
from complaint_desk.gui.dialogs.login_dialog import error_label
from complaint_desk.i18n import _, error_text
from complaint_desk.services import accounts
from complaint_desk.store.database import Database

COLUMNS = ("username", "display_name", "role", "state", "last_sign_in")


def role_box(current: str | None = None) -> QComboBox:
    box = QComboBox()
    for role in Role:
        box.addItem(_(ROLE_LABELS[role]), role.value)
    if current:
        box.setCurrentIndex(box.findData(current))
    return box


class _FormDialog(QDialog):
    """A small form whose OK runs ``action``; a refused action shows its message and stays."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def action(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.action()
        except DomainError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        super().accept()


class AddUserDialog(_FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(_("Add user"), parent)
        self.db, self.actor = db, actor
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = role_box(Role.OFFICER.value)
        self.form.addRow(_("Username"), self.username)
        self.form.addRow(_("Name"), self.display_name)
        self.form.addRow(_("Role"), self.role)
        self.password = NewPasswordFields(self.form)

    def action(self) -> None:
        accounts.create_account(self.db, self.actor, username=self.username.text(),
                                display_name=self.display_name.text(),
                                role=str(self.role.currentData()), password=self.password.value())


class ResetPasswordDialog(_FormDialog):
    def __init__(self, db: Database, actor: Actor, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Reset the password of {username}").format(username=username), parent)
        self.db, self.actor, self.username = db, actor, username
        self.password = NewPasswordFields(self.form)
        self.form.addRow(QLabel(_("The user must choose a new password at the next sign-in.")))

    def action(self) -> None:
        accounts.reset_password(self.db, self.actor, self.username, self.password.value())


class UserAdminDialog(QDialog):
    """Raises PermissionDenied when opened by anyone but an admin (the service decides)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(_("Users"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_("Username"), _("Name"), _("Role"), _("State"),
                                              _("Last sign-in")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton(_("Add user…"))
        self.reset_button = QPushButton(_("Reset password…"))
        self.toggle_button = QPushButton(_("Disable"))
        self.role = role_box()
        self.role_button = QPushButton(_("Change role"))
        self.add_button.clicked.connect(self._add)
        self.reset_button.clicked.connect(self._reset)
        self.toggle_button.clicked.connect(self._toggle)
        self.role_button.clicked.connect(self._change_role)
        self.idle = QSpinBox()
        self.idle.setRange(IDLE_LOCK_RANGE.start, IDLE_LOCK_RANGE.stop - 1)
        self.idle.setSuffix(" " + _("minutes"))
        self.idle.setValue(accounts.idle_lock_minutes(db))
        save_idle = QPushButton(_("Save"))
        save_idle.clicked.connect(self._save_idle)
        self.error = error_label()
        actions = QHBoxLayout()
        for widget in (self.add_button, self.reset_button, self.toggle_button, self.role,
                       self.role_button):
            actions.addWidget(widget)
        actions.addStretch()
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel(_("Lock the screen after no use for")))
        idle_row.addWidget(self.idle)
        idle_row.addWidget(save_idle)
        idle_row.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addLayout(idle_row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.resize(820, 460)
        self.reload()

    def reload(self) -> None:
        rows = accounts.list_accounts(self.db, self.actor)
        self.table.setRowCount(len(rows))
        for index, account in enumerate(rows):
            state = _("Active") if account.active else _("Disabled")
            if account.locked_until is not None:
                state += " · " + _("locked")
            if account.active and not account.has_password:
                state += " · " + _("no password")
            last = format_be_date(account.last_sign_in_at.date()) if account.last_sign_in_at \
                else "-"
            values = (account.username, account.display_name,
                      _(ROLE_LABELS[Role(account.role)]), state, last)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(0x0100, account)  # Qt.UserRole: the Account itself
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected(self) -> accounts.Account | None:
        items = self.table.selectedItems()
        return items[0].data(0x0100) if items else None

    def _selection_changed(self) -> None:
        account = self.selected()
        for button in (self.reset_button, self.toggle_button, self.role_button):
            button.setEnabled(account is not None)
        if account is not None:
            self.toggle_button.setText(_("Disable") if account.active else _("Enable"))
            self.role.setCurrentIndex(self.role.findData(account.role))

    def _run(self, action) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except DomainError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        self.error.hide()
        self.reload()

    def _select(self, username: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == username:
                self.table.selectRow(row)

    def _add(self) -> None:
        dialog = AddUserDialog(self.db, self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def _reset(self) -> None:
        account = self.selected()
        if account is not None:
            ResetPasswordDialog(self.db, self.actor, account.username, self).exec()
            self.reload()

    def _toggle(self) -> None:
        account = self.selected()
        if account is not None:
            self._run(lambda: accounts.set_active(self.db, self.actor, account.username,
                                                  not account.active))
            self._select(account.username)

    def _change_role(self) -> None:
        account = self.selected()
        if account is not None:
            self._run(lambda: accounts.set_role(self.db, self.actor, account.username,
                                                str(self.role.currentData())))
            self._select(account.username)

    def _save_idle(self) -> None:
        self._run(lambda: accounts.set_idle_lock_minutes(self.db, self.actor, self.idle.value()))
