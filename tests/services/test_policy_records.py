"""Policy versions, the publication plan and the cascade over a real SQLite file: rules,
permissions, one transaction each, an audit row for every change."""

import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from complaint_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaint_desk.domain.policy import ELEMENT_CODES
from complaint_desk.services import indicators, policy
from complaint_desk.store.models import AuditRow
from complaint_desk.store.models_policy import PolicyElementRow, PolicyVersion
from complaint_desk.store.unit_of_work import UnitOfWork

NOW = datetime(2024, 8, 1, 10, 0)


def clock():
    return NOW


def audit_kinds(db):
    with UnitOfWork(db, write=False) as uow:
        return [(k, json.loads(d)) for k, d in uow.session.execute(
            select(AuditRow.kind, AuditRow.data).order_by(AuditRow.id))]


def record(**kw):
    values = {"title": "นโยบายการจัดการข้อร้องเรียน", "version": "2567.1",
                  "approved_by": "ผู้ว่าการ", "approved_on": date(2024, 5, 15),
                  "effective_from": date(2024, 6, 1), "elements": {"purpose": "ข้อ 1", "scope": None}}
    values.update(kw)
    return policy.PolicyRecord(**values)


def test_a_saved_policy_version_keeps_its_elements_and_is_audited(db, actors):
    version_id = policy.save_policy_version(db, actors["supervisor"], record(), clock=clock)
    saved = policy.list_policy_versions(db)
    assert [(v.id, v.version, v.elements) for v in saved] == \
        [(version_id, "2567.1", {"purpose": "ข้อ 1", "scope": None})]
    kind, data = audit_kinds(db)[-1]
    assert kind == "policy_version_saved" and data["before"] is None
    assert data["after"]["elements"] == {"purpose": "ข้อ 1", "scope": None}


def test_changing_a_version_records_only_what_changed(db, actors):
    version_id = policy.save_policy_version(db, actors["supervisor"], record(), clock=clock)
    policy.save_policy_version(db, actors["executive"], record(
        id=version_id, elements=dict.fromkeys(ELEMENT_CODES)), clock=clock)
    _kind, data = audit_kinds(db)[-1]
    assert set(data["after"]) == {"elements"}
    with UnitOfWork(db, write=False) as uow:
        assert uow.session.execute(select(func.count()).select_from(PolicyElementRow)).scalar() \
            == len(ELEMENT_CODES)


@pytest.mark.parametrize("change,field", [
    ({"title": "  "}, "title"), ({"version": ""}, "version"),
    ({"elements": {"purpose": None, "colour": None}}, "elements"),
    ({"approved_on": date(2024, 6, 2)}, "effective_from"),
])
def test_bad_input_names_the_field_and_changes_nothing(db, actors, change, field):
    with pytest.raises(ValidationError) as caught:
        policy.save_policy_version(db, actors["supervisor"], record(**change), clock=clock)
    assert caught.value.field == field
    assert policy.list_policy_versions(db) == [] and audit_kinds(db) == []


def test_a_version_number_is_recorded_once(db, actors):
    policy.save_policy_version(db, actors["supervisor"], record(), clock=clock)
    with pytest.raises(ValidationError) as caught:
        policy.save_policy_version(db, actors["supervisor"], record(title="อีกฉบับ"), clock=clock)
    assert caught.value.field == "version"


@pytest.mark.parametrize("role", ["officer", "handler", "clerk"])
def test_only_supervisors_executives_and_admins_change_the_records(db, actors, role):
    with pytest.raises(PermissionDenied):
        policy.save_policy_version(db, actors[role], record(), clock=clock)
    with pytest.raises(PermissionDenied):
        policy.save_publication(db, actors[role], policy.Publication(
            "website", "เว็บไซต์", date(2024, 2, 1)), clock=clock)
    assert audit_kinds(db) == []


def test_the_policy_in_force_is_the_last_approved_by_that_day(db, actors):
    policy.save_policy_version(db, actors["admin"], record(), clock=clock)
    policy.save_policy_version(db, actors["admin"], record(version="2568.1",
                                                           approved_on=None), clock=clock)
    with UnitOfWork(db, write=False) as uow:
        assert policy.policy_in_force(uow, date(2024, 5, 14)) is None
        assert policy.policy_in_force(uow, date(2024, 12, 31)).version == "2567.1"


