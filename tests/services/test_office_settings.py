"""The office's particulars (services/office_settings.py): what an admin sets prints on the
next letter and report; the emblem is kept in the database; a bad value changes nothing."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import text

from complaint_desk.domain.errors import PermissionDenied, ValidationError
from complaint_desk.services import case_documents, office_settings, reports
from tests.reports.pdf_checks import pypdf_text, squeeze
from tests.services.test_case_documents import case  # noqa: F401  (the fixture)


def png(size: tuple[int, int] = (60, 60), colour: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def images_in(pdf) -> list[str]:
    return [image.name for page in PdfReader(pdf).pages for image in page.images]


def settings_rows(db) -> dict[str, str]:
    with db.engine.connect() as connection:
        return dict(connection.execute(text("SELECT key, value FROM settings")).all())


def audit_rows(db) -> list[dict]:
    with db.engine.connect() as connection:
        return [json.loads(d) for (d,) in connection.execute(
            text("SELECT data FROM audit_log WHERE kind = 'setting_changed' ORDER BY id"))]


def test_the_letter_prints_the_address_signer_prefix_contact_and_emblem_just_set(
        db, actors, case, tmp_path, thai):  # noqa: F811
    office_settings.change_office_settings(db, actors["admin"], {
        "office_name": "สำนักงานเคหะชุมชนขอนแก่น", "office_address": "99 ถนนมิตรภาพ\nเมือง ขอนแก่น 40000",
        "office_email": "kkn@example.org", "letter_number_prefix": "กคช 1234/",
        "letter_signer_name": "นายสมชาย ใจดี", "letter_signer_position": "ผู้อำนวยการสำนักงาน",
        "letter_contact": "งานรับเรื่องร้องเรียน โทร 043 000 000"}, logo=png())
    pdf = tmp_path / "letter.pdf"
    case_documents.write_ack_letter(db, actors["officer"], case, pdf)
    body = squeeze(pypdf_text(pdf))
    for part in ("สำนักงานเคหะชุมชนขอนแก่น", "99ถนนมิตรภาพ", "ขอนแก่น40000", "กคช1234/" + case,
                 "(นายสมชายใจดี)", "ผู้อำนวยการสำนักงาน", "งานรับเรื่องร้องเรียนโทร043000000"):
        assert part in body, part
    assert len(images_in(pdf)) == 1


def test_no_emblem_prints_until_the_office_sets_one(db, actors, case, tmp_path):  # noqa: F811
    pdf = tmp_path / "letter.pdf"
    case_documents.write_ack_letter(db, actors["officer"], case, pdf)
    assert images_in(pdf) == []
    with pdf.open("rb") as f:  # and no drawn placeholder circle (Bézier curves) either
        assert b" c\n" not in PdfReader(f).pages[0].get_contents().get_data()


def test_the_monthly_report_is_signed_by_the_report_signer_set(db, actors, tmp_path, thai):
    office_settings.change_office_settings(db, actors["admin"], {
        "report_signer_name": "นางสาวมาลี รักงาน", "report_signer_position": "หัวหน้างานบริการ"},
        logo=png())
    pdf = tmp_path / "report.pdf"
    reports.write_monthly_report(db, actors["supervisor"], 2024, 8, pdf)
    body = squeeze(pypdf_text(pdf))
    assert "(นางสาวมาลีรักงาน)" in body and "หัวหน้างานบริการ" in body
    assert len(images_in(pdf)) == 1


def test_each_change_is_audited_with_its_old_and_new_value(db, actors):
    office_settings.change_office_settings(db, actors["admin"], {"office_phone": "043 111"})
    office_settings.change_office_settings(db, actors["admin"], {"office_phone": "043 222"},
                                           logo=png())
    rows = audit_rows(db)
    assert rows[0] == {"key": "office_phone", "before": "", "after": "043 111"}
    assert rows[1] == {"key": "office_phone", "before": "043 111", "after": "043 222"}
    assert rows[2]["key"] == "report_logo" and rows[2]["before"] is None
    assert office_settings.logo(db) == png()  # the image itself, kept in the database


@pytest.mark.parametrize(("values", "logo", "field"), [
    ({}, b"this is a letter, not a picture", "report_logo"),
    ({}, b"\x89PNG\r\n\x1a\n" + b"\0" * (20 * 1024 * 1024), "report_logo"),
    ({}, b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "report_logo"),
    ({}, b"\x89PNG\r\n\x1a\n broken", "report_logo"),
    ({"office_email": "not an address"}, None, "office_email"),
    ({"office_phone": "043\n044"}, None, "office_phone"),
], ids=["not-an-image", "20-MB", "svg", "damaged-png", "bad-email", "two-line-phone"])
def test_a_bad_value_is_refused_naming_its_field_and_nothing_changes(db, actors, values, logo,
                                                                       field, thai):
    office_settings.change_office_settings(db, actors["admin"], {"office_address": "เดิม"})
    before, audits = settings_rows(db), audit_rows(db)
    with pytest.raises(ValidationError) as refused:
        office_settings.change_office_settings(
            db, actors["admin"], {"office_address": "ใหม่", **values}, logo=logo)
    assert refused.value.field == field
    assert settings_rows(db) == before and audit_rows(db) == audits


def test_only_an_admin_may_change_the_office(db, actors):
    with pytest.raises(PermissionDenied):
        office_settings.change_office_settings(db, actors["supervisor"], {"office_phone": "1"})
    assert audit_rows(db) == []
