from datetime import datetime

from complaint_desk.domain.intake import (
    Intake,
    email_is_valid,
    national_id_is_valid,
    phone_is_valid,
)

NOW = datetime(2024, 8, 5, 10, 0)


def _intake(**kw):
    values = dict(channel="walk_in", received_at=datetime(2024, 8, 5, 9, 0), subject="น้ำรั่ว",
                  description="หลังคารั่ว", complainant_name="นายทดสอบ ตัวอย่าง")
    values.update(kw)
    return Intake(**values)


def test_national_id_check_digit():
    assert national_id_is_valid("1101700230708")
    assert national_id_is_valid("1-1017-00230-70-8")
    assert not national_id_is_valid("1101700230705")
    assert not national_id_is_valid("110170023070")


def test_phone_and_email_formats():
    assert phone_is_valid("081-234-5678") and phone_is_valid("02 123 4567")
    assert phone_is_valid("+66 81 234 5678")
    assert not phone_is_valid("12345") and not phone_is_valid("1812345678")
    assert email_is_valid("a.b@example.co.th") and not email_is_valid("a@b") and not email_is_valid("a b@c.d")


def test_a_complete_intake_has_no_errors():
    assert _intake().errors(NOW) == []


def test_every_problem_is_reported_with_its_field():
    intake = _intake(channel="pigeon", received_at=datetime(2024, 8, 6), subject=" ",
                     description="", complainant_name="", complainant_national_id="123",
                     complainant_phone="12", complainant_email="x")
    fields = [e.field for e in intake.errors(NOW)]
    assert fields == ["channel", "received_at", "subject", "description", "complainant_name",
                      "complainant_national_id", "complainant_phone", "complainant_email"]


def test_an_anonymous_complaint_needs_no_name_and_keeps_no_identity():
    intake = _intake(complainant_anonymous=True, complainant_name="ลืมลบ",
                     complainant_national_id="1101700230708", complainant_phone="0812345678")
    assert intake.errors(NOW) == []
    complaint = intake.to_complaint(uuid="u", reference="BKK1-2567-00001", office_code="BKK1")
    assert complaint.complainant_name is None and complaint.complainant_national_id is None
    assert complaint.complainant_phone == "0812345678"  # a way to reply is kept
