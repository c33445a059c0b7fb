from datetime import date, datetime

import pytest

from complaint_desk.domain import workflow
from complaint_desk.domain.complaint import (
    Channel,
    Closure,
    Complaint,
    NotAcceptedReason,
    ReviewRoute,
    Status,
)
from complaint_desk.domain.errors import PermissionDenied, TransitionError, ValidationError
from complaint_desk.domain.roles import Role
from complaint_desk.domain.workflow import Action

AT = datetime(2024, 8, 5, 10, 0)
BASE = Complaint(uuid="u1", reference="BKK1-2567-00001", office_code="BKK1",
                 channel=Channel.WALK_IN, received_at=datetime(2024, 8, 5, 9, 0),
                 subject="s", description="d")


def in_status(status: Status, **kw) -> Complaint:
    extra = {}
    if status is Status.CLOSED:
        extra = dict(closure=Closure.RESOLVED, closed_at=AT)
    if status in (Status.INVESTIGATING, Status.RESPONDED, Status.UNDER_REVIEW, Status.CLOSED):
        extra.setdefault("level", 2)
    extra.update(kw)
    return BASE.with_changes(status=status, **extra)


def run(action: Action, c: Complaint, role: str = "executive"):
    """Take ``action`` with valid arguments."""
    if action is Action.ACKNOWLEDGE:
        return workflow.acknowledge(c, role, AT)
    if action is Action.ASSESS:
        return workflow.assess(c, role, AT, accepted=True, category_code="repair")
    if action is Action.ASSIGN_LEVEL:
        return workflow.assign_level(c, role, level=2, due_on=date(2024, 8, 26),
                                     responsible_unit="กองซ่อมบำรุง")
    if action is Action.ADD_NOTE:
        workflow.check(c, Action.ADD_NOTE, role)
        return c
    if action is Action.RESPOND:
        return workflow.respond(c, role, AT, decision="ซ่อมแล้ว", reasons="ตรวจพบจริง")
    if action is Action.CLOSE:
        return workflow.close(c, role, AT, complainant_accepts=True, satisfaction=5)
    if action is Action.START_REVIEW:
        return workflow.start_review(c, role, AT, route=ReviewRoute.INTERNAL, body=None,
                                     due_on=date(2024, 9, 1))
    if action is Action.WITHDRAW:
        return workflow.withdraw(c, role, AT)
    raise AssertionError(action)


EXPECTED = {
    (Action.ACKNOWLEDGE, Status.RECEIVED): Status.ACKNOWLEDGED,
    (Action.ASSESS, Status.ACKNOWLEDGED): Status.ASSESSED,
    (Action.ASSIGN_LEVEL, Status.ASSESSED): Status.INVESTIGATING,
    (Action.ASSIGN_LEVEL, Status.INVESTIGATING): Status.INVESTIGATING,
    (Action.ASSIGN_LEVEL, Status.UNDER_REVIEW): Status.UNDER_REVIEW,
    (Action.RESPOND, Status.INVESTIGATING): Status.RESPONDED,
    (Action.RESPOND, Status.UNDER_REVIEW): Status.RESPONDED,
    (Action.CLOSE, Status.RESPONDED): Status.CLOSED,
    (Action.START_REVIEW, Status.CLOSED): Status.UNDER_REVIEW,
    **{(Action.ADD_NOTE, s): s for s in Status if s is not Status.CLOSED},
    **{(Action.WITHDRAW, s): Status.CLOSED for s in Status if s is not Status.CLOSED},
}
ACTIONS = [a for a in Action if a is not Action.RECORD]


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_in_every_status_is_allowed_exactly_where_the_process_says(action, status):
    complaint = in_status(status)
    expected = EXPECTED.get((action, status))
    if expected is None:
        with pytest.raises(TransitionError) as caught:
            run(action, complaint)
        assert complaint.reference in str(caught.value)
    else:
        assert run(action, complaint).status is expected
        assert action in workflow.allowed_actions(complaint, Role.EXECUTIVE)


