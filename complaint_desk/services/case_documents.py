"""The two documents about one case: the acknowledgement letter and the case record sheet.

They are the only documents with personal data (PDPA): the letter only for the roles in
ROLES_SEEING_PERSONAL_DATA; the record sheet masks the complainant for the other roles. A
print that shows personal data is written to the audit log in the same transaction that
writes the file, so a failed write leaves no audit entry and an audit entry means a file.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from complaint_desk.domain.complaint import (
    CHANNEL_LABELS,
    CLOSURE_LABELS,
    NOT_ACCEPTED_LABELS,
    PERSONAL_FIELDS,
    REVIEW_ROUTE_LABELS,
    SEVERITY_LABELS,
    Actor,
    Channel,
    Closure,
    Complaint,
    NotAcceptedReason,
    ReviewRoute,
    Severity,
)
from complaint_desk.domain.complaint import FIELD_LABELS as CASE_FIELD_LABELS
from complaint_desk.domain.errors import N_, PermissionDenied
from complaint_desk.domain.roles import ROLES_SEEING_PERSONAL_DATA, Role
from complaint_desk.domain.workflow import ACTION_LABELS, Action, status_label
from complaint_desk.i18n import _
from complaint_desk.reports.ack_letter import AckLetterData, build_ack_letter
from complaint_desk.reports.case_record import (
    CaseRecordData,
    RecordSection,
    TimelineRow,
    build_case_record,
)
from complaint_desk.services import reports
from complaint_desk.services.access import require_reports
from complaint_desk.store import queries, report_queries
from complaint_desk.store.database import Database
from complaint_desk.store.unit_of_work import UnitOfWork

Output = str | Path | IO[bytes]
MASKED = N_("(withheld: personal data)")

# The printed record keeps the screens' field names (domain FIELD_LABELS) but says more where a
# paper form needs it, and lists the fields in the order the sheet reads.
PRINTED_WORDING: dict[str, str] = {
    "request": N_("What the complainant asks for"), "complainant_name": N_("Name"),
    "notice_due_on": N_("Legal notice due (15 days)"), "significant": N_("Significant complaint"),
    "not_accepted_reason": N_("Not accepted because"), "level": N_("Handling level"),
    "closure": N_("Outcome"), "review_outcome": N_("Outcome of the review"),
}
PRINTED_ORDER: tuple[str, ...] = (
    "reference", "office_code", "channel", "received_at", "subject", "description", "request",
    "project", "building", "unit", "complainant_anonymous", "complainant_name",
    "complainant_national_id", "complainant_phone", "complainant_email", "complainant_address",
    "ack_due_on", "acknowledged_at", "notice_due_on", "assessed_at", "category_code", "severity",
    "significant", "about_staff", "not_accepted_reason", "not_accepted_note", "duplicate_of",
    "level", "responsible_unit", "responsible_person", "due_on", "decision", "reasons", "redress",
    "responded_at", "communicated_on", "closed_at", "closure", "complainant_accepts",
    "satisfaction", "root_cause", "corrective_action", "review_count", "review_route",
    "review_body", "reviewed_at", "review_outcome", "status",
)
FIELD_LABELS: dict[str, str] = {name: PRINTED_WORDING.get(name, CASE_FIELD_LABELS[name])
                                for name in PRINTED_ORDER}
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Receipt"), ("channel", "received_at", "subject", "description", "request", "project",
                     "building", "unit")),
    (N_("Complainant"), ("complainant_anonymous", *PERSONAL_FIELDS)),
    (N_("Acknowledgement and assessment"), (
        "ack_due_on", "acknowledged_at", "notice_due_on", "assessed_at", "category_code",
        "severity", "significant", "about_staff", "not_accepted_reason", "not_accepted_note",
        "duplicate_of")),
    (N_("Handling"), ("level", "responsible_unit", "responsible_person", "due_on")),
    (N_("Response with reasons"), ("decision", "reasons", "redress", "responded_at",
                                   "communicated_on")),
    (N_("Closing"), ("closed_at", "closure", "complainant_accepts", "satisfaction",
                     "root_cause", "corrective_action")),
    (N_("Review"), ("review_count", "review_route", "review_body", "reviewed_at",
                    "review_outcome")),
)
_ENUM_LABELS: dict[str, tuple[type[Any], dict[Any, str]]] = {
    "channel": (Channel, CHANNEL_LABELS), "closure": (Closure, CLOSURE_LABELS),
    "severity": (Severity, SEVERITY_LABELS), "review_route": (ReviewRoute, REVIEW_ROUTE_LABELS),
    "not_accepted_reason": (NotAcceptedReason, NOT_ACCEPTED_LABELS),
}


def may_see_personal_data(actor: Actor) -> bool:
    return Role(actor.role) in ROLES_SEEING_PERSONAL_DATA


class _Formatter:
    """A field's value as the paper shows it (BE dates, labels), personal data masked."""

    def __init__(self, uow: UnitOfWork, personal: bool) -> None:
        self.personal = personal
        self.categories = report_queries.category_names(uow.session)
        self.levels = report_queries.level_names(uow.session)

    def __call__(self, name: str, value: Any) -> str:
        if name in PERSONAL_FIELDS and not self.personal and value not in (None, ""):
            return _(MASKED)
        if value is None or value == "":
            return "-"
        if isinstance(value, str) and name.endswith(("_at", "_on")) and len(value) >= 10:
            value = (datetime.fromisoformat(value) if len(value) > 10
                     else date.fromisoformat(value))
        if isinstance(value, (datetime, date)):
            return reports.moment_text(value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if name in _ENUM_LABELS:
            kind, labels = _ENUM_LABELS[name]
            try:
                return _(labels[kind(value)])
            except ValueError:
                return str(value)
        if name == "category_code":
            return reports.category_label(str(value), self.categories)
        if name == "level":
            return reports.level_label(str(value), self.levels)
        return str(value)


def _timeline(uow: UnitOfWork, row_id: int, fmt: _Formatter) -> list[TimelineRow]:
    rows = []
    for event in reversed(queries.timeline(uow.session, row_id)):  # oldest first on paper
        data = json.loads(event["data"])
        changes: dict[str, list[Any]] = data.get("changes", {})
        try:
            action = _(ACTION_LABELS[Action(event["kind"])])
        except ValueError:
            action = event["kind"]
        if event["kind"] == Action.RECORD.value:
            shown = ["subject", "channel"]
        else:
            shown = [k for k in FIELD_LABELS if k in changes and k not in ("status",)]
        details = [f"{_(FIELD_LABELS[k])}: {fmt(k, changes[k][1])}" for k in shown
                   if k in changes]
        if data.get("note"):
            details.insert(0, str(data["note"]))
        rows.append(TimelineRow(reports.moment_text(event["at"]), event["actor"], action,
                                "\n".join(details)))
    return rows


def case_record_data(uow: UnitOfWork, actor: Actor, reference: str, *,
                     thai_digits: bool | None = None) -> tuple[CaseRecordData, int]:
    row, complaint = uow.get(reference)
    fmt = _Formatter(uow, may_see_personal_data(actor))
    sections = []
    for title, names in SECTIONS:
        fields = [(_(FIELD_LABELS[n]), fmt(n, getattr(complaint, n))) for n in names
                  if getattr(complaint, n) not in (None, "") or n in ("subject", "channel")]
        if fields:
            sections.append(RecordSection(_(title), fields))
    head = reports.letterhead(uow, complaint.office_code, thai_digits=thai_digits,
                              printed_on=reports.today())
    data = CaseRecordData(head=head, reference=complaint.reference,
                          status=_(status_label(complaint)), sections=sections,
                          timeline=_timeline(uow, row.id, fmt),
                          personal_data_shown=fmt.personal)
    return data, row.id


def _write(build: Callable[[Any, Any], None], data: Any, out: Output) -> None:
    """Build in memory first: a layout error never leaves half a file behind."""
    buffer = io.BytesIO()
    build(data, buffer)
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(buffer.getvalue())
    else:
        out.write(buffer.getvalue())


def write_case_record(db: Database, actor: Actor, reference: str, out: Output, *,
                      thai_digits: bool | None = None) -> bool:
    """Print the record sheet; returns whether it shows personal data (then audited)."""
    require_reports(actor)
    with UnitOfWork(db) as uow:
        data, row_id = case_record_data(uow, actor, reference, thai_digits=thai_digits)
        _write(build_case_record, data, out)
        if data.personal_data_shown:
            uow.audit(actor=actor, at=reports.now(), kind="print_case_record",
                      complaint_id=row_id, data={"reference": data.reference,
                                                 "file": _name(out)})
        uow.commit()
    return data.personal_data_shown


def _name(out: Output) -> str:
    return str(out) if isinstance(out, (str, Path)) else getattr(out, "name", "<stream>")


def ack_letter_data(uow: UnitOfWork, actor: Actor, complaint: Complaint, *,
                    thai_digits: bool | None = None) -> AckLetterData:
    values = report_queries.settings(uow.session, reports.REPORT_SETTINGS)
    head = reports.letterhead(uow, complaint.office_code, thai_digits=thai_digits,
                              printed_on=reports.today())
    levels = report_queries.level_names(uow.session)
    route = ""
    if complaint.level is not None and complaint.responsible_unit:
        route = _("{unit} (handling {level})").format(
            unit=complaint.responsible_unit, level=reports.level_label(str(complaint.level),
                                                                       levels))
    expected = complaint.due_on or complaint.notice_due_on
    prefix = values.get(reports.LETTER_PREFIX_SETTING, "").strip()
    signer_name, signer_position = reports.signer_of(uow, actor)
    contact = values.get(reports.LETTER_CONTACT_SETTING, "").splitlines() or [
        head.office_name, *([_("Tel. {phone}").format(phone=head.office_phone)]
                            if head.office_phone else []),
        *([_("E-mail {email}").format(email=head.office_email)] if head.office_email else [])]
    anonymous = complaint.complainant_anonymous or not complaint.complainant_name
    return AckLetterData(
        head=head, letter_number=letter_number(prefix, complaint.reference),
        date_text=reports.moment_text(reports.today()),
        addressee=_("The complainant") if anonymous else str(complaint.complainant_name),
        reference=complaint.reference, subject=complaint.subject,
        channel=_(CHANNEL_LABELS[complaint.channel]),
        received_text=reports.moment_text(complaint.received_at.date()), route=route,
        expected_text=reports.moment_text(expected),
        signer_name=values.get(reports.LETTER_SIGNER_SETTING) or signer_name,
        signer_position=values.get(reports.LETTER_POSITION_SETTING) or signer_position,
        contact_lines=[line for line in contact if line.strip()])


def letter_number(prefix: str, reference: str) -> str:
    """The prefix then the case reference: "กคช 1234/KKN1-2567-00001" (no space after a
    slash), "กคช 1234 KKN1-2567-00001" otherwise."""
    if not prefix:
        return reference
    return f"{prefix}{reference}" if prefix.endswith("/") else f"{prefix} {reference}"


def write_ack_letter(db: Database, actor: Actor, reference: str, out: Output, *,
                     thai_digits: bool | None = None) -> None:
    """Print the acknowledgement letter (personal data: allowed roles only; audited)."""
    if not may_see_personal_data(actor):
        raise PermissionDenied(N_("Your role ({role}) may not {action}."), role=actor.role,
                               action=N_("print a letter with personal data"))
    with UnitOfWork(db) as uow:
        row, complaint = uow.get(reference)
        _write(build_ack_letter, ack_letter_data(uow, actor, complaint, thai_digits=thai_digits),
               out)
        uow.audit(actor=actor, at=reports.now(), kind="print_ack_letter", complaint_id=row.id,
                  data={"reference": complaint.reference, "file": _name(out)})
        uow.commit()

