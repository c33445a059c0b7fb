from pathlib import Path

from complaint_desk.domain.permissions import (
    DOC_BEGIN,
    DOC_END,
    MATRIX,
    Permission,
    has_permission,
    permissions_markdown,
    permissions_of,
    workflow_levels,
)
from complaint_desk.domain.roles import ROLES_SEEING_PERSONAL_DATA, Role
from complaint_desk.domain.workflow import RULES, Action, role_may

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_docs_permissions_md_holds_exactly_the_generated_tables():
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(DOC_BEGIN), text.index(DOC_END) + len(DOC_END)
    assert text[start:end] == permissions_markdown(), \
        "regenerate: python -m complaint_desk.domain.permissions"


def test_every_permission_is_in_the_matrix_and_admins_never_see_identities():
    assert set(MATRIX) == set(Permission)
    assert not has_permission(Role.ADMIN, Permission.SEE_PERSONAL_DATA)
    assert not has_permission(Role.CLERK, Permission.SEE_PERSONAL_DATA)
    assert MATRIX[Permission.SEE_PERSONAL_DATA] == ROLES_SEEING_PERSONAL_DATA


def test_workflow_levels_are_read_from_the_workflow_rules_not_copied():
    for action in Action:
        for role in Role:
            levels = workflow_levels(role, action)
            for level in (1, 2, 3, 4):
                allowed = levels is None or level in levels
                assert allowed == role_may(action, role, level), (action, role, level)
            assert (levels != frozenset()) == (role in RULES[action].roles)


def test_an_unknown_role_may_do_nothing():
    assert permissions_of("janitor") == frozenset()
    assert permissions_of(Role.ADMIN) >= {Permission.MANAGE_USERS, Permission.RESTORE}
