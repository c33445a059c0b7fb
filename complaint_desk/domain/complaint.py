"""The complaint and its vocabulary: channels, statuses, severities, review routes.

Every enumeration value is a stable English code stored in the database and in exports; the
label beside it is a message id translated for display (Thai first).
"""

from __future__ import annotations

import dataclasses
import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from complaint_desk.domain.errors import N_


class Channel(StrEnum):
    WALK_IN = "walk_in"
    LETTER = "letter"
    TELEPHONE = "telephone"
    EMAIL = "email"
    WEBSITE = "website"
    LINE = "line"
    FACEBOOK = "facebook"
    HOTLINE_1111 = "hotline_1111"
    DAMRONGDHAMA = "damrongdhama"
    FORWARDED = "forwarded"
    NEWS_MEDIA = "news_media"
    OTHER = "other"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.WALK_IN: N_("Walk-in"),
    Channel.LETTER: N_("Letter"),
    Channel.TELEPHONE: N_("Telephone / call centre 1615"),
    Channel.EMAIL: N_("E-mail"),
    Channel.WEBSITE: N_("Website"),
    Channel.LINE: N_("LINE"),
    Channel.FACEBOOK: N_("Facebook"),
    Channel.HOTLINE_1111: N_("Government hotline 1111"),
    Channel.DAMRONGDHAMA: N_("Damrongdhama centre"),
    Channel.FORWARDED: N_("Forwarded by another agency"),
    Channel.NEWS_MEDIA: N_("News media"),
    Channel.OTHER: N_("Other"),
}


