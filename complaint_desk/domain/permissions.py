"""The permission matrix: what each role may see and do, as data.

Two halves:
- ``MATRIX``: the permissions that are not workflow steps (seeing personal data, reports, the
  audit log; exporting, importing, managing users, holidays, settings, backups, erasure).
- the workflow steps, read from ``workflow.RULES`` (never copied here), with their per-level
  limits (delegated authority).

Every service checks one of these (``services/access.py``), whatever calls it; the GUI asks
the same functions to hide or disable what a role may not do. ``docs/permissions.md`` is
generated from this module (``permissions_markdown``) and a test keeps the two equal.
"""

from __future__ import annotations

from enum import StrEnum

from complaint_desk.domain.errors import N_
from complaint_desk.domain.roles import (
    ROLE_LABELS,
    ROLES_EXPORTING_PERSONAL_DATA,
    ROLES_SEEING_PERSONAL_DATA,
    Role,
)
from complaint_desk.domain.workflow import ACTION_LABELS, RULES, Action


class Permission(StrEnum):
    SEE_PERSONAL_DATA = "see_personal_data"
    SEE_REPORTS = "see_reports"
    SEE_AUDIT_LOG = "see_audit_log"
    SEE_SETTINGS = "see_settings"
    VERIFY_RECORD = "verify_record"
    NAME_CONCERNED_STAFF = "name_concerned_staff"
    PRINT_LETTERS = "print_letters"
    EXPORT = "export"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    IMPORT = "import"
    MANAGE_USERS = "manage_users"
    MANAGE_HOLIDAYS = "manage_holidays"
    MANAGE_REFERENCE_DATA = "manage_reference_data"
    CHANGE_SETTINGS = "change_settings"
    BACKUP = "backup"
    RESTORE = "restore"
    ERASE_PERSONAL_DATA = "erase_personal_data"
    GENERATE_DEMO_DATA = "generate_demo_data"


PERMISSION_LABELS: dict[Permission, str] = {
    Permission.SEE_PERSONAL_DATA: N_("See complainants' personal data unmasked"),
    Permission.SEE_REPORTS: N_("See reports and KPIs"),
    Permission.SEE_AUDIT_LOG: N_("See the audit log"),
    Permission.SEE_SETTINGS: N_("See the settings"),
    Permission.VERIFY_RECORD: N_("Verify the record (integrity and hash chain)"),
    Permission.NAME_CONCERNED_STAFF: N_("Name the staff a complaint is about"),
    Permission.PRINT_LETTERS: N_("Print letters to complainants"),
    Permission.EXPORT: N_("Export records (pseudonymised)"),
    Permission.EXPORT_PERSONAL_DATA: N_("Export records with personal data"),
    Permission.IMPORT: N_("Import packages"),
    Permission.MANAGE_USERS: N_("Manage users and passwords"),
    Permission.MANAGE_HOLIDAYS: N_("Manage holidays"),
    Permission.MANAGE_REFERENCE_DATA: N_("Change the reference data (handling levels and "
                                         "their targets)"),
    Permission.CHANGE_SETTINGS: N_("Change the settings"),
    Permission.BACKUP: N_("Make a backup"),
    Permission.RESTORE: N_("Restore a backup"),
    Permission.ERASE_PERSONAL_DATA: N_("Erase a complainant's personal data"),
    Permission.GENERATE_DEMO_DATA: N_("Generate demo data"),
}

_CASE_WORKERS = frozenset({Role.OFFICER, Role.HANDLER, Role.SUPERVISOR, Role.EXECUTIVE})
_EVERYONE = frozenset(Role)

