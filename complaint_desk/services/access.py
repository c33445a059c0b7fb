"""Who may do what: every service calls one of these before it reads or writes.

The rules are data in domain/permissions.py (and domain/workflow.py for the workflow steps);
this module only turns a refusal into the PermissionDenied a user reads.
"""

from __future__ import annotations

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, PermissionDenied
from complaint_desk.domain.permissions import PERMISSION_LABELS, Permission, has_permission
from complaint_desk.domain.roles import Role

SYSTEM = Actor(user_id=0, username="system", role=Role.ADMIN.value, display_name="system")


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDenied unless the actor's role holds the permission."""
    if not has_permission(actor.role, permission):
        raise PermissionDenied(N_("Your role ({role}) may not: {action}."), role=actor.role,
                               action=PERMISSION_LABELS[permission])


def require_role(actor: Actor, roles: set[Role] | frozenset[Role], what: str) -> None:
    if Role(actor.role) not in roles:
        raise PermissionDenied(N_("Your role ({role}) may not {action}."), role=actor.role,
                               action=what)


def require_admin(actor: Actor) -> None:
    require(actor, Permission.CHANGE_SETTINGS)


def require_export(actor: Actor, include_personal: bool) -> None:
    require(actor, Permission.EXPORT)
    if include_personal:
        require(actor, Permission.EXPORT_PERSONAL_DATA)


def require_reports(actor: Actor) -> None:
    require(actor, Permission.SEE_REPORTS)
