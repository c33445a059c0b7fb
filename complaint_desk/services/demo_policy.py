"""Demo records of the complaint-management system, so the dashboard and the AAR show
something: per demo year a policy version, a publication plan, targets and the KPI cascade;
the demo's root causes and a few corrective actions on them. Written through the services
(validated and audited) as the system user; skipped when a policy is already recorded.
Deterministic for a given ``today``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time

from sqlalchemy import select

from complaint_desk.domain.calendar import BE_OFFSET
from complaint_desk.domain.policy import ELEMENT_CODES, PublicationChannel
from complaint_desk.resources_path import resource_path
from complaint_desk.services import improvement, indicators, policy
from complaint_desk.services.access import SYSTEM
from complaint_desk.store.database import Database
from complaint_desk.store.models import Office, Unit, User
from complaint_desk.store.models_policy import PolicyVersion
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]

_PUBLICATIONS = (
    (PublicationChannel.INTRANET, "ประกาศนโยบายการจัดการข้อร้องเรียนในอินทราเน็ต", 1, 0),
    (PublicationChannel.WEBSITE, "เผยแพร่นโยบายบนเว็บไซต์ของการเคหะแห่งชาติ", 1, 5),
    (PublicationChannel.STAFF_LETTER, "หนังสือเวียนแจ้งพนักงานทุกหน่วยงาน", 2, 3),
    (PublicationChannel.NOTICE_BOARD, "ติดประกาศที่บอร์ดประชาสัมพันธ์สำนักงานและชุมชน", 3, 10),
    (PublicationChannel.TRAINING, "อบรมผู้ปฏิบัติงานด้านการจัดการข้อร้องเรียน", 6, 20),
    (PublicationChannel.MEETING, "ชี้แจงในที่ประชุมผู้บริหารประจำเดือน", 9, 2),
)  # (channel, description, month planned, days late)
_CASCADED = ("acknowledged_on_time_pct", "resolved_within_target_pct", "satisfied_pct")


def generate_policy_demo(db: Database, *, today: date | None = None) -> bool:
    """Seed the demo years (the three years before ``today`` and its own). False if skipped."""
    today = today or date.today()
    with UnitOfWork(db, write=False) as uow:
        if uow.session.scalars(select(PolicyVersion.id).limit(1)).first() is not None:
            return False
        offices = list(uow.session.scalars(select(Office.code).order_by(Office.code)))
        units = list(uow.session.scalars(select(Unit.name).order_by(Unit.code)))[:3]
        people = list(uow.session.scalars(select(User.id).where(
            User.role.in_(("handler", "supervisor"))).order_by(User.id)))[:4]
    evening = datetime.combine(today, time(17, 0))

    def clock() -> datetime:
        return evening

    for year in range(today.year - 3, today.year + 1):
        _year(db, year, today, offices, units, people, clock)
    _improvement(db, today, offices[0] if offices else None, clock)
    return True


def _year(db: Database, year: int, today: date, offices: list[str], units: list[str],
          people: list[int], clock: Clock) -> None:
    be = year + BE_OFFSET
    approved = date(year, 5, 15)
    if approved > today:
        return
    # The first demo year's policy lacked the privacy element (indicator 1 not met).
    elements = [c for c in ELEMENT_CODES if year > today.year - 3 or c != "complainant_privacy"]
    version_id = policy.save_policy_version(db, SYSTEM, policy.PolicyRecord(
        title="นโยบายและระเบียบวิธีปฏิบัติเกี่ยวกับการจัดการข้อร้องเรียน การเคหะแห่งชาติ",
        version=f"{be}.1", approved_by="ผู้ว่าการการเคหะแห่งชาติ", approved_on=approved,
        effective_from=date(year, 6, 1), elements={c: None for c in elements}),
        clock=clock)
    indicators.set_target(db, SYSTEM, indicators.Target("policy_elements", year, 4.0,
                                                        date(year, 9, 30)), clock=clock)
    for channel, text, month, late in _PUBLICATIONS:
        planned = date(year, month, 1)
        done = date.fromordinal(planned.toordinal() + late)
        # The current year's later items are still to do; one training a year slipped.
        finished = done <= today and not (channel is PublicationChannel.TRAINING and year % 2)
        policy.save_publication(db, SYSTEM, policy.Publication(
            channel=channel.value, description=text, planned_on=planned,
            done_on=done if finished else None, policy_version_id=version_id,
            evidence=f"บันทึกข้อความ ที่ กคช. {month:02d}/{be}" if finished else None),
            clock=clock)
    cascade_day = date(year, 1, 20)
    for code in _CASCADED:
        rows: list[tuple[str, str | None, str | None, int | None]] = [
            ("organisation", None, None, None)]
        rows += [("office", office, None, None) for office in offices]
        rows += [("division", offices[0] if offices else None, unit, None) for unit in units]
        rows += [("person", offices[0] if offices else None, None, uid) for uid in people]
        for index, (tier, office, unit, uid) in enumerate(rows):
            sent = cascade_day <= today and not (year == today.year and index % 4 == 3)
            indicators.save_cascade(db, SYSTEM, indicators.CascadeEntry(
                indicator=code, year=year, tier=tier, office_code=office, unit=unit,
                user_id=uid, target_text="ร้อยละ 90" if code != "acknowledged_on_time_pct"
                else "ร้อยละ 100", status="acknowledged" if sent and tier == "person"
                else ("cascaded" if sent else "planned"),
                status_on=cascade_day if sent else None), clock=clock)


def _improvement(db: Database, today: date, office: str | None, clock: Clock) -> None:
    with open(resource_path("seed", "demo_th.json"), encoding="utf-8") as handle:
        words = json.load(handle)
    cause_ids = [improvement.save_root_cause(db, SYSTEM, improvement.RootCauseItem(name),
                                             clock=clock)
                 for name in words["root_causes"]]
    for index, (cause_id, title) in enumerate(zip(cause_ids, words["corrective_actions"],
                                                  strict=False)):
        planned = date(today.year - 1, 1 + 2 * index, 10)
        finished = index < 3 and date(planned.year, planned.month + 2, 28) <= today
        improvement.save_corrective_action(db, SYSTEM, improvement.CorrectiveAction(
            title=title, owner="กองบริหารชุมชน" if index % 2 else "กองซ่อมบำรุง",
            planned_on=planned, due_on=date(planned.year, planned.month + 2, 28),
            status="done" if finished else "in_progress",
            done_on=date(planned.year, planned.month + 2, 28) if finished else None,
            root_cause_id=cause_id, office_code=office), clock=clock)
