from datetime import datetime

from direct_sql import direct_sql as another_tool
from hypothesis import given
from hypothesis import strategies as st

from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints as svc
from complaint_desk.store import events
from complaint_desk.store.mapping import canonical_json
from complaint_desk.store.unit_of_work import UnitOfWork


def _record_two(db, actors, clock):
    intake = Intake(channel="line", received_at=clock.now, subject="ไฟดับ", description="ไฟทางเดินดับ",
                    complainant_anonymous=True)
    first = svc.record_complaint(db, actors["officer"], intake, clock=clock)
    svc.acknowledge(db, actors["officer"], first, clock=clock)
    svc.record_complaint(db, actors["officer"], intake, clock=clock)
    return first


def test_the_chain_verifies_after_normal_work(db, actors, clock):
    _record_two(db, actors, clock)
    with UnitOfWork(db, write=False) as uow:
        checked, broken = events.verify_chain(uow.session)
    assert (checked, broken) == (3, None)


def test_editing_an_event_with_another_tool_is_detected_at_that_event(db, actors, clock, tmp_path):
    _record_two(db, actors, clock)
    another_tool(db, "UPDATE events SET actor_name = 'someone' WHERE id = 2")
    with UnitOfWork(db, write=False) as uow:
        checked, broken = events.verify_chain(uow.session)
    assert checked == 1 and broken is not None and broken.event_id == 2


def test_deleting_an_event_breaks_the_chain_at_the_next_one(db, actors, clock, tmp_path):
    _record_two(db, actors, clock)
    another_tool(db, "DELETE FROM events WHERE id = 2")
    with UnitOfWork(db, write=False) as uow:
        _, broken = events.verify_chain(uow.session)
    assert broken is not None and broken.event_id == 3


def _problems(db):
    from complaint_desk.services.check import run_check

    return [(p.message, p.params) for p in run_check(db).problems]


def test_a_case_row_edited_without_an_event_is_named_with_its_fields(db, actors, clock, tmp_path):
    first = _record_two(db, actors, clock)
    assert _problems(db) == []
    another_tool(db, "UPDATE complaints SET status = 'closed', closure = 'resolved', "
                 "closed_at = '2024-08-05 10:00:00.000000' WHERE reference = :r", r=first)
    problems = _problems(db)
    assert len(problems) == 1
    assert problems[0][1] == {"count": 1, "reference": first,
                              "fields": "status, closed_at, closure"}


def test_an_event_inserted_with_another_tool_is_detected(db, actors, clock, tmp_path):
    _record_two(db, actors, clock)
    another_tool(db, "INSERT INTO events (uuid, complaint_id, at, actor_name, kind, data, "
                 "prev_hash, hash) SELECT 'forged', complaint_id, at, actor_name, 'withdraw', "
                 "data, hash, hash FROM events WHERE id = 3")
    with UnitOfWork(db, write=False) as uow:
        _, broken = events.verify_chain(uow.session)
    assert broken is not None and broken.event_id == 4


def test_the_version_column_must_count_the_case_s_events(db, actors, clock, tmp_path):
    first = _record_two(db, actors, clock)
    another_tool(db, "UPDATE complaints SET version = 7 WHERE reference = :r", r=first)
    assert _problems(db)[0][1]["fields"] == "version"


# Any text: Thai, quotes, backslashes, control characters, lone surrogates' neighbours.
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(uuid=_TEXT, case=_TEXT, actor=_TEXT, kind=_TEXT, data=_TEXT,
       at=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)))
def test_the_spelled_out_content_is_canonical_json_of_the_event(uuid, case, actor, kind, data, at):
    """event_content writes the JSON itself (the bulk writers hash millions of events): it
    must stay byte for byte what canonical_json makes of the same fields, or every stored
    hash would stop verifying."""
    expected = canonical_json({"uuid": uuid, "complaint": case, "at": at.isoformat(timespec="seconds"),
                               "actor": actor, "kind": kind, "data": data})
    assert events.event_content(uuid=uuid, complaint_uuid=case, at=at, actor_name=actor,
                                kind=kind, data=data) == expected


def test_content_that_is_not_text_is_still_spelled_by_canonical_json():
    at = datetime(2026, 1, 2, 3, 4, 5)
    content = events.event_content(uuid="u", complaint_uuid="c", at=at, actor_name=None,
                                   kind="record", data="{}")
    assert content == canonical_json({"uuid": "u", "complaint": "c", "at": "2026-01-02T03:04:05",
                                      "actor": None, "kind": "record", "data": "{}"})
    assert events.chain_hash(events.GENESIS, content) == events.event_hash(
        events.GENESIS, uuid="u", complaint_uuid="c", at=at, actor_name=None, kind="record",
        data="{}")
