"""Every feature behind the main window's menus, installed as ``MainWindow.hooks``.

``install_features(window)`` adds the hooks that need only the window (documents, reports,
the dashboard, management records, users, settings, the audit log, verifying, backups,
personal data); the program (program.py) adds those that change the session: lock, sign
out, restore. Modal dialogs open through ``open_dialog`` so tests can answer them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QMessageBox

from complaint_desk.domain.errors import DomainError
from complaint_desk.domain.permissions import Permission, has_permission
from complaint_desk.domain.workflow import Action
from complaint_desk.gui import tasks
from complaint_desk.i18n import _, error_text
from complaint_desk.services.offices import list_offices

if TYPE_CHECKING:
    from complaint_desk.gui.main_window import MainWindow


def open_dialog(window: MainWindow, dialog: QDialog) -> int:
    """Show a modal dialog; the last one is kept as ``window.last_dialog`` (for tests)."""
    window.last_dialog = dialog  # type: ignore[attr-defined]
    return dialog.exec()


def _shown_case(window: MainWindow) -> str | None:
    reference = window.detail.complaint.reference if window.detail.complaint else None
    if reference is None:
        window.statusBar().showMessage(_("Choose a case in the list first."), 8000)
    return reference


def _explain(window: MainWindow, error: BaseException) -> None:
    if isinstance(error, DomainError):
        QMessageBox.warning(window, _("Complaint Desk"), error_text(error))
    elif isinstance(error, OSError):
        QMessageBox.warning(window, _("Complaint Desk"),
                            _("Cannot use the file: {error}").format(error=error))
    else:
        raise error


# --- documents ----------------------------------------------------------------------------


def print_case_record(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.print_preview_dialog import case_record_preview

    reference = _shown_case(window)
    if reference:
        open_dialog(window, case_record_preview(window.db, window.actor, reference, window))


def print_letter(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.print_preview_dialog import letter_preview

    reference = _shown_case(window)
    if reference:
        open_dialog(window, letter_preview(window.db, window.actor, reference, window))


def offer_letter_after_acknowledging(window: MainWindow, action: Action, reference: str) -> None:
    """After an acknowledgement, the letter that tells the complainant (ISO 10002 8.2)."""
    if action is not Action.ACKNOWLEDGE or not reference or \
            not has_permission(window.actor.role, Permission.PRINT_LETTERS):
        return
    answer = QMessageBox.question(window, _("Acknowledgement letter"),
                                  _("{reference} is acknowledged. Print the acknowledgement "
                                    "letter now?").format(reference=reference))
    if answer == QMessageBox.StandardButton.Yes:
        print_letter(window)


def monthly_report(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.period_dialog import PeriodDialog
    from complaint_desk.gui.dialogs.print_preview_dialog import monthly_report_preview

    picker = PeriodDialog(_("Monthly report"), window.today(), monthly=True,
                          offices=list_offices(window.db), parent=window)
    if open_dialog(window, picker) != QDialog.DialogCode.Accepted:
        return
    open_dialog(window, monthly_report_preview(window.db, window.actor, picker.year(),
                                               picker.month(), picker.office_code(), window))


def aar(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.aar_editor_dialog import AarEditorDialog
    from complaint_desk.gui.dialogs.period_dialog import PeriodDialog

    picker = PeriodDialog(_("AAR form"), window.today(), monthly=False, parent=window)
    if open_dialog(window, picker) == QDialog.DialogCode.Accepted:
        open_dialog(window, AarEditorDialog(window.db, window.actor, picker.year(), window))


# --- management records -------------------------------------------------------------------


def _records(window: MainWindow, name: str) -> None:
    from complaint_desk.gui.dialogs.records_dialog import RecordsDialog
    from complaint_desk.gui.menus import HOOKS, may_manage
    from complaint_desk.gui.policy import editors
    from complaint_desk.gui.policy.policy_dialog import PolicyVersionsWidget

    db, actor = window.db, window.actor
    makers: dict[str, Any] = {
        "policy": lambda _y: PolicyVersionsWidget(db, actor),
        "publications": lambda y: editors.PublicationPlanWidget(db, actor, y),
        "cascade": lambda y: editors.CascadeWidget(db, actor, y),
        "root_causes": lambda _y: editors.RootCausesWidget(db, actor),
        "corrective_actions": lambda _y: editors.CorrectiveActionsWidget(db, actor),
    }
    yearly = name in ("publications", "cascade")
    dialog = RecordsDialog(_(HOOKS[name]).rstrip("…"), makers[name],
                           year=window.today().year if yearly else None,
                           may_change=may_manage(actor.role), parent=window)
    open_dialog(window, dialog)


# --- people and settings ------------------------------------------------------------------


def users(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.user_admin_dialog import UserAdminDialog

    open_dialog(window, UserAdminDialog(window.db, window.actor, window))


def change_password(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.change_password_dialog import ChangePasswordDialog

    if open_dialog(window, ChangePasswordDialog(window.db, window.actor, parent=window)) == \
            QDialog.DialogCode.Accepted:
        window.statusBar().showMessage(_("Your password was changed."), 8000)


def settings(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window, db=window.db, actor=window.actor)
    if open_dialog(window, dialog) == QDialog.DialogCode.Accepted and dialog.language_changed:
        window.language_changed.emit(dialog.chosen_language())


def office(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.office_dialog import OfficeDialog

    if open_dialog(window, OfficeDialog(window.db, window.actor, window)) == \
            QDialog.DialogCode.Accepted:
        window.statusBar().showMessage(_("The office's particulars were saved; the next "
                                         "letter and report print them."), 8000)


def first_day(window: MainWindow) -> None:
    """Right after the first start: the office's address and emblem (skippable), then the
    offer to import the register the office already keeps."""
    from complaint_desk.gui.dialogs.office_dialog import OfficeDialog

    if not has_permission(window.actor.role, Permission.CHANGE_SETTINGS):
        return
    open_dialog(window, OfficeDialog(window.db, window.actor, window, first_start=True))
    answer = QMessageBox.question(
        window, _("Import a register"),
        _("Does the office already keep a register of complaints (Excel or CSV)? Import it "
          "now? You can also do it later from the File menu."))
    if answer == QMessageBox.StandardButton.Yes:
        window.run_hook("import_register")


def audit_log(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.audit_log_dialog import AuditLogDialog

    open_dialog(window, AuditLogDialog(window.db, window.actor, window))


def about(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.about_dialog import AboutDialog
    from complaint_desk.services.offices import home_office

    code = home_office(window.db)
    name = dict(list_offices(window.db)).get(code, "")
    open_dialog(window, AboutDialog(f"{code} {name}".strip(), window))


# --- the record and backups ---------------------------------------------------------------


def verify(window: MainWindow) -> None:
    """The same checks as ``complaint-desk check``, off the GUI thread."""
    from complaint_desk.services.check import verify_record

    try:
        report = tasks.run_with_progress(
            window, _("Verify the record"),
            _("Checking the database, the history of every case and the hash chain…"),
            lambda _progress: verify_record(window.db, window.actor))
    except tasks.Cancelled:
        return
    except (DomainError, OSError) as error:
        _explain(window, error)
        return
    window.last_check = report  # type: ignore[attr-defined]
    if report.ok:
        QMessageBox.information(window, _("Verify the record"), _(
            "The record is intact: {complaints} cases and {events} events checked, the hash "
            "chain is unbroken.").format(complaints=f"{report.complaints:,}",
                                         events=f"{report.events:,}"))
    else:
        problems = "\n".join("• " + _(p.message).format(**p.params) for p in report.problems)
        QMessageBox.critical(window, _("Verify the record"),
                             _("Problems were found:") + "\n" + problems)


def backup_now(window: MainWindow) -> None:
    from complaint_desk.services import backup

    try:
        path = tasks.run_with_progress(window, _("Back up now"), _("Copying the database…"),
                                       lambda _progress: backup.backup_now(window.db,
                                                                           window.actor),
                                       cancellable=False)
    except (DomainError, OSError) as error:
        _explain(window, error)
        return
    window.statusBar().showMessage(_("Backup written to {path}.").format(path=str(path)), 15000)


# --- personal data ------------------------------------------------------------------------


def reveal(window: MainWindow) -> None:
    """Show the complainant's identity in the detail pane; the service records the view."""
    from complaint_desk.services import privacy

    reference = _shown_case(window)
    if not reference:
        return
    try:
        identity = privacy.reveal_personal_data(window.db, window.actor, reference)
    except DomainError as error:
        _explain(window, error)
        return
    window.detail.show_identity(identity)
    window.statusBar().showMessage(_("The view of the complainant's data was recorded."), 8000)


