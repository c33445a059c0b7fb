"""Receipt (การรับข้อร้องเรียน): the checks on a new complaint, and building it.

Thai national ID: 13 digits, the last a check digit (mod 11). Phone: Thai numbers of 9 or 10
digits starting with 0 (or +66). E-mail: one @, a dot in the domain, no spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from complaint_desk.domain.complaint import Channel, Complaint, Status
from complaint_desk.domain.errors import N_, ValidationError

_DIGITS = re.compile(r"\D")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def national_id_is_valid(value: str) -> bool:
    digits = _DIGITS.sub("", value)
    if len(digits) != 13:
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def normalise_national_id(value: str) -> str:
    return _DIGITS.sub("", value)


def normalise_phone(value: str) -> str:
    digits = _DIGITS.sub("", value)
    if value.strip().startswith("+66"):
        digits = "0" + digits[2:]
    return digits


def phone_is_valid(value: str) -> bool:
    digits = normalise_phone(value)
    return digits.startswith("0") and len(digits) in (9, 10)


def email_is_valid(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


@dataclass
class Intake:
    """What the officer types in at receipt. Strings may be empty; ``validate`` says what is wrong."""

    channel: str
    received_at: datetime
    subject: str
    description: str
    complainant_anonymous: bool = False
    complainant_name: str = ""
    complainant_national_id: str = ""
    complainant_phone: str = ""
    complainant_email: str = ""
    complainant_address: str = ""
    project: str = ""
    building: str = ""
    unit: str = ""
    request: str = ""
    category_code: str = ""
    about_staff: bool = False

    def errors(self, now: datetime) -> list[ValidationError]:
        """Every problem at once, each naming its field, so a form can mark them all."""
        found: list[ValidationError] = []

        def bad(field: str, message: str, **params: object) -> None:
            found.append(ValidationError(message, field=field, **params))

        try:
            Channel(self.channel)
        except ValueError:
            bad("channel", N_("Unknown channel: {value}"), value=self.channel)
        if self.received_at > now:
            bad("received_at", N_("The date received cannot be in the future."))
        if not self.subject.strip():
            bad("subject", N_("Subject is required."))
        if not self.description.strip():
            bad("description", N_("Describe what happened."))
        if not self.complainant_anonymous and not self.complainant_name.strip():
            bad("complainant_name",
                N_("Give the complainant's name, or mark the complaint as anonymous."))
        if self.complainant_national_id.strip() and not national_id_is_valid(
                self.complainant_national_id):
            bad("complainant_national_id",
                N_("National ID must be 13 digits with a valid check digit."))
        if self.complainant_phone.strip() and not phone_is_valid(self.complainant_phone):
            bad("complainant_phone", N_("Phone number must be 9 or 10 digits starting with 0."))
        if self.complainant_email.strip() and not email_is_valid(self.complainant_email):
            bad("complainant_email", N_("Not a valid e-mail address."))
        return found

    def validate(self, now: datetime) -> None:
        errors = self.errors(now)
        if errors:
            raise errors[0]

    def to_complaint(self, *, uuid: str, reference: str, office_code: str) -> Complaint:
        def opt(value: str) -> str | None:
            return value.strip() or None

        anonymous = self.complainant_anonymous
        return Complaint(
            uuid=uuid, reference=reference, office_code=office_code,
            channel=Channel(self.channel), received_at=self.received_at.replace(microsecond=0),
            subject=self.subject.strip(), description=self.description.strip(),
            status=Status.RECEIVED, complainant_anonymous=anonymous,
            complainant_name=None if anonymous else opt(self.complainant_name),
            complainant_national_id=(None if anonymous or not self.complainant_national_id.strip()
                                     else normalise_national_id(self.complainant_national_id)),
            # An anonymous complainant may still leave a phone or e-mail for the reply.
            complainant_phone=(normalise_phone(self.complainant_phone)
                               if self.complainant_phone.strip() else None),
            complainant_email=opt(self.complainant_email),
            complainant_address=None if anonymous else opt(self.complainant_address),
            project=opt(self.project), building=opt(self.building), unit=opt(self.unit),
            request=opt(self.request), category_code=opt(self.category_code),
            about_staff=self.about_staff,
        )
