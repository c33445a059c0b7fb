"""Property tests: random sequences of actions by random roles, through the services.

Whatever the sequence: a service refuses exactly what the rules forbid (PermissionDenied only
when the matrix or the workflow's delegated authority says no; never success when it says
no), no case reaches an illegal state (the check's consistency rules), the hash chain holds,
and replaying each case's events gives its row.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaint_desk.domain.complaint import Status
from complaint_desk.domain.errors import PermissionDenied, TransitionError, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.domain.permissions import Permission, has_permission
from complaint_desk.domain.roles import Role
from complaint_desk.domain.workflow import Action, role_may
from complaint_desk.services import complaints as svc
from complaint_desk.services import privacy
from complaint_desk.services.check import run_check
from complaint_desk.services.offices import init_office
from complaint_desk.services.users import actor_from_row, add_user
from complaint_desk.store.database import open_database
from complaint_desk.store.unit_of_work import UnitOfWork

NOW = datetime(2024, 8, 5, 9, 0)
ROLES = [r.value for r in Role]
STEPS = [a.value for a in Action] + ["reveal", "concerned_staff"]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(path)
    init_office(db, code="BKK1", name="สำนักงานทดสอบ")
    with UnitOfWork(db) as uow:
        for role in ROLES:
            if role != "admin":
                add_user(uow, username=f"p.{role}", display_name=role, role=role)
        uow.commit()
    db.dispose()
    return path


def _actors(db):
    from sqlalchemy import select

    from complaint_desk.store.models import User

    with UnitOfWork(db, write=False) as uow:
        users = uow.session.scalars(select(User)).all()
        return {u.role: actor_from_row(u) for u in users}


def _take(db, actor, step: str, ref: str | None, level: int, variant: int):
    clock = lambda: NOW
    if step == "record":
        return svc.record_complaint(db, actor, Intake(
            channel="walk_in", received_at=NOW, subject="ก", description="ข",
            complainant_name="สมชาย ใจดี", about_staff=variant % 3 == 0), clock=clock)
    assert ref is not None
    calls = {
        "acknowledge": lambda: svc.acknowledge(db, actor, ref, clock=clock),
        "assess": lambda: svc.assess(db, actor, ref, accepted=variant % 5 != 0,
                                     category_code="repair",
                                     not_accepted_reason="out_of_scope", clock=clock),
        "assign_level": lambda: svc.assign_level(db, actor, ref, level=level,
                                                 responsible_unit="กอง", clock=clock),
        "add_note": lambda: svc.add_note(db, actor, ref, "บันทึก", clock=clock),
        "respond": lambda: svc.respond(db, actor, ref, decision="ก", reasons="ข", clock=clock),
        "close": lambda: svc.close_complaint(db, actor, ref, complainant_accepts=variant % 2 == 0,
                                             satisfaction=1 + variant % 5, clock=clock),
        "start_review": lambda: svc.start_review(db, actor, ref,
                                                 route=("internal", "external")[variant % 2],
                                                 body="ผู้ตรวจการแผ่นดิน", clock=clock),
        "withdraw": lambda: svc.withdraw(db, actor, ref, clock=clock),
        "reveal": lambda: privacy.reveal_personal_data(db, actor, ref, clock=clock),
        "concerned_staff": lambda: privacy.set_concerned_staff(
            db, actor, ref, ["p.handler"] if variant % 2 else [], clock=clock),
    }
    return calls[step]()


def _allowed(db, actor, step: str, ref: str | None) -> bool:
    """What the rules say, computed from the data (never from the service's answer)."""
    if step in ("reveal", "concerned_staff"):
        permission = {"reveal": Permission.SEE_PERSONAL_DATA,
                      "concerned_staff": Permission.NAME_CONCERNED_STAFF}[step]
        if not has_permission(actor.role, permission):
            return False
        return step != "reveal" or privacy.may_see_identity(db, actor, ref)
    level = svc.get_complaint(db, ref).level if ref else None
    return role_may(Action(step), actor.role, level)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ROLES), st.sampled_from(STEPS), st.integers(0, 3),
                          st.integers(1, 4), st.integers(0, 29)), min_size=1, max_size=30))
def test_random_actions_by_random_roles_keep_every_rule(template, tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("run") / "office.db"
    shutil.copy(template, path)
    db = open_database(path)
    try:
        actors = _actors(db)
        cases: list[str] = []
        for role, step, index, level, variant in steps:
            actor = actors[role]
            if step != "record" and not cases:
                step = "record"
            ref = cases[index % len(cases)] if step != "record" else None
            allowed = _allowed(db, actor, step, ref)
            try:
                result = _take(db, actor, step, ref, level, variant)
            except PermissionDenied:
                assert not allowed, (role, step, ref)
                continue
            except (TransitionError, ValidationError):
                continue
            assert allowed, f"{role} was let {step} {ref}"
            if step == "record":
                cases.append(result)
        report = run_check(db)
        assert report.ok, report.problems
        for ref in cases:
            assert svc.get_complaint(db, ref).status in set(Status)
    finally:
        db.dispose()
