from datetime import date, datetime

from complaint_desk.domain.complaint import Channel, Complaint, Status
from complaint_desk.domain.privacy import (
    erasable_from,
    is_protected,
    mask_digits,
    mask_email,
    mask_name,
    masked,
    may_see_identity,
)


def case(**kw):
    values = dict(uuid="u", reference="BKK1-2567-00001", office_code="BKK1",
                  channel=Channel.WALK_IN, received_at=datetime(2024, 8, 5, 9, 0),
                  subject="s", description="d", complainant_name="สมชาย ใจดี",
                  complainant_phone="0812345678", complainant_email="somchai@example.com",
                  complainant_national_id="1101700230708", complainant_address="99/1 ถนนพหลโยธิน")
    values.update(kw)
    return Complaint(**values)


def test_a_thai_name_is_masked_to_its_first_and_last_letters():
    assert mask_name("สมชาย ใจดี") == "ส***ย ใ***"
    assert mask_name("นางสาวทดสอบ ตัวอย่างงาม") == "น***บ ต***"
    assert mask_name("ชื่อ") == "ช***"  # marks are not letters: two letters keep only one
    assert mask_name("") == "" and mask_name(None) is None


def test_contact_details_keep_only_enough_to_tell_cases_apart():
    assert mask_digits("0812345678") == "*******678"
    assert mask_email("somchai@example.com") == "s***@example.com"
    shown = masked(case())
    assert "สมชาย" not in str(shown.as_dict().values())
    assert shown.complainant_national_id == "*********0708"
    assert shown.complainant_address == "***"


def test_clerks_and_admins_never_see_an_identity_and_case_workers_see_ordinary_cases():
    c = case(level=2)
    assert not may_see_identity("clerk", "c", c)
    assert not may_see_identity("admin", "a", c)
    assert all(may_see_identity(r, "x", c) for r in ("officer", "handler", "supervisor",
                                                     "executive"))


def test_a_complaint_about_staff_hides_the_complainant_from_them_and_from_lower_ranks():
    c = case(about_staff=True, level=3)
    assert is_protected(c)
    assert not may_see_identity("officer", "o", c)
    assert not may_see_identity("handler", "h", c)
    assert may_see_identity("supervisor", "s", c)
    assert not may_see_identity("supervisor", "s", c, concerned={"s"})
    corruption = case(category_code="corruption", level=4)
    assert not may_see_identity("supervisor", "s", corruption)
    assert may_see_identity("executive", "e", corruption)
    # before a level is set, only the concerned staff are kept out
    new = case(about_staff=True)
    assert may_see_identity("officer", "o", new)
    assert not may_see_identity("officer", "o", new, concerned=["o"])


def test_personal_data_may_be_erased_only_the_retention_period_after_closing():
    assert erasable_from(case(), 5) is None
    closed = case(status=Status.CLOSED, closed_at=datetime(2019, 3, 1, 10, 0))
    assert erasable_from(closed, 5) == date(2024, 3, 1)
    leap = case(status=Status.CLOSED, closed_at=datetime(2020, 2, 29, 10, 0))
    assert erasable_from(leap, 5) == date(2025, 2, 28)
