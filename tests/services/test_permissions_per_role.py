"""For every role: the services themselves refuse what the permission matrix forbids (the GUI
hiding a button is not the protection), and allow what it permits."""

from datetime import date, datetime

import pytest

from complaint_desk.domain.errors import PermissionDenied, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.domain.permissions import Permission, has_permission
from complaint_desk.domain.roles import Role
from complaint_desk.domain.workflow import Action, role_may
from complaint_desk.services import accounts, backup, check, export, holidays, privacy, settings
from complaint_desk.services import complaints as svc

ROLES = [r.value for r in Role]


def new_case(db, actors, clock, *, level=None, upto=None):
    """A case walked by the executive (who may do every step) up to ``upto``."""
    ex = actors["executive"]
    ref = svc.record_complaint(db, ex, Intake(channel="walk_in", received_at=clock.now,
                                              subject="ท่อแตก", description="น้ำรั่ว",
                                              complainant_name="สมชาย ใจดี"), clock=clock)
    steps = [
        ("acknowledge", lambda: svc.acknowledge(db, ex, ref, clock=clock)),
        ("assess", lambda: svc.assess(db, ex, ref, accepted=True, category_code="repair",
                                      clock=clock)),
        ("assign_level", lambda: svc.assign_level(db, ex, ref, level=level or 1,
                                                  responsible_unit="กองซ่อมบำรุง", clock=clock)),
        ("respond", lambda: svc.respond(db, ex, ref, decision="ซ่อมแล้ว", reasons="ตรวจแล้ว",
                                        clock=clock)),
        ("close", lambda: svc.close_complaint(db, ex, ref, complainant_accepts=False,
                                              clock=clock)),
    ]
    for name, step in steps:
        if name == upto:
            break
        step()
    return ref


# The workflow step, the step that must come before it, and a call taking it as ``actor``.
STEPS = {
    Action.RECORD: (None, None),
    Action.ACKNOWLEDGE: ("acknowledge", lambda db, a, ref, c: svc.acknowledge(db, a, ref, clock=c)),
    Action.ASSESS: ("assess", lambda db, a, ref, c: svc.assess(
        db, a, ref, accepted=True, category_code="repair", clock=c)),
    Action.ASSIGN_LEVEL: ("assign_level", lambda db, a, ref, c: svc.assign_level(
        db, a, ref, level=2, responsible_unit="กอง", clock=c)),
    Action.ADD_NOTE: ("respond", lambda db, a, ref, c: svc.add_note(db, a, ref, "บันทึก", clock=c)),
    Action.RESPOND: ("respond", lambda db, a, ref, c: svc.respond(
        db, a, ref, decision="ก", reasons="ข", clock=c)),
    Action.CLOSE: ("close", lambda db, a, ref, c: svc.close_complaint(
        db, a, ref, complainant_accepts=True, clock=c)),
    Action.START_REVIEW: ("-", lambda db, a, ref, c: svc.start_review(
        db, a, ref, route="internal", clock=c)),
    Action.WITHDRAW: ("assess", lambda db, a, ref, c: svc.withdraw(db, a, ref, clock=c)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("level", [1, 3, 4])
def test_each_workflow_step_is_refused_to_roles_the_rules_forbid(db, actors, clock, role, level):
    for action, (upto, take) in STEPS.items():
        if action is Action.RECORD:
            intake = Intake(channel="line", received_at=clock.now, subject="ก", description="ข",
                            complainant_anonymous=True)
            call = lambda: svc.record_complaint(db, actors[role], intake, clock=clock)
        else:
            ref = new_case(db, actors, clock, level=level, upto=upto)
            call = lambda: take(db, actors[role], ref, clock)
        if role_may(action, role, level):
            call()
        else:
            with pytest.raises(PermissionDenied):
                call()


def _closed_old_case(db, actors, clock):
    clock.now = datetime(2018, 1, 10, 9, 0)
    ref = new_case(db, actors, clock, upto="-")
    clock.now = datetime(2024, 8, 5, 9, 30)
    return ref


GUARDED = {
    Permission.SEE_PERSONAL_DATA: lambda db, a, ref, tmp: privacy.reveal_personal_data(db, a, ref),
    Permission.PRINT_LETTERS: lambda db, a, ref, tmp: privacy.personal_data_for_letter(
        db, a, ref, "acknowledgement"),
    Permission.SEE_AUDIT_LOG: lambda db, a, ref, tmp: privacy.audit_log(db, a),
    Permission.SEE_SETTINGS: lambda db, a, ref, tmp: settings.security_settings(db, a),
    Permission.CHANGE_SETTINGS: lambda db, a, ref, tmp: settings.change_setting(
        db, a, "idle_lock_minutes", "15"),
    Permission.VERIFY_RECORD: lambda db, a, ref, tmp: check.verify_record(db, a),
    Permission.NAME_CONCERNED_STAFF: lambda db, a, ref, tmp: privacy.set_concerned_staff(
        db, a, ref, ["t.handler"]),
    Permission.EXPORT: lambda db, a, ref, tmp: export.export_csv(db, a, tmp / "x.csv"),
    Permission.EXPORT_PERSONAL_DATA: lambda db, a, ref, tmp: export.export_csv(
        db, a, tmp / "p.csv", include_personal=True),
    Permission.MANAGE_USERS: lambda db, a, ref, tmp: accounts.create_account(
        db, a, username=f"u.{a.role}", display_name="x", role="clerk", password=None),
    Permission.MANAGE_HOLIDAYS: lambda db, a, ref, tmp: holidays.add_holiday(
        db, a, date(2024, 9, 2), "วันหยุดพิเศษ"),
    Permission.BACKUP: lambda db, a, ref, tmp: backup.backup_now(db, a, tmp / "b.db"),
    Permission.ERASE_PERSONAL_DATA: lambda db, a, ref, tmp: privacy.erase_personal_data(
        db, a, ref, reason="คำขอเลขที่ 1/2567"),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_guarded_service_refuses_the_roles_the_matrix_forbids(db, actors, clock, tmp_path,
                                                                    role):
    ref = _closed_old_case(db, actors, clock)
    for permission, call in GUARDED.items():
        if has_permission(role, permission) and permission is Permission.BACKUP \
                and not db.is_sqlite:
            with pytest.raises(ValidationError):  # allowed, but a server's backup is pg_dump's
                call(db, actors[role], ref, tmp_path)
        elif has_permission(role, permission):
            call(db, actors[role], ref, tmp_path)
        else:
            with pytest.raises(PermissionDenied):
                call(db, actors[role], ref, tmp_path)
        if permission is Permission.ERASE_PERSONAL_DATA and has_permission(role, permission):
            ref = _closed_old_case(db, actors, clock)  # the next role gets data to erase


def test_a_refused_erasure_by_an_allowed_role_is_a_validation_error(db, actors, clock):
    ref = new_case(db, actors, clock, upto="-")
    with pytest.raises(ValidationError):  # closed today: retention not over
        privacy.erase_personal_data(db, actors["executive"], ref, reason="คำขอ")
