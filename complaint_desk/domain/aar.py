"""The AAR record (แบบฟอร์มการพัฒนาปรับปรุงและบันทึกความรู้หลังการปฏิบัติงาน): what the
supervisor writes for a year, and the rules for changing it.

The form's sections follow the customer's seed document, in its order (1-8, 10-12 and the
signature block; the seed has no section 9). Sections 8 and 10 are prefilled from the
database by the services; the rest is free text kept here. A record is a draft until it is
finalised; a final record never changes (the printed form is kept with it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from complaint_desk.domain.errors import N_, TransitionError, ValidationError


class AarStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


# Free-text fields, in the form's order. Keys are stable (database, CLI --section).
TEXT_SECTIONS: dict[str, str] = {
    "knowledge_title": N_("1. Knowledge title"),
    "asset_type": N_("2. Knowledge asset type"),
    "objectives": N_("5. Objectives"),
    "process_name": N_("6. Process name (before improvement)"),
    "process_purpose": N_("6. Purpose of the process"),
    "improvement_approach": N_("7. Improvement approach"),
    "improvements": N_("10. Improvements"),
    "problems": N_("10. Problems and obstacles"),
    "causes": N_("10. Causes of the problems"),
    "reason_other": N_("11. Other reason (please specify)"),
    "learning_plan": N_("12. Learning plan for next year"),
    "signer_name": N_("Signed by: name"),
    "signer_position": N_("Signed by: position"),
}
DATE_FIELDS: dict[str, str] = {
    "recorded_on": N_("3. Date recorded"),
    "signed_on": N_("Date signed"),
}
PARTICIPANTS = "participants"
REASONS = "reasons"
# Section 10: when the supervisor leaves one empty, the form shows what the database suggests.
PREFILLED_SECTIONS: tuple[str, ...] = ("improvements", "problems", "causes")


class AarReason(StrEnum):
    """Section 11: why the process is being improved (a checklist)."""

    ASSESSOR = "assessor"
    STANDARDS = "standards"
    EFFICIENCY = "efficiency"
    LAW = "law"
    POLICY = "policy"
    GOOD_PRACTICE = "good_practice"
    OTHER = "other"


REASON_LABELS: dict[AarReason, str] = {
    AarReason.ASSESSOR: N_("Recommendations of the assessors"),
    AarReason.STANDARDS: N_("The Enablers criteria, or an accepted standard or framework "
                            "(e.g. ISO 10002)"),
    AarReason.EFFICIENCY: N_("A more efficient process, e.g. digital technology, fewer "
                             "complicated steps, less time, lower cost, less waste, and better "
                             "quality or standards of work"),
    AarReason.LAW: N_("Changes in the process's environment, e.g. laws, regulations, rules, "
                      "orders, announcements"),
    AarReason.POLICY: N_("Government policy, the rules and recommendations of the regulators, "
                         "the policy and recommendations of the Authority's board and of the "
                         "executives"),
    AarReason.GOOD_PRACTICE: N_("Good practice of leading or benchmark organisations"),
    AarReason.OTHER: N_("Other (please specify), e.g. recommendations from customers"),
}

MAX_TEXT = 20_000
MAX_PARTICIPANTS = 30

# The seed's own wording for the two sections that name the subject (sections 1 and 2, 6).
DEFAULT_TEXT: dict[str, str] = {
    "knowledge_title": N_("The process of reviewing the complaint-handling policy and "
                          "procedures"),
    "asset_type": N_("Customer focus, customer relationship management"),
    "process_name": N_("The process of reviewing the complaint-handling policy and "
                       "procedures"),
    "process_purpose": N_("To meet the Enablers criteria on customer focus, the topic of "
                          "complaint management"),
}


@dataclass(frozen=True)
class Participant:
    name: str
    position: str


@dataclass(frozen=True)
class AarRecord:
    """One year's AAR of one office. ``year`` is Gregorian; texts are as the supervisor wrote."""

    office_code: str
    year: int
    status: AarStatus = AarStatus.DRAFT
    texts: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)
    participants: tuple[Participant, ...] = ()
    reasons: frozenset[AarReason] = frozenset()
    version: int = 0

    @property
    def is_final(self) -> bool:
        return self.status is AarStatus.FINAL

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def content(self) -> dict[str, Any]:
        """The record as JSON-ready data (what the database keeps)."""
        return {
            "texts": dict(sorted(self.texts.items())),
            "dates": {k: v.isoformat() for k, v in sorted(self.dates.items())},
            "participants": [[p.name, p.position] for p in self.participants],
            "reasons": sorted(r.value for r in self.reasons),
        }

    @classmethod
    def from_content(cls, office_code: str, year: int, status: str, content: dict[str, Any],
                     version: int) -> AarRecord:
        return cls(office_code=office_code, year=year, status=AarStatus(status),
                   texts=dict(content.get("texts", {})),
                   dates={k: date.fromisoformat(v) for k, v in content.get("dates", {}).items()},
                   participants=tuple(Participant(n, p) for n, p in
                                      content.get("participants", [])),
                   reasons=frozenset(AarReason(r) for r in content.get("reasons", [])),
                   version=version)


