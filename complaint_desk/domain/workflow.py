"""The ISO 10002 workflow as a state machine, with who may do each step.

received → acknowledged → assessed (accepted) → investigating → responded → closed.
Assessment may not accept a case (out of scope, duplicate, insufficient information): that
closes it. A complainant who does not accept the outcome starts a review, which reopens the
case (under_review) until it is responded to and closed again. Withdrawal closes an open case.

Every function here is pure: it checks the rule and returns the changed complaint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from complaint_desk.domain.complaint import (
    Closure,
    Complaint,
    NotAcceptedReason,
    ReviewRoute,
    Severity,
    Status,
)
from complaint_desk.domain.errors import N_, PermissionDenied, TransitionError, ValidationError
from complaint_desk.domain.levels import LEVEL_NUMBERS, SIGNIFICANT_LEVEL
from complaint_desk.domain.roles import Role


class Action(StrEnum):
    RECORD = "record"
    ACKNOWLEDGE = "acknowledge"
    ASSESS = "assess"
    ASSIGN_LEVEL = "assign_level"
    ADD_NOTE = "add_note"
    RESPOND = "respond"
    CLOSE = "close"
    START_REVIEW = "start_review"
    WITHDRAW = "withdraw"


ACTION_LABELS: dict[Action, str] = {
    Action.RECORD: N_("Record complaint"),
    Action.ACKNOWLEDGE: N_("Acknowledge"),
    Action.ASSESS: N_("Assess"),
    Action.ASSIGN_LEVEL: N_("Assign level"),
    Action.ADD_NOTE: N_("Add note"),
    Action.RESPOND: N_("Respond"),
    Action.CLOSE: N_("Close"),
    Action.START_REVIEW: N_("Start review"),
    Action.WITHDRAW: N_("Withdraw"),
}

_OPEN = frozenset(s for s in Status if s is not Status.CLOSED)
_CASE_WORKERS = frozenset({Role.OFFICER, Role.HANDLER, Role.SUPERVISOR, Role.EXECUTIVE})


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status]
    roles: frozenset[Role]
    # For roles listed here, only these handling levels (delegated authority).
    level_limits: Mapping[Role, frozenset[int]] | None = None


RULES: dict[Action, Rule] = {
    Action.RECORD: Rule(frozenset(), _CASE_WORKERS),
    Action.ACKNOWLEDGE: Rule(frozenset({Status.RECEIVED}),
                             frozenset({Role.OFFICER, Role.SUPERVISOR, Role.EXECUTIVE})),
    Action.ASSESS: Rule(frozenset({Status.ACKNOWLEDGED}),
                        frozenset({Role.OFFICER, Role.SUPERVISOR, Role.EXECUTIVE})),
    Action.ASSIGN_LEVEL: Rule(
        frozenset({Status.ASSESSED, Status.INVESTIGATING, Status.UNDER_REVIEW}),
        frozenset({Role.SUPERVISOR, Role.EXECUTIVE})),
    Action.ADD_NOTE: Rule(_OPEN, _CASE_WORKERS),
    Action.RESPOND: Rule(
        frozenset({Status.INVESTIGATING, Status.UNDER_REVIEW}), _CASE_WORKERS,
        {Role.OFFICER: frozenset({1}), Role.HANDLER: frozenset({1, 2, 3}),
         Role.SUPERVISOR: frozenset({1, 2, 3})}),
    Action.CLOSE: Rule(
        frozenset({Status.RESPONDED}), frozenset({Role.OFFICER, Role.SUPERVISOR, Role.EXECUTIVE}),
        {Role.OFFICER: frozenset({1}), Role.SUPERVISOR: frozenset({1, 2, 3})}),
    Action.START_REVIEW: Rule(frozenset({Status.CLOSED}),
                              frozenset({Role.OFFICER, Role.SUPERVISOR, Role.EXECUTIVE})),
    Action.WITHDRAW: Rule(_OPEN, frozenset({Role.OFFICER, Role.SUPERVISOR, Role.EXECUTIVE})),
}  # fmt: skip


def role_may(action: Action, role: Role | str, level: int | None = None) -> bool:
    """Whether the role may take the action on a case at this handling level."""
    rule = RULES[action]
    role = Role(role)
    if role not in rule.roles:
        return False
    if rule.level_limits and role in rule.level_limits and level is not None:
        return level in rule.level_limits[role]
    return True


def _status_allows(complaint: Complaint, action: Action) -> bool:
    if complaint.status not in RULES[action].sources:
        return False
    if action is Action.START_REVIEW:
        return complaint.closure in (Closure.RESOLVED, Closure.NOT_ACCEPTED)
    return True


def check(complaint: Complaint, action: Action, role: Role | str) -> None:
    """Raise if the workflow or the role forbids the action; the message says which."""
    if not _status_allows(complaint, action):
        raise TransitionError(
            N_("Cannot {action} case {reference}: it is {status}."),
            action=ACTION_LABELS[action], reference=complaint.reference,
            status=status_label(complaint),
        )
    if not role_may(action, role, complaint.level):
        raise PermissionDenied(
            N_("Your role ({role}) may not {action} case {reference} at level {level}."),
            role=str(role), action=ACTION_LABELS[action], reference=complaint.reference,
            level=complaint.level or "-",
        )


def allowed_actions(complaint: Complaint, role: Role | str) -> list[Action]:
    return [a for a in Action if a is not Action.RECORD
            and _status_allows(complaint, a) and role_may(a, role, complaint.level)]


def status_label(complaint: Complaint) -> str:
    from complaint_desk.domain.complaint import CLOSURE_LABELS, STATUS_LABELS

    if complaint.status is Status.CLOSED and complaint.closure is not None:
        return CLOSURE_LABELS[complaint.closure]
    return STATUS_LABELS[complaint.status]


def _required(value: str | None, field: str, label: str) -> str:
    if value is None or not value.strip():
        raise ValidationError(N_("{field_label} is required."), field=field, field_label=label)
    return value.strip()


# --- the steps ----------------------------------------------------------------------------


def acknowledge(c: Complaint, role: Role | str, at: datetime) -> Complaint:
    check(c, Action.ACKNOWLEDGE, role)
    if at < c.received_at:
        raise ValidationError(N_("Acknowledgement cannot be before the complaint was received."),
                              field="acknowledged_at")
    return c.with_changes(status=Status.ACKNOWLEDGED, acknowledged_at=at)


def assess(c: Complaint, role: Role | str, at: datetime, *, accepted: bool,
           category_code: str | None = None, severity: Severity | None = None,
           significant: bool = False, about_staff: bool = False,
           not_accepted_reason: NotAcceptedReason | None = None,
           not_accepted_note: str | None = None, duplicate_of: str | None = None) -> Complaint:
    check(c, Action.ASSESS, role)
    if accepted:
        if not category_code:
            raise ValidationError(N_("Category is required."), field="category_code")
        return c.with_changes(status=Status.ASSESSED, assessed_at=at, category_code=category_code,
                              severity=severity, significant=significant, about_staff=about_staff)
    if not_accepted_reason is None:
        raise ValidationError(N_("A reason is required when a complaint is not accepted."),
                              field="not_accepted_reason")
    if not_accepted_reason is NotAcceptedReason.DUPLICATE and not duplicate_of:
        raise ValidationError(N_("Give the reference of the original case."), field="duplicate_of")
    return c.with_changes(status=Status.CLOSED, closure=Closure.NOT_ACCEPTED, assessed_at=at,
                          closed_at=at, category_code=category_code or c.category_code,
                          not_accepted_reason=not_accepted_reason,
                          not_accepted_note=not_accepted_note, duplicate_of=duplicate_of)


def assign_level(c: Complaint, role: Role | str, *, level: int, due_on: date,
                 responsible_unit: str | None, responsible_person: str | None = None) -> Complaint:
    check(c, Action.ASSIGN_LEVEL, role)
    if level not in LEVEL_NUMBERS:
        raise ValidationError(N_("Unknown handling level: {value}"), field="level", value=level)
    _required(responsible_unit, "responsible_unit", N_("Responsible unit"))
    status = c.status if c.status is Status.UNDER_REVIEW else Status.INVESTIGATING
    return c.with_changes(level=level, due_on=due_on, responsible_unit=responsible_unit,
                          responsible_person=responsible_person, status=status)


def respond(c: Complaint, role: Role | str, at: datetime, *, decision: str, reasons: str,
            redress: str | None = None, communicated_on: date | None = None,
            review_outcome: str | None = None) -> Complaint:
    check(c, Action.RESPOND, role)
    decision = _required(decision, "decision", N_("Decision"))
    reasons = _required(reasons, "reasons", N_("Reasons for the decision"))
    if communicated_on is not None and communicated_on < c.received_at.date():
        raise ValidationError(N_("The response cannot be communicated before receipt."),
                              field="communicated_on")
    changes: dict[str, object] = dict(status=Status.RESPONDED, decision=decision, reasons=reasons,
                                      redress=redress, responded_at=at,
                                      communicated_on=communicated_on or at.date())
    if c.review_count and review_outcome:
        changes["review_outcome"] = review_outcome
    return c.with_changes(**changes)


def close(c: Complaint, role: Role | str, at: datetime, *, complainant_accepts: bool | None,
          satisfaction: int | None = None, root_cause: str | None = None,
          corrective_action: str | None = None) -> Complaint:
    check(c, Action.CLOSE, role)
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ValidationError(N_("Satisfaction must be from 1 to 5."), field="satisfaction")
    return c.with_changes(status=Status.CLOSED, closure=Closure.RESOLVED, closed_at=at,
                          complainant_accepts=complainant_accepts, satisfaction=satisfaction,
                          root_cause=root_cause, corrective_action=corrective_action)


def review_level(c: Complaint, route: ReviewRoute) -> int | None:
    """An internal review goes one level up (at most 4); an external one keeps the level."""
    if route is ReviewRoute.INTERNAL:
        return min((c.level or 1) + 1, SIGNIFICANT_LEVEL)
    return c.level


def start_review(c: Complaint, role: Role | str, at: datetime, *, route: ReviewRoute,
                 body: str | None, due_on: date | None) -> Complaint:
    """Reopen a closed case for review at ``review_level``; ``due_on`` is its new due date."""
    check(c, Action.START_REVIEW, role)
    if route is ReviewRoute.EXTERNAL and (not body or not body.strip()):
        raise ValidationError(N_("Name the external body that reviews the case."),
                              field="review_body")
    return c.with_changes(status=Status.UNDER_REVIEW, closure=None, closed_at=None,
                          review_count=c.review_count + 1, review_route=route,
                          review_body=(body.strip() if body else None), reviewed_at=at,
                          level=review_level(c, route), due_on=due_on, review_outcome=None)


def withdraw(c: Complaint, role: Role | str, at: datetime, *, note: str | None = None) -> Complaint:
    check(c, Action.WITHDRAW, role)
    return c.with_changes(status=Status.CLOSED, closure=Closure.WITHDRAWN, closed_at=at)
