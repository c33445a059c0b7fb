"""Roles (domain.md, "Who uses the program")."""

from __future__ import annotations

from enum import StrEnum

from complaint_desk.domain.errors import N_


class Role(StrEnum):
    OFFICER = "officer"
    HANDLER = "handler"
    SUPERVISOR = "supervisor"
    EXECUTIVE = "executive"
    CLERK = "clerk"
    ADMIN = "admin"


ROLE_LABELS: dict[Role, str] = {
    Role.OFFICER: N_("Officer"),
    Role.HANDLER: N_("Handler"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.EXECUTIVE: N_("Executive"),
    Role.CLERK: N_("Clerk"),
    Role.ADMIN: N_("Administrator"),
}

# Roles that may see a complainant's identity unmasked (PDPA: only those who need it).
ROLES_SEEING_PERSONAL_DATA: frozenset[Role] = frozenset(
    {Role.OFFICER, Role.HANDLER, Role.SUPERVISOR, Role.EXECUTIVE}
)
# Roles that may include personal data in an export, when they choose to.
ROLES_EXPORTING_PERSONAL_DATA: frozenset[Role] = frozenset({Role.SUPERVISOR, Role.EXECUTIVE})
