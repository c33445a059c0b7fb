"""Root causes, corrective actions linked to complaints, and the effectiveness check."""

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from complaint_desk.domain.errors import PermissionDenied, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints as svc
from complaint_desk.services import improvement as imp
from complaint_desk.store.models import AuditRow, ComplaintRow
from complaint_desk.store.unit_of_work import UnitOfWork

NOW = datetime(2024, 8, 1, 10, 0)
CAUSE = "วัสดุเสื่อมสภาพตามอายุการใช้งาน"


def clock():
    return NOW


def cases(db, actors, days, cause=CAUSE):
    """One complaint received on each day, its root cause recorded as at closing."""
    refs = [svc.record_complaint(db, actors["officer"], Intake(
        channel="walk_in", received_at=datetime.combine(d, datetime.min.time()),
        subject="ท่อรั่ว", description="ท่อน้ำรั่ว", complainant_anonymous=True), clock=clock)
        for d in days]
    with UnitOfWork(db) as uow:
        uow.session.execute(update(ComplaintRow).where(ComplaintRow.reference.in_(refs))
                            .values(root_cause=cause))
        uow.commit()
    return refs


def test_a_root_cause_is_listed_once_and_not_renamed_once_cases_name_it(db, actors):
    cause_id = imp.save_root_cause(db, actors["supervisor"], imp.RootCauseItem(CAUSE), clock=clock)
    with pytest.raises(ValidationError):
        imp.save_root_cause(db, actors["supervisor"], imp.RootCauseItem(CAUSE), clock=clock)
    cases(db, actors, [date(2024, 1, 5)])
    with pytest.raises(ValidationError) as caught:
        imp.save_root_cause(db, actors["supervisor"], imp.RootCauseItem("อื่น", id=cause_id))
    assert caught.value.field == "name"
    imp.save_root_cause(db, actors["supervisor"], imp.RootCauseItem(CAUSE, active=False,
                                                                    id=cause_id))
    assert imp.list_root_causes(db, active_only=True) == []
    with pytest.raises(PermissionDenied):
        imp.save_root_cause(db, actors["handler"], imp.RootCauseItem("ใหม่"))


def test_an_action_links_many_complaints_and_refuses_unknown_references(db, actors):
    refs = cases(db, actors, [date(2024, 1, 5), date(2024, 1, 6)])
    action = imp.CorrectiveAction("ซ่อมท่อทั้งอาคาร", "กองซ่อมบำรุง", date(2024, 2, 1),
                                  complaint_references=(refs[0], "BKK1-2567-99999"))
    with pytest.raises(ValidationError) as caught:
        imp.save_corrective_action(db, actors["supervisor"], action, clock=clock)
    assert "BKK1-2567-99999" in caught.value.params["reference"]
    assert imp.list_corrective_actions(db) == []
    action_id = imp.save_corrective_action(db, actors["supervisor"], imp.CorrectiveAction(
        "ซ่อมท่อทั้งอาคาร", "กองซ่อมบำรุง", date(2024, 2, 1), complaint_references=tuple(refs)),
        clock=clock)
    assert imp.list_corrective_actions(db)[0].complaint_references == tuple(sorted(refs))
    imp.save_corrective_action(db, actors["supervisor"], imp.CorrectiveAction(
        "ซ่อมท่อทั้งอาคาร", "กองซ่อมบำรุง", date(2024, 2, 1), status="done",
        done_on=date(2024, 3, 1), complaint_references=(refs[1],), id=action_id), clock=clock)
    with UnitOfWork(db, write=False) as uow:
        data = json.loads(uow.session.scalars(select(AuditRow.data).order_by(
            AuditRow.id.desc())).first())
    assert data["before"]["complaints"] == sorted(refs) and data["after"]["complaints"] == [refs[1]]


def test_complaints_of_the_cause_falling_after_the_action_make_it_effective(db, actors):
    before = [date(2023, m, 10) for m in (9, 10, 11, 12)] + [date(2024, m, 10) for m in (1, 2)]
    cases(db, actors, before * 2)  # 12 in the six months before: 2 a month
    cases(db, actors, [date(2024, 3, 20), date(2024, 4, 2), date(2024, 6, 1)])
    cases(db, actors, [date(2024, 5, 5)], cause="อื่น ๆ")
    cause_id = imp.save_root_cause(db, actors["admin"], imp.RootCauseItem(CAUSE), clock=clock)
    action_id = imp.save_corrective_action(db, actors["admin"], imp.CorrectiveAction(
        "แผนบำรุงรักษาเชิงป้องกัน", "กองซ่อมบำรุง", date(2024, 1, 15), status="done",
        done_on=date(2024, 3, 15), root_cause_id=cause_id), clock=clock)
    check = imp.check_effectiveness(db, action_id, today=date(2024, 7, 10))
    # April to June: 2 cases (the March one is in the action's own month): 0.67 a month.
    assert (check.before_count, check.after_count, check.after.months) == (12, 2, 3)
    assert (check.before_rate, check.after_rate, check.effective) == (2.0, 0.67, True)


def test_an_action_not_done_has_no_effectiveness_yet(db, actors):
    action_id = imp.save_corrective_action(db, actors["admin"], imp.CorrectiveAction(
        "อบรม", "กองลูกค้าสัมพันธ์", date(2024, 1, 15)), clock=clock)
    assert imp.check_effectiveness(db, action_id, today=date(2024, 7, 10)) is None
