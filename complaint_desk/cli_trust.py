"""The trust area's commands and the CLI's sign-in (registered by cli.py).

The CLI acts as a named user: ``--user`` (or $COMPLAINT_DESK_USER, default ``admin``) and the
password from $COMPLAINT_DESK_PASSWORD (for scripts) or a prompt when a terminal is attached.
It then gets an Actor from services/accounts.sign_in and is held to the same permission
matrix as the GUI.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from complaint_desk.domain.errors import N_, PermissionDenied, ValidationError
from complaint_desk.i18n import _

PASSWORD_ENV = "COMPLAINT_DESK_PASSWORD"


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def _ask(prompt: str) -> str | None:
    """A password from the terminal, or None when no one is there to type it."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt)


def username_of(args: argparse.Namespace) -> str:
    return getattr(args, "user", None) or os.environ.get("COMPLAINT_DESK_USER") or "admin"


def signed_in_actor(db: Any, args: argparse.Namespace, *, allow_must_change: bool = False) -> Any:
    """Sign in as ``--user`` with the password from the environment or a prompt."""
    from complaint_desk.services.accounts import sign_in

    username = username_of(args)
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = _ask(_("Password for {username}: ").format(username=username)) or ""
    signed = sign_in(db, username, password)
    if signed.must_change_password and not allow_must_change:
        raise PermissionDenied(N_("Your password was reset by the administrator: choose a new "
                                  "one first (complaint-desk password)."))
    return signed.actor


def new_password(env_name: str | None, field: str) -> str:
    """A new password from the named environment variable, else typed twice at the terminal."""
    if env_name:
        value = os.environ.get(env_name)
        if not value:
            raise ValidationError(N_("The environment variable {name} is empty or not set."),
                                  field=field, name=env_name)
        return value
    first = _ask(_("New password: "))
    if first is None:
        raise ValidationError(N_("Give the new password in an environment variable (--{option})"
                                 " or type it at a terminal."), field=field,
                              option=field.replace("_", "-") + "-env")
    if _ask(_("New password again: ")) != first:
        raise ValidationError(N_("The two passwords differ."), field=field)
    return first


def admin_password_for_init(env_name: str | None) -> str:
    """The first start: the administrator's password is chosen now (never left empty)."""
    if env_name is None and os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    return new_password(env_name, "admin_password")


def refuse_demo_into_real_records(db: Any, actor: Any) -> None:
    """Demo data goes into an empty or a demo database, never among real cases: a demo database
    lets its passwordless demo users sign in (services/accounts.py)."""
    from sqlalchemy import func, select

    from complaint_desk.domain.permissions import Permission
    from complaint_desk.services.access import require
    from complaint_desk.services.accounts import is_demo_database
    from complaint_desk.store.models import ComplaintRow
    from complaint_desk.store.unit_of_work import UnitOfWork

    require(actor, Permission.GENERATE_DEMO_DATA)
    if is_demo_database(db):
        return
    with UnitOfWork(db, write=False) as uow:
        count = uow.session.execute(select(func.count()).select_from(ComplaintRow)).scalar()
    if count:
        raise ValidationError(N_("This database holds real cases: demo data goes into a "
                                 "database of its own."), field="db")


# --- commands --------------------------------------------------------------------------------


def add_trust_commands(command: Callable[[str, str], argparse.ArgumentParser],
                       common: argparse.ArgumentParser) -> None:
    p = command("password", _("change your own password"))
    p.add_argument("--new-password-env", help=_("read the new password from this variable"))
    p = command("backup", _("copy the database to a file now (SQLite online backup)"))
    p.add_argument("--out", help=_("the backup file (default: a dated file in the backup folder)"))
    p = command("restore", _("replace the database with a backup (the current one is kept aside)"))
    p.add_argument("file")
    from complaint_desk.domain.office import OFFICE_LABELS

    p = command("settings", _("settings: security (idle lock, backup folder, retention) and "
                              "the office's particulars printed on letters and reports"))
    st = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    st.add_parser("show", parents=[common], help=_("print every setting with its label"))
    s = st.add_parser("set", parents=[common], help=_(
        "change one setting (report_logo takes an image file; an empty value removes it)"))
    s.add_argument("key", choices=("idle_lock_minutes", "backup_folder",
                                   "personal_data_retention_years", *OFFICE_LABELS))
    s.add_argument("value")
    p = command("reveal", _("show a complainant's identity (the view is recorded)"))
    p.add_argument("--ref", required=True)
    p = command("erase", _("erase a complainant's personal data after the retention period"))
    p.add_argument("--ref", required=True)
    p.add_argument("--reason", required=True, help=_("the lawful request (its reference)"))
    p = command("concerned-staff", _("name the staff a complaint is about (hides the complainant)"))
    p.add_argument("--ref", required=True)
    p.add_argument("--users", required=True, help=_("usernames, comma-separated ('' for none)"))
    p = command("audit", _("the audit log, newest first"))
    p.add_argument("--limit", type=int, default=50)


