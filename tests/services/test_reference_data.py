"""A handling level's target comes from the data: changing it moves the due date of cases
assigned afterwards, not of cases assigned before (their event names the target applied)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import text

from complaint_desk.domain.errors import PermissionDenied, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints, reference_data
from complaint_desk.store.unit_of_work import UnitOfWork


def a_case(db, actors, clock, subject: str) -> str:
    ref = complaints.record_complaint(db, actors["officer"], Intake(
        channel="line", received_at=datetime(2024, 8, 5, 9, 0), subject=subject,
        description="ไม่มีน้ำใช้", complainant_name="นางสมศรี ทดสอบ"), clock=clock)
    complaints.acknowledge(db, actors["officer"], ref, clock=clock)
    complaints.assess(db, actors["officer"], ref, accepted=True, category_code="utilities",
                      clock=clock)
    return ref


def assigned(db, actors, clock, ref: str) -> None:
    complaints.assign_level(db, actors["supervisor"], ref, level=2,
                            responsible_unit="กองซ่อมบำรุง", clock=clock)


def assign_event(db, ref: str) -> dict:
    with db.engine.connect() as connection:
        (data,) = connection.execute(text(
            "SELECT e.data FROM events e JOIN complaints c ON c.id = e.complaint_id "
            "WHERE c.reference = :r AND e.kind = 'assign_level'"), {"r": ref}).one()
    return json.loads(data)


def due_of(db, ref: str):
    with UnitOfWork(db, write=False) as uow:
        return uow.get(ref)[1].due_on


def test_a_new_target_moves_only_the_cases_assigned_after_it(db, actors, clock):
    before = a_case(db, actors, clock, "ก่อนเปลี่ยน")
    assigned(db, actors, clock, before)
    due_before = due_of(db, before)
    assert reference_data.change_level_target(db, actors["admin"], 2, 10) == 15
    after = a_case(db, actors, clock, "หลังเปลี่ยน")
    assigned(db, actors, clock, after)
    with UnitOfWork(db, write=False) as uow:
        calendar = uow.calendar()
    assert due_of(db, after) == calendar.add_working_days(datetime(2024, 8, 5).date(), 10)
    assert due_of(db, before) == due_before == calendar.add_working_days(
        datetime(2024, 8, 5).date(), 15)
    assert assign_event(db, before)["target_working_days"] == 15
    assert assign_event(db, after)["target_working_days"] == 10


@pytest.mark.parametrize("days", [0, 400, 46])
def test_a_target_outside_one_to_45_working_days_is_refused_and_nothing_changes(db, actors,
                                                                                  days):
    with pytest.raises(ValidationError) as refused:
        reference_data.change_level_target(db, actors["admin"], 2, days)
    assert refused.value.field == "target_working_days"
    assert {r.number: r.target_working_days
            for r in reference_data.list_levels(db, actors["admin"])} == {1: 3, 2: 15, 3: 30,
                                                                          4: 45}
    with db.engine.connect() as connection:
        assert connection.execute(text(
            "SELECT count(*) FROM audit_log WHERE kind = 'level_target_changed'")).scalar() == 0


def test_only_an_admin_changes_a_target(db, actors):
    with pytest.raises(PermissionDenied):
        reference_data.change_level_target(db, actors["supervisor"], 2, 10)


def test_the_change_is_audited_with_the_old_and_new_target(db, actors):
    reference_data.change_level_target(db, actors["admin"], 3, 20)
    with db.engine.connect() as connection:
        (data,) = connection.execute(text(
            "SELECT data FROM audit_log WHERE kind = 'level_target_changed'")).one()
    assert json.loads(data) == {"level": 3, "before": 30, "after": 20}
