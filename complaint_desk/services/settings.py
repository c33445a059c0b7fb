"""The security settings an admin changes: idle lock, backup folder, retention period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from complaint_desk.domain.accounts import DEFAULT_IDLE_LOCK_MINUTES, check_idle_minutes
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.domain.privacy import DEFAULT_RETENTION_YEARS
from complaint_desk.services.access import require
from complaint_desk.services.accounts import IDLE_LOCK_KEY
from complaint_desk.services.backup import FOLDER_KEY, default_folder
from complaint_desk.services.privacy import RETENTION_KEY
from complaint_desk.store.database import Database
from complaint_desk.store.unit_of_work import UnitOfWork


def _whole_number(value: str, field: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ValidationError(N_("{value} is not a whole number."), field=field,
                              value=value) from None


def _idle(value: str) -> str:
    return str(check_idle_minutes(_whole_number(value, IDLE_LOCK_KEY)))


def _retention(value: str) -> str:
    years = _whole_number(value, RETENTION_KEY)
    if not 1 <= years <= 50:
        raise ValidationError(N_("The retention period must be from 1 to 50 years."),
                              field=RETENTION_KEY)
    return str(years)


def _folder(value: str) -> str:
    folder = Path(value.strip()).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".complaint-desk-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ValidationError(N_("Backups cannot be written to {value}: {error}"),
                              field=FOLDER_KEY, value=value, error=str(error)) from None
    return str(folder.resolve())


VALIDATORS: dict[str, Callable[[str], str]] = {
    IDLE_LOCK_KEY: _idle, FOLDER_KEY: _folder, RETENTION_KEY: _retention,
}


def security_settings(db: Database, actor: Actor) -> dict[str, str]:
    """The settings with their defaults filled in."""
    require(actor, Permission.SEE_SETTINGS)
    with UnitOfWork(db, write=False) as uow:
        values = {key: uow.setting(key) for key in VALIDATORS}
    defaults = {IDLE_LOCK_KEY: str(DEFAULT_IDLE_LOCK_MINUTES),
                RETENTION_KEY: str(DEFAULT_RETENTION_YEARS),
                FOLDER_KEY: str(default_folder(db.path)) if db.path else ""}
    return {key: value or defaults[key] for key, value in values.items()}


def change_setting(db: Database, actor: Actor, key: str, value: str, *,
                   at: datetime | None = None) -> str:
    require(actor, Permission.CHANGE_SETTINGS)
    if key not in VALIDATORS:
        raise ValidationError(N_("Unknown setting: {value}"), field="key", value=key)
    checked = VALIDATORS[key](value)
    with UnitOfWork(db) as uow:
        before = uow.setting(key)
        uow.set_setting(key, checked)
        uow.audit(actor=actor, at=at or datetime.now().replace(microsecond=0),
                  kind="setting_changed", data={"key": key, "before": before, "after": checked})
        uow.commit()
    return checked
