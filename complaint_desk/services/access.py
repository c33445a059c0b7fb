"""Who may do what, beyond the workflow's own rules (which live in domain/workflow.py)."""

from __future__ import annotations

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, PermissionDenied
from complaint_desk.domain.roles import ROLES_EXPORTING_PERSONAL_DATA, Role

SYSTEM = Actor(user_id=0, username="system", role=Role.ADMIN.value, display_name="system")


def require_role(actor: Actor, roles: set[Role] | frozenset[Role], what: str) -> None:
    if Role(actor.role) not in roles:
        raise PermissionDenied(N_("Your role ({role}) may not {action}."), role=actor.role,
                               action=what)


def require_admin(actor: Actor) -> None:
    require_role(actor, {Role.ADMIN}, N_("change the system settings"))


def require_export(actor: Actor, include_personal: bool) -> None:
    require_role(actor, {Role.CLERK, Role.SUPERVISOR, Role.EXECUTIVE, Role.ADMIN},
                 N_("export records"))
    if include_personal and Role(actor.role) not in ROLES_EXPORTING_PERSONAL_DATA:
        raise PermissionDenied(N_("Your role ({role}) may not {action}."), role=actor.role,
                               action=N_("export personal data"))


def require_reports(actor: Actor) -> None:
    require_role(actor, {Role.SUPERVISOR, Role.EXECUTIVE, Role.ADMIN, Role.CLERK, Role.HANDLER,
                         Role.OFFICER}, N_("view reports"))
