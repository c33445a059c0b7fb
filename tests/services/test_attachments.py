"""Attachments: stored once by content, listed on the case, an event each; refused files
change nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from complaint_desk.domain.errors import TransitionError, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.services import attachments, case_list
from complaint_desk.services import complaints as svc
from complaint_desk.store.models import Attachment, EventRow
from complaint_desk.store.unit_of_work import UnitOfWork


@pytest.fixture
def reference(db, actors, clock):
    return svc.record_complaint(db, actors["officer"], Intake(
        channel="letter", received_at=datetime(2024, 8, 5, 9), subject="ขอซ่อมประตู",
        description="ประตูพัง", complainant_anonymous=True), clock=clock)


def rows(db):
    with UnitOfWork(db, write=False) as uow:
        return (uow.session.execute(select(func.count()).select_from(Attachment)).scalar(),
                uow.session.execute(select(func.count()).select_from(EventRow)).scalar())


def test_the_same_file_twice_is_stored_once_and_listed_twice_with_events(
        db, actors, clock, reference, tmp_path):
    scan = tmp_path / "หนังสือร้องเรียน.jpg"
    scan.write_bytes(b"\xff\xd8 scanned letter")
    root = tmp_path / "data"
    attachments.add_attachment(db, actors["officer"], reference, scan, root=root, clock=clock)
    attachments.add_attachment(db, actors["handler"], reference, scan, root=root, clock=clock)
    detail = case_list.case_detail(db, actors["officer"], reference)
    assert [a.filename for a in detail.attachments] == ["หนังสือร้องเรียน.jpg"] * 2
    stored = list((root / "attachments").rglob("*"))
    assert [p for p in stored if p.is_file()] == [attachments.stored_path(
        root, detail.attachments[0].sha256)]
    assert [e.kind for e in detail.timeline][:2] == ["attach", "attach"]


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(db, actors, clock, reference,
                                                              tmp_path, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 10)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 11)
    before = rows(db)
    with pytest.raises(ValidationError) as refused:
        attachments.add_attachment(db, actors["officer"], reference, big, root=tmp_path / "d",
                                   clock=clock)
    assert refused.value.field == "attachments"
    assert rows(db) == before
    assert [p for p in (tmp_path / "d").rglob("*") if p.is_file()] == []


def test_a_closed_case_takes_no_attachment(db, actors, clock, reference, tmp_path):
    svc.withdraw(db, actors["officer"], reference, clock=clock)
    note = tmp_path / "note.txt"
    note.write_text("x")
    with pytest.raises(TransitionError):
        attachments.add_attachment(db, actors["officer"], reference, note, root=tmp_path,
                                   clock=clock)
