"""What the management-system services share: who may change the records, and how each
change is written to the audit log (the record's values before and after).

Who may do what (docs/analysis.md):
- read policy, plan, cascade, indicators, analysis: every role (as for reports);
- change the policy record, the publication plan, the cascade, root causes and corrective
  actions: supervisors, executives and admins (they run and answer for the system);
- set indicator targets: admins and executives (domain.md: targets are the admin's;
  executives set the organisation's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, NotFound, ValidationError
from complaint_desk.domain.roles import Role
from complaint_desk.services.access import require_role
from complaint_desk.store.mapping import json_value
from complaint_desk.store.unit_of_work import UnitOfWork

MANAGER_ROLES = frozenset({Role.SUPERVISOR, Role.EXECUTIVE, Role.ADMIN})
TARGET_ROLES = frozenset({Role.EXECUTIVE, Role.ADMIN})


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def require_manager(actor: Actor) -> None:
    require_role(actor, MANAGER_ROLES, N_("change the complaint-management records"))


def require_target_setter(actor: Actor) -> None:
    require_role(actor, TARGET_ROLES, N_("set indicator targets"))


def values_of(record: Any, names: Iterable[str] | None = None) -> dict[str, Any]:
    """A row's or a dataclass's values as JSON-ready data."""
    if names is None and is_dataclass(record):
        names = [f.name for f in fields(record)]
    assert names is not None
    return {name: json_value(getattr(record, name)) for name in names}


def audit_change(uow: UnitOfWork, actor: Actor, at: datetime, kind: str, record_id: int,
                 before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    """One audit row: the record's id and its changed values before and after."""
    if before is None or after is None:
        data: dict[str, Any] = {"id": record_id, "before": before, "after": after}
    else:
        changed = sorted(k for k in after if before.get(k) != after[k])
        data = {"id": record_id, "before": {k: before.get(k) for k in changed},
                "after": {k: after[k] for k in changed}}
    uow.audit(actor=actor, at=at, kind=kind, data=data)


def save_columns(uow: UnitOfWork, actor: Actor, at: datetime, model: Any,
                 record_id: int | None, values: Any, columns: tuple[str, ...], kind: str,
                 missing: str) -> int:
    """Create (``record_id`` None) or update one management record from the attributes of
    ``values`` named in ``columns``, with its audit row (values before and after).
    ``missing`` is the message when ``record_id`` names no record. The caller commits."""
    if record_id is None:
        row = model(created_at=at)
        uow.session.add(row)
        before = None
    else:
        row = uow.session.get(model, record_id)
        if row is None:
            raise NotFound(missing, value=record_id)
        before = values_of(row, columns)
    for name in columns:
        setattr(row, name, getattr(values, name))
    row.updated_at = at
    uow.session.flush()
    audit_change(uow, actor, at, kind, row.id, before, values_of(row, columns))
    return int(row.id)


def required_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(message, field=field)
    return text


def enum_value(kind: Any, value: str, field: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise ValidationError(N_("Unknown value for {field_name}: {value}"), field=field,
                              field_name=field, value=value) from None
