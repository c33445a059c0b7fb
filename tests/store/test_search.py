"""FTS5 trigram search kept in step by triggers, whoever writes the rows."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, text

from complaint_desk.domain.case_list import CaseFilter, Queue, Sort, SortKey, Viewer
from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints as svc
from complaint_desk.services.demo import generate_demo
from complaint_desk.store import case_list
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.unit_of_work import UnitOfWork

STAFF = Viewer(role="officer", sees_personal_data=True)
CLERK = Viewer(role="clerk", sees_personal_data=False)


def found(db, words, viewer=STAFF):
    with UnitOfWork(db, write=False) as uow:
        rows = case_list.page(uow.session, CaseFilter(queue=Queue.ALL, text=words), Sort(),
                              viewer, date(2024, 8, 5), offset=0, limit=1000)
    return sorted(r.reference for r in rows)


def record(db, actor, clock, **kw):
    values = dict(channel="walk_in", received_at=datetime(2024, 8, 5, 9, 0), subject="ไฟดับ",
                  description="ไฟดับทั้งชั้น", complainant_name="นายสมชาย ใจดี",
                  project="บ้านเอื้ออาทรรังสิต", building="อาคาร 3", unit="305")
    values.update(kw)
    return svc.record_complaint(db, actor, Intake(**values), clock=clock)


def test_thai_and_english_substrings_are_found_in_every_searched_field(db, actors, clock):
    a = record(db, actors["officer"], clock, subject="หลังคารั่วซึม", description="Water leak")
    b = record(db, actors["officer"], clock, project="เคหะชุมชนดินแดง")
    assert found(db, "รั่วซึม") == [a]
    assert found(db, "LEAK") == [a]
    assert found(db, "ดินแดง") == [b]
    assert found(db, "BKK1-2567-00002") == [b]
    assert found(db, "ไฟดับ อาคาร") == [b]  # every word must match
    assert found(db, "อาคาร 3") == [a, b]


def test_the_complainants_name_is_searched_only_for_roles_that_may_see_it(db, actors, clock):
    a = record(db, actors["officer"], clock)
    assert found(db, "สมชาย") == [a]
    assert found(db, "สมชาย", CLERK) == []


def test_short_queries_use_a_bounded_like_and_quotes_are_not_syntax(db, actors, clock):
    a = record(db, actors["officer"], clock, subject='ท่อ "แตก" ตอนนี้')
    assert found(db, "ไฟ") == [a]
    assert found(db, '"แตก"') == [a]
    assert found(db, "zz") == []


def test_the_index_follows_updates_and_deletes_made_outside_the_services(db, actors, clock):
    a = record(db, actors["officer"], clock)
    with UnitOfWork(db) as uow:
        uow.session.execute(text("UPDATE complaints SET subject = 'ประตูพัง' WHERE reference = :r"),
                            {"r": a})
        uow.commit()
    assert found(db, "ประตูพัง") == [a] and found(db, "ไฟดับทั้ง") == [a]  # description kept
    assert found(db, "ไฟดับ อาคาร") == [a]
    with UnitOfWork(db) as uow:
        uow.session.execute(text("DELETE FROM events"))
        uow.session.execute(text("DELETE FROM complaints"))
        uow.commit()
    assert found(db, "ประตูพัง") == []
    if not db.is_sqlite:
        return  # PostgreSQL's indexes are its own business
    with UnitOfWork(db) as uow:  # raises if the index disagrees with the table
        uow.session.execute(text(
            "INSERT INTO complaints_fts(complaints_fts, rank) VALUES ('integrity-check', 1)"))


def test_demo_rows_written_with_executemany_are_searchable(db):
    generate_demo(db, 300, seed=2, today=date(2024, 9, 30))
    with UnitOfWork(db, write=False) as uow:
        expected = sorted(uow.session.scalars(select(C.reference).where(
            C.subject.contains("ลิฟต์") | C.description.contains("ลิฟต์"))))
    assert expected and found(db, "ลิฟต์") == expected


def test_a_page_read_from_the_end_equals_the_same_page_read_forwards(db, monkeypatch):
    monkeypatch.setattr(case_list, "REVERSE_FROM", 100)
    generate_demo(db, 450, seed=5, today=date(2024, 9, 30))
    f = CaseFilter(queue=Queue.ALL)
    with UnitOfWork(db, write=False) as uow:
        for sort in (Sort(), Sort(SortKey.DUE, False)):
            for offset in (0, 200, 380, 440):
                forward = case_list.page(uow.session, f, sort, STAFF, date(2024, 9, 30),
                                         offset=offset, limit=50)
                backward = case_list.page(uow.session, f, sort, STAFF, date(2024, 9, 30),
                                          offset=offset, limit=50, total=450)
                assert forward == backward, (sort, offset)
