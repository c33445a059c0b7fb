"""The main window's menus: every feature of the program, in the order an office works.

Each menu item either calls a main-window method (the case list, the steps) or runs a hook
(``MainWindow.run_hook(name)``: features.py installs them). ``MENU_PERMISSIONS`` says which
permission of domain/permissions.py an item needs: a user whose role lacks it does not see the
item at all (the services refuse it anyway). Items that act on the shown case say so in the
status bar when none is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from complaint_desk.domain.permissions import Permission, has_permission
from complaint_desk.domain.roles import Role
from complaint_desk.domain.workflow import RULES, Action
from complaint_desk.i18n import N_, _
from complaint_desk.services.management_records import MANAGER_ROLES

if TYPE_CHECKING:
    from complaint_desk.gui.main_window import MainWindow

# Hook names and their menu texts (message ids). A hook not installed says "not available yet".
HOOKS: dict[str, str] = {
    "print": N_("Print the case record…"), "letter": N_("Print the acknowledgement letter…"),
    "monthly_report": N_("Monthly report…"), "aar": N_("AAR form…"),
    "dashboard": N_("Dashboard"), "export_package": N_("Export package…"),
    "import_package": N_("Import packages…"), "export_xlsx": N_("Export the list to Excel…"),
    "import_register": N_("Import an older register (CSV/XLSX)…"),
    "users": N_("Users and passwords…"), "change_password": N_("Change my password…"),
    "settings": N_("Settings…"), "office": N_("The office…"), "backup": N_("Back up now…"),
    "restore": N_("Restore a backup…"), "verify": N_("Verify the record…"),
    "audit_log": N_("Audit log…"), "reveal": N_("Show the complainant's data"),
    "erase": N_("Erase the complainant's personal data…"),
    "policy": N_("Complaint-handling policy…"), "publications": N_("Publication of the policy…"),
    "cascade": N_("Cascade of indicators and targets…"), "root_causes": N_("Root causes…"),
    "corrective_actions": N_("Corrective actions…"), "lock": N_("Lock the screen"),
    "sign_out": N_("Sign out"), "about": N_("About Complaint Desk…"),
}

MENU_PERMISSIONS: dict[str, Permission] = {
    "letter": Permission.PRINT_LETTERS, "export_package": Permission.EXPORT,
    "export_xlsx": Permission.EXPORT, "import_package": Permission.IMPORT,
    "import_register": Permission.MANAGE_USERS,  # register import is the admin's (services)
    "users": Permission.MANAGE_USERS, "office": Permission.CHANGE_SETTINGS,
    "backup": Permission.BACKUP,
    "restore": Permission.RESTORE, "verify": Permission.VERIFY_RECORD,
    "audit_log": Permission.SEE_AUDIT_LOG, "reveal": Permission.SEE_PERSONAL_DATA,
    "erase": Permission.ERASE_PERSONAL_DATA, "monthly_report": Permission.SEE_REPORTS,
    "aar": Permission.SEE_REPORTS, "dashboard": Permission.SEE_REPORTS,
}


def may_use(role: str, name: str) -> bool:
    permission = MENU_PERMISSIONS.get(name)
    return permission is None or has_permission(role, permission)


def may_record(role: str) -> bool:
    return Role(role) in RULES[Action.RECORD].roles


def may_manage(role: str) -> bool:
    """Changing the policy, plan, cascade, causes and actions (reading is for everyone)."""
    return Role(role) in MANAGER_ROLES


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Fill the window's menu bar; returns the hook items by name (``window.menu_actions``)."""
    bar = window.menuBar()
    items: dict[str, QAction] = {}
    role = window.actor.role

    def action(menu: QMenu, text: str, slot: Callable[[], object],
               shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        made = QAction(text, window)
        if isinstance(shortcut, QKeySequence.StandardKey):
            made.setShortcuts(shortcut)  # the platform's keys (Ctrl+P, Ctrl+F…)
        elif shortcut is not None:
            made.setShortcut(QKeySequence(shortcut))
        made.triggered.connect(lambda _checked=False: slot())
        menu.addAction(made)
        window.addAction(made)
        return made

    def hook(menu: QMenu, name: str,
             shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        made = action(menu, _(HOOKS[name]), lambda: window.run_hook(name), shortcut)
        made.setObjectName(f"menu_{name}")
        made.setVisible(may_use(role, name))
        items[name] = made
        return made

    file_menu = bar.addMenu(_("&File"))
    window.new_action = action(file_menu, _("New complaint…"), window.new_complaint,
                               QKeySequence.StandardKey.New)
    window.new_action.setVisible(may_record(role))
    window.print_action = hook(file_menu, "print", QKeySequence.StandardKey.Print)
    hook(file_menu, "letter")
    file_menu.addSeparator()
    for name in ("export_xlsx", "export_package", "import_package", "import_register"):
        hook(file_menu, name)
    file_menu.addSeparator()
    hook(file_menu, "backup")
    hook(file_menu, "restore")
    file_menu.addSeparator()
    hook(file_menu, "lock", "Ctrl+L")
    hook(file_menu, "sign_out")
    action(file_menu, _("Quit"), window.close, QKeySequence.StandardKey.Quit)

    view = bar.addMenu(_("&View"))
    window.refresh_action = action(view, _("Refresh"), window.refresh,
                                   QKeySequence.StandardKey.Refresh)
    if QKeySequence("F5") not in window.refresh_action.shortcuts():
        window.refresh_action.setShortcuts([QKeySequence("F5"),
                                            *window.refresh_action.shortcuts()])
    window.search_action = action(view, _("Search"), window.filters.focus_search,
                                  QKeySequence.StandardKey.Find)
    view.addMenu(window.column_menu())
    view.addSeparator()
    action(view, _("Case list"), window.show_cases, "Ctrl+1")
    hook(view, "dashboard", "Ctrl+2")

    case_menu = bar.addMenu(_("&Case"))
    for step, button in window.detail.buttons.items():
        action(case_menu, button.text() + "…", lambda a=step: window.run_action(a))
    case_menu.addSeparator()
    hook(case_menu, "reveal")
    hook(case_menu, "erase")

    reports = bar.addMenu(_("&Reports"))
    for name in ("monthly_report", "aar"):
        hook(reports, name)

    management = bar.addMenu(_("&Management"))
    for name in ("policy", "publications", "cascade", "root_causes", "corrective_actions"):
        hook(management, name)

    admin = bar.addMenu(_("&Administration"))
    for name in ("users", "audit_log", "verify"):
        hook(admin, name)
    admin.addSeparator()
    hook(admin, "office")
    hook(admin, "settings")
    hook(admin, "change_password")

    help_menu = bar.addMenu(_("&Help"))
    hook(help_menu, "about")
    return items