def test_the_document_is_stored_once_by_content(db, actors, tmp_path):
    version_id = policy.save_policy_version(db, actors["admin"], record(), clock=clock)
    source = tmp_path / "นโยบาย.pdf"
    source.write_bytes(b"%PDF-1.4 policy")
    files = tmp_path / "files"
    sha = policy.attach_policy_document(db, actors["admin"], version_id, source, files_dir=files)
    again = policy.attach_policy_document(db, actors["admin"], version_id, source, files_dir=files)
    assert sha == again
    assert policy.document_path(files, sha).read_bytes() == b"%PDF-1.4 policy"
    assert [p.name for p in files.rglob("*") if p.is_file()] == [sha]
    saved = policy.list_policy_versions(db)[0]
    assert (saved.document_filename, saved.document_size) == ("นโยบาย.pdf", 15)
    with pytest.raises(ValidationError):
        policy.attach_policy_document(db, actors["admin"], version_id, tmp_path / "none.pdf",
                                      files_dir=files)


def test_a_publication_takes_its_channels_audience_and_refuses_a_future_done_date(db, actors):
    item_id = policy.save_publication(db, actors["supervisor"], policy.Publication(
        "notice_board", "ติดประกาศ", date(2024, 3, 1), done_on=date(2024, 3, 4)), clock=clock)
    assert policy.list_publications(db, 2024)[0].audience == "outside"
    with pytest.raises(ValidationError) as caught:
        policy.save_publication(db, actors["supervisor"], policy.Publication(
            "intranet", "อินทราเน็ต", date(2024, 3, 1), done_on=date(2024, 8, 2)), clock=clock)
    assert caught.value.field == "done_on"
    with pytest.raises(ValidationError):
        policy.save_publication(db, actors["supervisor"], policy.Publication(
            "pigeon", "นกพิราบ", date(2024, 3, 1)), clock=clock)
    policy.delete_publication(db, actors["supervisor"], item_id, clock=clock)
    assert policy.list_publications(db) == []
    assert [k for k, _ in audit_kinds(db)] == ["publication_saved", "publication_deleted"]


def test_a_cascade_names_its_recipient_and_a_date_once_cascaded(db, actors):
    entry = indicators.CascadeEntry("satisfied_pct", 2567, "division", "ร้อยละ 80",
                                    status="cascaded", status_on=date(2024, 1, 20))
    with pytest.raises(ValidationError) as caught:
        indicators.save_cascade(db, actors["supervisor"], entry, clock=clock)
    assert caught.value.field == "unit"
    with pytest.raises(ValidationError) as caught:
        indicators.save_cascade(db, actors["supervisor"], indicators.CascadeEntry(
            "satisfied_pct", 2024, "office", "ร้อยละ 80", status="cascaded",
            office_code="BKK1"), clock=clock)
    assert caught.value.field == "status_on"
    with pytest.raises(NotFound):
        indicators.save_cascade(db, actors["supervisor"], indicators.CascadeEntry(
            "satisfied_pct", 2024, "person", "ร้อยละ 80", user_id=999), clock=clock)
    indicators.save_cascade(db, actors["supervisor"], entry.__class__(
        **{**entry.__dict__, "unit": "กองซ่อมบำรุง"}), clock=clock)
    saved = indicators.list_cascade(db, 2024)
    assert [(c.year, c.unit, c.status) for c in saved] == [(2024, "กองซ่อมบำรุง", "cascaded")]


def test_targets_are_the_admins_and_executives(db, actors):
    target = indicators.Target("satisfied_pct", 2567, 85.0)
    with pytest.raises(PermissionDenied):
        indicators.set_target(db, actors["supervisor"], target)
    indicators.set_target(db, actors["executive"], target)
    indicators.set_target(db, actors["admin"], indicators.Target("satisfied_pct", 2024, 88.0))
    assert [(t.year, t.target) for t in indicators.list_targets(db, 2024)] == [(2024, 88.0)]
    with pytest.raises(ValidationError):
        indicators.set_target(db, actors["admin"], indicators.Target("happiness", 2024, 1.0))


def test_a_failed_write_leaves_no_half_record(db, actors):
    with pytest.raises(ValidationError):
        policy.save_policy_version(db, actors["admin"], record(
            elements={"purpose": None, "nonsense": None}), clock=clock)
    with UnitOfWork(db, write=False) as uow:
        assert uow.session.execute(select(func.count()).select_from(PolicyVersion)).scalar() == 0