class Status(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    ASSESSED = "assessed"
    INVESTIGATING = "investigating"
    RESPONDED = "responded"
    UNDER_REVIEW = "under_review"
    CLOSED = "closed"


STATUS_LABELS: dict[Status, str] = {
    Status.RECEIVED: N_("Received"),
    Status.ACKNOWLEDGED: N_("Acknowledged"),
    Status.ASSESSED: N_("Assessed"),
    Status.INVESTIGATING: N_("Investigating"),
    Status.RESPONDED: N_("Responded"),
    Status.UNDER_REVIEW: N_("Under review"),
    Status.CLOSED: N_("Closed"),
}

OPEN_STATUSES: frozenset[Status] = frozenset(set(Status) - {Status.CLOSED})


class Closure(StrEnum):
    """How a closed case ended."""

    RESOLVED = "resolved"
    NOT_ACCEPTED = "not_accepted"
    WITHDRAWN = "withdrawn"


CLOSURE_LABELS: dict[Closure, str] = {
    Closure.RESOLVED: N_("Resolved"),
    Closure.NOT_ACCEPTED: N_("Not accepted"),
    Closure.WITHDRAWN: N_("Withdrawn"),
}


class NotAcceptedReason(StrEnum):
    OUT_OF_SCOPE = "out_of_scope"
    DUPLICATE = "duplicate"
    INSUFFICIENT_INFORMATION = "insufficient_information"


NOT_ACCEPTED_LABELS: dict[NotAcceptedReason, str] = {
    NotAcceptedReason.OUT_OF_SCOPE: N_("Out of scope"),
    NotAcceptedReason.DUPLICATE: N_("Duplicate of another case"),
    NotAcceptedReason.INSUFFICIENT_INFORMATION: N_("Insufficient information"),
}


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


SEVERITY_LABELS: dict[Severity, str] = {
    Severity.LOW: N_("Low"),
    Severity.MEDIUM: N_("Medium"),
    Severity.HIGH: N_("High"),
    Severity.CRITICAL: N_("Critical"),
}


class ReviewRoute(StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"


REVIEW_ROUTE_LABELS: dict[ReviewRoute, str] = {
    ReviewRoute.INTERNAL: N_("Internal review (higher level)"),
    ReviewRoute.EXTERNAL: N_("External body"),
}

# Every case field's name for people (message ids): screens use these; printed documents
# reword a few (services/case_documents.py).
FIELD_LABELS: dict[str, str] = {
    "reference": N_("Reference"), "office_code": N_("Office"), "channel": N_("Channel"),
    "received_at": N_("Received"), "subject": N_("Subject"), "description": N_("What happened"),
    "status": N_("Status"), "complainant_anonymous": N_("Anonymous"),
    "complainant_name": N_("Complainant"), "complainant_national_id": N_("National ID"),
    "complainant_phone": N_("Phone"), "complainant_email": N_("E-mail"),
    "complainant_address": N_("Address"), "project": N_("Housing project"),
    "building": N_("Building"), "unit": N_("Unit"), "request": N_("What is asked for"),
    "category_code": N_("Category"), "severity": N_("Severity"),
    "significant": N_("Significant"), "about_staff": N_("About staff"), "level": N_("Level"),
    "responsible_unit": N_("Responsible unit"), "responsible_person": N_("Responsible person"),
    "ack_due_on": N_("Acknowledgement due"), "acknowledged_at": N_("Acknowledged"),
    "notice_due_on": N_("Legal notice due"), "assessed_at": N_("Assessed"),
    "not_accepted_reason": N_("Reason not accepted"), "not_accepted_note": N_("Note"),
    "duplicate_of": N_("Duplicate of"), "due_on": N_("Due"), "decision": N_("Decision"),
    "reasons": N_("Reasons for the decision"), "redress": N_("Redress"),
    "responded_at": N_("Responded"), "communicated_on": N_("Communicated"),
    "closed_at": N_("Closed"), "closure": N_("Closing"),
    "complainant_accepts": N_("Complainant accepts"), "satisfaction": N_("Satisfaction (1-5)"),
    "root_cause": N_("Root cause"), "corrective_action": N_("Corrective action"),
    "review_count": N_("Reviews"), "review_route": N_("Review route"),
    "review_body": N_("Reviewing body"), "reviewed_at": N_("Review started"),
    "review_outcome": N_("Review outcome"), "uuid": N_("Identifier"),
}  # fmt: skip

# Fields that identify the complainant: personal data under the PDPA.
PERSONAL_FIELDS: tuple[str, ...] = (
    "complainant_name",
    "complainant_national_id",
    "complainant_phone",
    "complainant_email",
    "complainant_address",
)


@dataclass(frozen=True)
class Complaint:
    """One complaint, as the workflow sees it. Immutable: transitions return a new value.

    Times are office-local (Asia/Bangkok, no daylight saving) and naive; dates that are due
    are whole days (due by the end of that day).
    """

    uuid: str
    reference: str
    office_code: str
    channel: Channel
    received_at: datetime
    subject: str
    description: str
    status: Status = Status.RECEIVED
    complainant_anonymous: bool = False
    complainant_name: str | None = None
    complainant_national_id: str | None = None
    complainant_phone: str | None = None
    complainant_email: str | None = None
    complainant_address: str | None = None
    project: str | None = None
    building: str | None = None
    unit: str | None = None
    request: str | None = None
    category_code: str | None = None
    severity: Severity | None = None
    significant: bool = False
    about_staff: bool = False
    level: int | None = None
    responsible_unit: str | None = None
    responsible_person: str | None = None
    ack_due_on: date | None = None
    acknowledged_at: datetime | None = None
    notice_due_on: date | None = None
    assessed_at: datetime | None = None
    not_accepted_reason: NotAcceptedReason | None = None
    not_accepted_note: str | None = None
    duplicate_of: str | None = None
    due_on: date | None = None
    decision: str | None = None
    reasons: str | None = None
    redress: str | None = None
    responded_at: datetime | None = None
    communicated_on: date | None = None
    closed_at: datetime | None = None
    closure: Closure | None = None
    complainant_accepts: bool | None = None
    satisfaction: int | None = None
    root_cause: str | None = None
    corrective_action: str | None = None
    review_count: int = 0
    review_route: ReviewRoute | None = None
    review_body: str | None = None
    reviewed_at: datetime | None = None
    review_outcome: str | None = None
    version: int = 1

    @property
    def is_open(self) -> bool:
        return self.status is not Status.CLOSED

    def with_changes(self, **changes: Any) -> Complaint:
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


COMPLAINT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Complaint))


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def format_reference(office_code: str, be_year: int, sequence: int) -> str:
    """``BKK1-2568-00042``: unique per office and Buddhist Era year."""
    return f"{office_code}-{be_year}-{sequence:05d}"


def diff(before: Complaint, after: Complaint) -> dict[str, tuple[Any, Any]]:
    """The fields that changed, with their values before and after (the event's content)."""
    return {
        name: (getattr(before, name), getattr(after, name))
        for name in COMPLAINT_FIELDS
        if name != "version" and getattr(before, name) != getattr(after, name)
    }


@dataclass(frozen=True)
class Actor:
    """Who does something: the user's id and name, and the role they act in."""

    user_id: int
    username: str
    role: str
    display_name: str = ""
    units: tuple[str, ...] = field(default=())