# Who holds each permission. Reasons, where they are not obvious:
# - clerks and admins never see identities (PDPA: they do not need them); clerks export
#   pseudonymised records, only supervisors and executives may add personal data.
# - erasure is irreversible: an executive decides the lawful request, the admin may carry it out.
# - restoring replaces the whole database: admin only. Backups may be made by anyone who
#   closes the office for the day (supervisor, clerk) besides the admin.
MATRIX: dict[Permission, frozenset[Role]] = {
    Permission.SEE_PERSONAL_DATA: ROLES_SEEING_PERSONAL_DATA,
    Permission.SEE_REPORTS: _EVERYONE,
    Permission.SEE_AUDIT_LOG: frozenset({Role.SUPERVISOR, Role.EXECUTIVE, Role.ADMIN}),
    Permission.SEE_SETTINGS: frozenset({Role.SUPERVISOR, Role.EXECUTIVE, Role.ADMIN}),
    Permission.VERIFY_RECORD: _EVERYONE,
    Permission.NAME_CONCERNED_STAFF: frozenset({Role.OFFICER, Role.SUPERVISOR, Role.EXECUTIVE}),
    Permission.PRINT_LETTERS: _CASE_WORKERS,
    Permission.EXPORT: frozenset({Role.CLERK, Role.SUPERVISOR, Role.EXECUTIVE, Role.ADMIN}),
    Permission.EXPORT_PERSONAL_DATA: ROLES_EXPORTING_PERSONAL_DATA,
    Permission.IMPORT: frozenset({Role.CLERK, Role.ADMIN}),
    Permission.MANAGE_USERS: frozenset({Role.ADMIN}),
    Permission.MANAGE_HOLIDAYS: frozenset({Role.ADMIN}),
    Permission.MANAGE_REFERENCE_DATA: frozenset({Role.ADMIN}),
    Permission.CHANGE_SETTINGS: frozenset({Role.ADMIN}),
    Permission.BACKUP: frozenset({Role.SUPERVISOR, Role.CLERK, Role.ADMIN}),
    Permission.RESTORE: frozenset({Role.ADMIN}),
    Permission.ERASE_PERSONAL_DATA: frozenset({Role.EXECUTIVE, Role.ADMIN}),
    Permission.GENERATE_DEMO_DATA: frozenset({Role.ADMIN}),
}

# Seniority for protected complaints: a complaint about staff or corruption handled at level N
# is hidden from case workers ranked below N (domain.md: "from anyone below the level").
ROLE_RANK: dict[Role, int] = {Role.OFFICER: 1, Role.HANDLER: 2, Role.SUPERVISOR: 3,
                              Role.EXECUTIVE: 4}


def has_permission(role: Role | str, permission: Permission) -> bool:
    try:
        return Role(role) in MATRIX[permission]
    except ValueError:  # an unknown role may do nothing
        return False


def permissions_of(role: Role | str) -> frozenset[Permission]:
    return frozenset(p for p in Permission if has_permission(role, p))


def workflow_levels(role: Role | str, action: Action) -> frozenset[int] | None:
    """The levels at which the role may take a workflow step: None if at any level, an empty
    set if never. Read from workflow.RULES."""
    rule = RULES[action]
    role = Role(role)
    if role not in rule.roles:
        return frozenset()
    if rule.level_limits and role in rule.level_limits:
        return rule.level_limits[role]
    return None


# --- the document -------------------------------------------------------------------------

DOC_BEGIN = "<!-- generated by complaint_desk.domain.permissions: begin -->"
DOC_END = "<!-- generated by complaint_desk.domain.permissions: end -->"


def _cell(levels: frozenset[int] | None) -> str:
    if levels is None:
        return "yes"
    if not levels:
        return "-"
    return "levels " + ",".join(str(n) for n in sorted(levels))


def permissions_markdown() -> str:
    """The two tables of docs/permissions.md (between DOC_BEGIN and DOC_END)."""
    roles = list(Role)
    head = "| | " + " | ".join(f"{r.value} ({ROLE_LABELS[r]})" for r in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    lines = [DOC_BEGIN, "", "### Workflow steps (from `domain/workflow.py` RULES)", "",
             head, rule]
    for action in Action:
        cells = [_cell(workflow_levels(r, action)) for r in roles]
        lines.append(f"| `{action.value}` {ACTION_LABELS[action]} | " + " | ".join(cells) + " |")
    lines += ["", "### Seeing and doing (from `domain/permissions.py` MATRIX)", "", head, rule]
    for permission in Permission:
        cells = ["yes" if has_permission(r, permission) else "-" for r in roles]
        lines.append(f"| `{permission.value}` {PERMISSION_LABELS[permission]} | "
                     + " | ".join(cells) + " |")
    lines += ["", DOC_END]
    return "\n".join(lines)


if __name__ == "__main__":  # regenerate the tables: python -m complaint_desk.domain.permissions
    print(permissions_markdown())