def parse_participants(text: str) -> tuple[Participant, ...]:
    """One participant a line, ``name | position`` (the position may be left out)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _bar, position = line.partition("|")
        if not name.strip():
            raise ValidationError(N_("Participant on line {line}: the name is missing."),
                                  field=PARTICIPANTS, line=number)
        found.append(Participant(" ".join(name.split()), " ".join(position.split())))
    if len(found) > MAX_PARTICIPANTS:
        raise ValidationError(N_("At most {max} participants."), field=PARTICIPANTS,
                              max=MAX_PARTICIPANTS)
    return tuple(found)


def parse_reasons(codes: list[str] | tuple[str, ...]) -> frozenset[AarReason]:
    found = set()
    for code in codes:
        code = code.strip()
        if not code:
            continue
        try:
            found.add(AarReason(code))
        except ValueError:
            raise ValidationError(N_("Unknown reason for improving: {value}"), field=REASONS,
                                  value=code) from None
    return frozenset(found)


def section_label(key: str) -> str:
    if key in TEXT_SECTIONS:
        return TEXT_SECTIONS[key]
    if key in DATE_FIELDS:
        return DATE_FIELDS[key]
    raise ValidationError(N_("Unknown AAR section: {value}"), field="section", value=key)


def edit(record: AarRecord, *, texts: dict[str, str] | None = None,
         dates: dict[str, date | None] | None = None,
         participants: tuple[Participant, ...] | None = None,
         reasons: frozenset[AarReason] | None = None) -> AarRecord:
    """The record with these changes; refused once final. Empty text removes a section's
    text (the form then shows the default or the database's suggestion)."""
    if record.is_final:
        raise TransitionError(N_("The AAR of {year} is final and cannot be changed."),
                              year=record.year + 543)
    new_texts = dict(record.texts)
    for key, value in (texts or {}).items():
        if key not in TEXT_SECTIONS:
            raise ValidationError(N_("Unknown AAR section: {value}"), field="section", value=key)
        value = value.strip()
        if len(value) > MAX_TEXT:
            raise ValidationError(N_("{field_label} is longer than {max} characters."),
                                  field=key, field_label=TEXT_SECTIONS[key], max=MAX_TEXT)
        if value:
            new_texts[key] = value
        else:
            new_texts.pop(key, None)
    new_dates = dict(record.dates)
    for key, day in (dates or {}).items():
        if key not in DATE_FIELDS:
            raise ValidationError(N_("Unknown AAR section: {value}"), field="section", value=key)
        if day is None:
            new_dates.pop(key, None)
        else:
            new_dates[key] = day
    return dataclasses.replace(
        record, texts=new_texts, dates=new_dates,
        participants=record.participants if participants is None else participants,
        reasons=record.reasons if reasons is None else reasons)


def finalise(record: AarRecord) -> AarRecord:
    """Final: a signer and at least one participant are required; then nothing changes."""
    if record.is_final:
        raise TransitionError(N_("The AAR of {year} is already final."), year=record.year + 543)
    if not record.text("signer_name"):
        raise ValidationError(N_("{field_label} is required."), field="signer_name",
                              field_label=TEXT_SECTIONS["signer_name"])
    if not record.participants:
        raise ValidationError(N_("Name at least one participant before finalising."),
                              field=PARTICIPANTS)
    return dataclasses.replace(record, status=AarStatus.FINAL)
