"""What each role sees of a case: personal data only for roles that need it (PDPA)."""

from __future__ import annotations

from datetime import datetime

from complaint_desk.domain.intake import Intake
from complaint_desk.services import case_list
from complaint_desk.services import complaints as svc


def intake(**kw):
    values = dict(channel="walk_in", received_at=datetime(2024, 8, 5, 9, 0), subject="น้ำไม่ไหล",
                  description="น้ำประปาไม่ไหลสองวัน", complainant_name="นางสาวทดสอบ ใจดี",
                  complainant_national_id="1101700230708", complainant_phone="0812345678",
                  project="บ้านเอื้ออาทรรังสิต", building="อาคาร 2", unit="210",
                  category_code="utilities")
    values.update(kw)
    return Intake(**values)


def test_a_clerk_sees_the_case_and_its_timeline_without_personal_data(db, actors, clock):
    reference = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    officer = case_list.case_detail(db, actors["officer"], reference)
    clerk = case_list.case_detail(db, actors["clerk"], reference)
    assert officer.complaint.complainant_name == "นางสาวทดสอบ ใจดี"
    assert not officer.personal_data_hidden and clerk.personal_data_hidden
    assert clerk.complaint.complainant_name is None and clerk.complaint.complainant_phone is None
    assert clerk.complaint.subject == "น้ำไม่ไหล"
    recorded = clerk.timeline[-1].changes
    assert recorded["complainant_name"] == ["•••", "•••"]
    assert "0812345678" not in str(recorded)


def test_duplicates_are_the_same_person_or_the_same_place_and_category_in_90_days(
        db, actors, clock):
    first = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    now = datetime(2024, 8, 20, 9, 0)
    same_person = intake(complainant_name="", complainant_anonymous=False,
                         complainant_national_id="1101700230708", project="")
    hints = case_list.possible_duplicates(db, same_person, now)
    assert [(h.reference, h.same_complainant) for h in hints] == [(first, True)]
    same_place = intake(complainant_name="นายอื่น", complainant_national_id="")
    assert [(h.reference, h.same_complainant) for h in
            case_list.possible_duplicates(db, same_place, now)] == [(first, False)]
    other_category = intake(complainant_name="นายอื่น", complainant_national_id="",
                            category_code="repair")
    assert case_list.possible_duplicates(db, other_category, now) == []
    assert case_list.possible_duplicates(db, same_place, datetime(2024, 11, 20)) == []


def test_masking_a_case_clears_every_personal_field_the_domain_names():
    """services/case_list._mask spells the fields out for the type checker; this keeps it in
    step with PERSONAL_FIELDS when a field is added."""
    from datetime import datetime as _dt

    from complaint_desk.domain.complaint import PERSONAL_FIELDS, Channel, Complaint
    from complaint_desk.services.case_list import _mask

    full = Complaint(uuid="u", reference="R", office_code="BKK1", channel=Channel.LINE,
                     received_at=_dt(2024, 8, 5), subject="s", description="d",
                     **{name: "x" for name in PERSONAL_FIELDS})
    assert all(getattr(_mask(full), name) is None for name in PERSONAL_FIELDS)
