"""Importing complaints from an older register (CSV or XLSX) through a column mapping.

Every row goes through the same receipt checks as a complaint typed at the counter
(domain/intake.py). The validation report lists every bad row with the field and the reason;
nothing is imported while any row is bad, unless the user chooses to import only the good
rows. The import is one transaction; each case gets its reference number and a record event
that says which file and row it came from (and its number in the old register).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from complaint_desk.domain import workflow
from complaint_desk.domain.calendar import parse_date
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, DomainError, NotFound, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.domain.roles import Role
from complaint_desk.domain.workflow import Action
from complaint_desk.exchange.progress import Progress, tick
from complaint_desk.exchange.register_files import (
    FIELDS,
    STEP_DATES,
    read_mapping,
    read_register,
)
from complaint_desk.services.access import require_role
from complaint_desk.services.complaints import insert_complaint, now
from complaint_desk.services.offices import HOME_OFFICE_KEY
from complaint_desk.store.database import Database
from complaint_desk.store.models import Category
from complaint_desk.store.unit_of_work import UnitOfWork

_TRUE = {"1", "true", "yes", "y", "x", "✓", "ใช่", "จริง", "ไม่ระบุชื่อ"}
_FALSE = {"", "0", "false", "no", "n", "ไม่", "ไม่ใช่", "เท็จ"}
_TIME = re.compile(r"^(.*\S)\s+(\d{1,2})[:.](\d{2})(?::\d{2})?$")


@dataclass
class RowProblem:
    row: int
    field: str
    label: str  # message id of the field's name
    message: str
    params: dict[str, Any]


@dataclass
class RegisterReport:
    file: str
    rows: int = 0
    good: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    imported: int = 0
    references: list[str] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


def parse_moment(text: str) -> datetime:
    """``2567-08-15``, ``15/08/2567 14:30``, ``15 ส.ค. 2567 9.05``: a day, maybe a time."""
    text = text.strip().replace("T", " ")
    match = _TIME.match(text)
    if match:
        hour, minute = int(match[2]), int(match[3])
        if hour > 23 or minute > 59:
            raise ValidationError(N_("Not a valid date: {value}"), value=text)
        return datetime.combine(parse_date(match[1]), time(hour, minute))
    return datetime.combine(parse_date(text), time())


def _flag(text: str, name: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValidationError(N_("Expected yes or no: {value}"), field=name, value=text)


def _intake(values: dict[str, str], categories: set[str], at: datetime) -> tuple[
        Intake | None, list[DomainError]]:
    problems: list[DomainError] = []
    received = at
    try:
        received = parse_moment(values.get("received_at", ""))
    except ValidationError as error:
        error.field = "received_at"
        problems.append(error)
    steps: dict[str, datetime] = {}
    for name in STEP_DATES:
        if not values.get(name, "").strip():
            continue
        try:
            steps[name] = parse_moment(values[name])
        except ValidationError as error:
            error.field = name
            problems.append(error)
            continue
        if not problems and steps[name] < received:
            problems.append(ValidationError(
                N_("Closed before it was received: closed {value}, received {received}"),
                field=name, value=values[name], received=values.get("received_at", "")))
    flags: dict[str, bool] = {}
    for name in ("complainant_anonymous", "about_staff"):
        try:
            flags[name] = _flag(values.get(name, ""), name)
        except ValidationError as error:
            problems.append(error)
            flags[name] = False
    text = {k: v for k, v in values.items()
            if k not in ("received_at", *STEP_DATES, *flags)}
    intake = Intake(channel=text.pop("channel", ""), received_at=received,
                    subject=text.pop("subject", ""), description=text.pop("description", ""))
    filled: dict[str, Any] = {**flags, **text}  # the other fields the mapping filled
    intake = dataclasses.replace(intake, **filled)
    problems += intake.errors(at)
    if intake.category_code and intake.category_code not in categories:
        problems.append(ValidationError(N_("Unknown category: {value}"), field="category_code",
                                        value=intake.category_code))
    return (None if problems else intake), problems


def import_register(db: Database, actor: Actor, path: Path, mapping_path: Path, *,
                    good_rows_only: bool = False, dry_run: bool = False, clock: Any = now,
                    progress: Progress | None = None) -> RegisterReport:
    """Check every row; import when clean (or only the good rows, if asked). ``dry_run``
    only checks."""
    if Role(actor.role) is not Role.ADMIN and not workflow.role_may(Action.RECORD, actor.role):
        require_role(actor, {Role.ADMIN}, N_("import a register"))
    at = clock()
    mapping = read_mapping(mapping_path)
    report = RegisterReport(Path(path).name)
    with UnitOfWork(db) as uow:
        office = uow.setting(HOME_OFFICE_KEY)
        if office is None:
            raise NotFound(N_("This database has no office yet: run `complaint-desk init` "
                              "first."))
        categories = set(uow.session.scalars(select(Category.code)))
        good: list[tuple[int, Intake, str]] = []
        for number, values, legacy in read_register(Path(path), mapping):
            report.rows += 1
            intake, problems = _intake(values, categories, at)
            for error in problems:
                name = error.field or ""
                report.problems.append(RowProblem(number, name, FIELDS.get(name, name),
                                                  error.message, error.params))
            if intake is not None:
                good.append((number, intake, legacy))
        report.good = len(good)
        if dry_run or (report.problems and not good_rows_only):
            return report
        calendar = uow.calendar()
        for done, (number, intake, legacy) in enumerate(good, start=1):
            extra: dict[str, Any] = {"source": "register", "file": report.file, "row": number}
            if legacy:
                extra["legacy_reference"] = legacy
            report.references.append(insert_complaint(uow, actor, intake, office=office, at=at,
                                                      extra=extra, calendar=calendar))
            if done % 200 == 0:
                tick(progress, done, len(good))
        report.imported = len(good)
        uow.audit(actor=actor, at=at, kind="import_register",
                  data={"file": report.file, "rows": report.rows, "imported": report.imported,
                        "bad_rows": report.bad_rows})
        uow.commit()
    return report