def test_withdrawn_cases_cannot_be_reviewed():
    with pytest.raises(TransitionError):
        run(Action.START_REVIEW, in_status(Status.CLOSED, closure=Closure.WITHDRAWN))


def test_a_not_accepted_case_is_closed_with_its_reason_and_can_be_reviewed():
    c = workflow.assess(in_status(Status.ACKNOWLEDGED), "officer", AT, accepted=False,
                        not_accepted_reason=NotAcceptedReason.OUT_OF_SCOPE)
    assert (c.status, c.closure, c.closed_at) == (Status.CLOSED, Closure.NOT_ACCEPTED, AT)
    assert run(Action.START_REVIEW, c, "supervisor").status is Status.UNDER_REVIEW


def test_not_accepting_needs_a_reason_and_a_duplicate_needs_the_original():
    c = in_status(Status.ACKNOWLEDGED)
    with pytest.raises(ValidationError) as caught:
        workflow.assess(c, "officer", AT, accepted=False)
    assert caught.value.field == "not_accepted_reason"
    with pytest.raises(ValidationError) as caught:
        workflow.assess(c, "officer", AT, accepted=False,
                        not_accepted_reason=NotAcceptedReason.DUPLICATE)
    assert caught.value.field == "duplicate_of"


def test_an_internal_review_goes_one_level_up_and_stops_at_four():
    assert run(Action.START_REVIEW, in_status(Status.CLOSED, level=2)).level == 3
    assert run(Action.START_REVIEW, in_status(Status.CLOSED, level=4)).level == 4


def test_an_external_review_names_the_body_and_keeps_the_level():
    c = in_status(Status.CLOSED, level=2)
    with pytest.raises(ValidationError):
        workflow.start_review(c, "officer", AT, route=ReviewRoute.EXTERNAL, body=" ", due_on=None)
    reviewed = workflow.start_review(c, "officer", AT, route=ReviewRoute.EXTERNAL,
                                     body="ศาลปกครอง", due_on=date(2024, 9, 30))
    assert (reviewed.level, reviewed.review_body, reviewed.review_count) == (2, "ศาลปกครอง", 1)
    assert reviewed.closed_at is None and reviewed.closure is None


def test_roles_outside_the_rule_are_refused():
    with pytest.raises(PermissionDenied):
        run(Action.ACKNOWLEDGE, in_status(Status.RECEIVED), "clerk")
    with pytest.raises(PermissionDenied):
        run(Action.ASSIGN_LEVEL, in_status(Status.ASSESSED), "officer")
    with pytest.raises(PermissionDenied):
        run(Action.ADD_NOTE, in_status(Status.INVESTIGATING), "admin")


@pytest.mark.parametrize("role,level,allowed", [
    ("officer", 1, True), ("officer", 2, False), ("handler", 3, True), ("handler", 4, False),
    ("supervisor", 3, True), ("supervisor", 4, False), ("executive", 4, True),
])
def test_delegated_authority_limits_who_responds_at_each_level(role, level, allowed):
    c = in_status(Status.INVESTIGATING, level=level)
    if allowed:
        assert run(Action.RESPOND, c, role).status is Status.RESPONDED
    else:
        with pytest.raises(PermissionDenied):
            run(Action.RESPOND, c, role)


def test_closing_checks_the_satisfaction_range():
    with pytest.raises(ValidationError):
        workflow.close(in_status(Status.RESPONDED), "executive", AT, complainant_accepts=True,
                       satisfaction=6)


def test_respond_requires_a_decision_and_its_reasons():
    with pytest.raises(ValidationError) as caught:
        workflow.respond(in_status(Status.INVESTIGATING), "executive", AT, decision="ok",
                         reasons="  ")
    assert caught.value.field == "reasons"


def test_acknowledging_before_receipt_is_refused():
    with pytest.raises(ValidationError):
        workflow.acknowledge(in_status(Status.RECEIVED), "officer", datetime(2024, 8, 4))