def erase(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.erase_dialog import EraseDialog

    reference = _shown_case(window)
    if not reference:
        return
    dialog = EraseDialog(window.db, window.actor, reference, window)
    if open_dialog(window, dialog) == QDialog.DialogCode.Accepted:
        window.after_change(reference)
        window.statusBar().showMessage(_("Erased from {reference}: {fields}.").format(
            reference=reference, fields=dialog.erased_text()), 15000)


def install_features(window: MainWindow) -> None:
    window.hooks.update({
        "print": print_case_record, "letter": print_letter, "monthly_report": monthly_report,
        "aar": aar, "dashboard": lambda w: w.show_dashboard(), "users": users,
        "change_password": change_password, "settings": settings, "audit_log": audit_log,
        "office": office,
        "verify": verify, "backup": backup_now, "reveal": reveal, "erase": erase,
        "about": about,
        **{name: (lambda w, n=name: _records(w, n))
           for name in ("policy", "publications", "cascade", "root_causes",
                        "corrective_actions")},
    })
    window.step_saved.connect(
        lambda action, reference: offer_letter_after_acknowledging(window, action, reference))
    from complaint_desk.gui.dialogs.exchange_hooks import install_exchange_hooks

    install_exchange_hooks(window)  # packages, spreadsheets, registers