def add_user_commands(users_sub: Any, common: argparse.ArgumentParser) -> None:
    """Extra ``users`` actions: disable, enable, reset-password, role."""
    for name, help_text in (("disable", N_("stop a user from signing in")),
                            ("enable", N_("let a disabled user sign in again"))):
        u = users_sub.add_parser(name, parents=[common], help=_(help_text))
        u.add_argument("username")
    u = users_sub.add_parser("reset-password", parents=[common],
                             help=_("give a user a temporary password"))
    u.add_argument("username")
    u.add_argument("--password-env", help=_("read the temporary password from this variable"))
    u = users_sub.add_parser("role", parents=[common], help=_("change a user's role"))
    u.add_argument("username")
    u.add_argument("role")


def cmd_users_extra(db: Any, args: argparse.Namespace) -> int:
    from complaint_desk.services import accounts

    actor = signed_in_actor(db, args)
    action = args.users_command
    if action in ("disable", "enable"):
        accounts.set_active(db, actor, args.username, action == "enable")
    elif action == "reset-password":
        accounts.reset_password(db, actor, args.username,
                                new_password(args.password_env, "password"))
    elif action == "role":
        accounts.set_role(db, actor, args.username, args.role)
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    from complaint_desk.cli import _database
    from complaint_desk.services.accounts import change_password

    db = _database(args)
    actor = signed_in_actor(db, args, allow_must_change=True)
    old = os.environ.get(PASSWORD_ENV) or ""
    change_password(db, actor, old, new_password(args.new_password_env, "new_password"))
    _print(_("Password changed."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from complaint_desk.cli import _database
    from complaint_desk.services import backup

    db = _database(args)
    out = backup.backup_now(db, signed_in_actor(db, args),
                            Path(args.out) if args.out else None)
    _print(_("Backed up to {path}.").format(path=out))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from complaint_desk.bootstrap import default_database_path
    from complaint_desk.services import backup

    target = Path(getattr(args, "db", None) or os.environ.get("COMPLAINT_DESK_DB")
                  or default_database_path())
    source = Path(args.file)
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = _ask(_("Password for {username}: ").format(username=username_of(args))) or ""
    done = backup.restore(target, source, username_of(args), password)
    _print(_("Restored {source}. The replaced database was kept as {aside}.").format(
        source=source, aside=done.kept_aside or "-"))
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from complaint_desk.cli import _database
    from complaint_desk.domain import office
    from complaint_desk.services import office_settings, settings

    db = _database(args)
    actor = signed_in_actor(db, args)
    if args.settings_command == "set" and args.key == office.LOGO:
        data = office_settings.read_logo_file(args.value) if args.value else None
        office_settings.change_office_settings(db, actor, {}, logo=data,
                                               remove_logo=data is None)
    elif args.settings_command == "set" and args.key in office.OFFICE_LABELS:
        office_settings.change_office_settings(db, actor, {args.key: args.value})
    elif args.settings_command == "set":
        settings.change_setting(db, actor, args.key, args.value)
    from complaint_desk.services.accounts import IDLE_LOCK_KEY
    from complaint_desk.services.backup import FOLDER_KEY
    from complaint_desk.services.privacy import RETENTION_KEY

    labels = {IDLE_LOCK_KEY: _("Lock the screen after"), FOLDER_KEY: _("Backup folder"),
              RETENTION_KEY: _("Keep personal data for (years)")}
    for key, value in settings.security_settings(db, actor).items():
        _print(f"{key}\t{value}\t{labels[key]}")  # the label last: key and value stay first
    values = office_settings.office_settings(db, actor)
    image = office_settings.logo(db)
    values[office.LOGO] = _("none") if image is None else _("{size} KB image").format(
        size=max(1, len(image) // 1024))
    for key, label in office.OFFICE_LABELS.items():
        shown = values[key].replace("\n", " / ")
        _print(f"{key}\t{shown}\t{_(label)}")
    return 0


def cmd_reveal(args: argparse.Namespace) -> int:
    from complaint_desk.cli import _database
    from complaint_desk.services.privacy import reveal_personal_data

    db = _database(args)
    identity = reveal_personal_data(db, signed_in_actor(db, args), args.ref)
    _print(json.dumps(identity, ensure_ascii=False, indent=2))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from complaint_desk.cli import _database
    from complaint_desk.services.privacy import erase_personal_data

    db = _database(args)
    fields = erase_personal_data(db, signed_in_actor(db, args), args.ref, reason=args.reason)
    _print(_("Erased the personal data of {reference}: {fields}.").format(
        reference=args.ref, fields=", ".join(fields) or "-"))
    return 0


def cmd_concerned_staff(args: argparse.Namespace) -> int:
    from complaint_desk.cli import _database
    from complaint_desk.services.privacy import set_concerned_staff

    db = _database(args)
    names = [n.strip() for n in args.users.split(",") if n.strip()]
    set_concerned_staff(db, signed_in_actor(db, args), args.ref, names)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from complaint_desk.cli import _database
    from complaint_desk.services.privacy import audit_log

    db = _database(args)
    for entry in audit_log(db, signed_in_actor(db, args), limit=args.limit):
        _print("\t".join([entry["at"], entry["actor"], entry["kind"], entry["reference"] or "-",
                          entry["data"]]))
    return 0


TRUST_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "password": cmd_password, "backup": cmd_backup, "restore": cmd_restore,
    "settings": cmd_settings, "reveal": cmd_reveal, "erase": cmd_erase,
    "concerned-staff": cmd_concerned_staff, "audit": cmd_audit,
}
