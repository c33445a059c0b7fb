"""The complaint-handling policy and its required elements; publication; the KPI cascade.

The customer's AAR form (seed indicator 1) requires the policy and procedures to hold four
components, each made of elements (ISO 10002 and the state-enterprise criteria):

1.1 purpose, scope and organisational commitment;
1.2 terms and definitions;
1.3 key requirements and standards for the three steps Facilitate, Respond and Manage;
1.4 the complaint-management system: the process steps, the avenue of reviews (internal and
    external), levels of handling with delegated authority, significant complaints to top
    executives, complainant privacy, and accountability for analysis, monitoring and
    continuous improvement.

A component is complete when every one of its elements is checked. Codes are stable (stored);
labels are message ids translated where shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from complaint_desk.domain.errors import N_, ValidationError


@dataclass(frozen=True)
class PolicyComponent:
    number: str
    label: str
    elements: tuple[tuple[str, str], ...]  # (code, label msgid)


POLICY_COMPONENTS: tuple[PolicyComponent, ...] = (
    PolicyComponent("1.1", N_("Purpose, scope and organisational commitment"), (
        ("purpose", N_("Purpose")),
        ("scope", N_("Scope")),
        ("commitment", N_("Commitment of the organisation, executives and staff at every level")),
    )),
    PolicyComponent("1.2", N_("Terms and definitions"), (
        ("terms_definitions", N_("Terms and definitions (glossary)")),
    )),
    PolicyComponent("1.3", N_("Key requirements and standards: Facilitate, Respond, Manage"), (
        ("facilitate", N_("Facilitate: receiving complaints and helping complainants")),
        ("respond", N_("Respond: acknowledging and answering complaints")),
        ("manage", N_("Manage: resolving complaints")),
    )),
    PolicyComponent("1.4", N_("The complaint-management system"), (
        ("receipt", N_("Receipt")),
        ("acknowledgement", N_("Acknowledgement")),
        ("initial_assessment", N_("Initial assessment and addressing")),
        ("decision_reasons", N_("Providing reasons for decisions")),
        ("closing_records_redress", N_("Closing, record keeping, redress and follow-up")),
        ("review_internal", N_("Avenue of reviews inside the organisation")),
        ("review_external", N_("Avenue of reviews outside: partners, regulators, "
                               "law enforcement")),
        ("handling_levels", N_("Levels of complaint handling with delegated authority")),
        ("significant_to_executives", N_("Significant complaints handled by top executives")),
        ("complainant_privacy", N_("Complainant privacy policy")),
        ("accountability_analysis", N_("Accountability: analysis and evaluation of complaints")),
        ("monitoring", N_("Monitoring of the complaint-management system")),
        ("continuous_improvement", N_("Continuous improvement")),
    )),
)  # fmt: skip

ELEMENT_LABELS: dict[str, str] = {
    code: label for component in POLICY_COMPONENTS for code, label in component.elements
}
ELEMENT_CODES: tuple[str, ...] = tuple(ELEMENT_LABELS)
COMPONENT_COUNT = len(POLICY_COMPONENTS)


def validate_elements(codes: Iterable[str]) -> frozenset[str]:
    found = frozenset(codes)
    unknown = sorted(found - set(ELEMENT_CODES))
    if unknown:
        raise ValidationError(N_("Unknown policy element: {value}"), field="elements",
                              value=", ".join(unknown))
    return found


def complete_components(present: Iterable[str]) -> list[PolicyComponent]:
    """The components whose every element is present."""
    have = set(present)
    return [c for c in POLICY_COMPONENTS if all(code in have for code, _ in c.elements)]


def missing_elements(present: Iterable[str]) -> list[str]:
    have = set(present)
    return [code for code in ELEMENT_CODES if code not in have]


# --- publication ---------------------------------------------------------------------------


class Audience(StrEnum):
    INSIDE = "inside"
    OUTSIDE = "outside"


AUDIENCE_LABELS: dict[Audience, str] = {
    Audience.INSIDE: N_("Inside the organisation"),
    Audience.OUTSIDE: N_("Outside the organisation"),
}


class PublicationChannel(StrEnum):
    INTRANET = "intranet"
    WEBSITE = "website"
    NOTICE_BOARD = "notice_board"
    STAFF_LETTER = "staff_letter"
    TRAINING = "training"
    MEETING = "meeting"


PUBLICATION_CHANNEL_LABELS: dict[PublicationChannel, str] = {
    PublicationChannel.INTRANET: N_("Intranet"),
    PublicationChannel.WEBSITE: N_("Website"),
    PublicationChannel.NOTICE_BOARD: N_("Notice board"),
    PublicationChannel.STAFF_LETTER: N_("Staff letter"),
    PublicationChannel.TRAINING: N_("Training"),
    PublicationChannel.MEETING: N_("Meeting"),
}

# The audience a channel usually reaches; a notice board at a housing project faces residents.
DEFAULT_AUDIENCE: dict[PublicationChannel, Audience] = {
    PublicationChannel.INTRANET: Audience.INSIDE,
    PublicationChannel.WEBSITE: Audience.OUTSIDE,
    PublicationChannel.NOTICE_BOARD: Audience.OUTSIDE,
    PublicationChannel.STAFF_LETTER: Audience.INSIDE,
    PublicationChannel.TRAINING: Audience.INSIDE,
    PublicationChannel.MEETING: Audience.INSIDE,
}


@dataclass(frozen=True)
class PlannedPublication:
    channel: str
    audience: str
    planned_on: date
    done_on: date | None


def publication_done(item: PlannedPublication, as_of: date) -> bool:
    """Done when its done date is recorded and not after ``as_of`` (late still counts)."""
    return item.done_on is not None and item.done_on <= as_of


# --- KPI cascade ---------------------------------------------------------------------------


class CascadeTier(StrEnum):
    ORGANISATION = "organisation"
    OFFICE = "office"
    DIVISION = "division"
    PERSON = "person"


CASCADE_TIER_LABELS: dict[CascadeTier, str] = {
    CascadeTier.ORGANISATION: N_("Organisation"),
    CascadeTier.OFFICE: N_("Office"),
    CascadeTier.DIVISION: N_("Division"),
    CascadeTier.PERSON: N_("Person"),
}


class CascadeStatus(StrEnum):
    PLANNED = "planned"
    CASCADED = "cascaded"
    ACKNOWLEDGED = "acknowledged"
    CANCELLED = "cancelled"


CASCADE_STATUS_LABELS: dict[CascadeStatus, str] = {
    CascadeStatus.PLANNED: N_("Planned"),
    CascadeStatus.CASCADED: N_("Cascaded"),
    CascadeStatus.ACKNOWLEDGED: N_("Acknowledged by the recipient"),
    CascadeStatus.CANCELLED: N_("Cancelled"),
}

# Cascaded or acknowledged counts as done; a cancelled row leaves the plan (not counted).
CASCADE_DONE: frozenset[CascadeStatus] = frozenset({CascadeStatus.CASCADED,
                                                    CascadeStatus.ACKNOWLEDGED})


@dataclass(frozen=True)
class CascadeItem:
    tier: str
    status: str
    status_on: date | None


def cascade_done(item: CascadeItem, as_of: date) -> bool:
    return (CascadeStatus(item.status) in CASCADE_DONE and item.status_on is not None
            and item.status_on <= as_of)


def cascade_counts(item: CascadeItem) -> bool:
    return CascadeStatus(item.status) is not CascadeStatus.CANCELLED


def check_tier_target(tier: CascadeTier, office_code: str | None, unit: str | None,
                      user_id: int | None) -> None:
    """Each tier names its recipient: an office, a division (unit) or a named person."""
    if tier is CascadeTier.OFFICE and not office_code:
        raise ValidationError(N_("Name the office the indicator is cascaded to."),
                              field="office_code")
    if tier is CascadeTier.DIVISION and not unit:
        raise ValidationError(N_("Name the division the indicator is cascaded to."),
                              field="unit")
    if tier is CascadeTier.PERSON and user_id is None:
        raise ValidationError(N_("Name the person the indicator is cascaded to."),
                              field="user")
