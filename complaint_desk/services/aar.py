"""The AAR: the supervisor's record for a year (draft, then final) and the printed form.

* ``get_aar`` / ``save_aar`` / ``finalise_aar``: one transaction each, supervisors and
  executives only; every change is in the audit log with the values before and after.
* ``aar_form_data``: the form's content: the record's free text, section 8 from the year's
  operational KPIs (``services.kpi.period_kpis``, the code behind ``complaint-desk kpi``),
  section 10 prefilled from the corrective actions and root causes of the cases resolved in
  the year wherever the supervisor has not written it.
* ``write_aar``: a final AAR is written exactly as it was printed when finalised (the PDF
  bytes kept in the record, checked against their SHA-256); a draft is built afresh.

The year is the calendar year (Gregorian ``year``, shown in BE). An office's database covers
its own cases; a headquarters database (mode ``hq``) covers every office.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from complaint_desk.domain import aar as domain
from complaint_desk.domain.calendar import BE_OFFSET
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, ConcurrentChange, DomainError, NotFound
from complaint_desk.domain.roles import Role
from complaint_desk.i18n import _, language
from complaint_desk.reports.aar_form import AarFormData, IndicatorRow, ReasonRow, build_aar_form
from complaint_desk.services import reports
from complaint_desk.services.access import require_reports, require_role
from complaint_desk.services.kpi import period_kpis
from complaint_desk.services.offices import HOME_OFFICE_KEY, MODE_KEY
from complaint_desk.store import report_queries
from complaint_desk.store.database import Database
from complaint_desk.store.mapping import canonical_json
from complaint_desk.store.models_aar import AarRecordRow
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
Output = str | Path | IO[bytes]
AAR_EDITORS = frozenset({Role.SUPERVISOR, Role.EXECUTIVE})
PREFILL_LIMIT = 6
SEED_INDICATORS = frozenset({"policy_elements", "policy_publication", "kpi_cascade"})

def _scope(uow: UnitOfWork) -> tuple[str, str | None]:
    """(the office the record belongs to, the office whose cases count or None for all)."""
    home = uow.setting(HOME_OFFICE_KEY)
    if home is None:
        raise NotFound(N_("This database has no office yet: run `complaint-desk init` first."))
    return home, None if uow.setting(MODE_KEY) == "hq" else home


def _row(uow: UnitOfWork, office: str, year: int) -> AarRecordRow | None:
    return uow.session.scalars(select(AarRecordRow).where(
        AarRecordRow.office_code == office, AarRecordRow.year == year)).first()


def _record(row: AarRecordRow | None, office: str, year: int) -> domain.AarRecord:
    if row is None:
        return domain.AarRecord(office_code=office, year=year)
    return domain.AarRecord.from_content(office, year, row.status, json.loads(row.content),
                                         row.version)


def get_aar(db: Database, year: int) -> domain.AarRecord:
    """The year's record; an empty draft (version 0) when nobody has written it yet."""
    with UnitOfWork(db, write=False) as uow:
        office, _cases = _scope(uow)
        return _record(_row(uow, office, year), office, year)


def save_aar(db: Database, actor: Actor, year: int, *, texts: dict[str, str] | None = None,
             dates: dict[str, date | None] | None = None,
             participants: tuple[domain.Participant, ...] | None = None,
             reasons: frozenset[domain.AarReason] | None = None,
             expected_version: int | None = None, clock: Clock = reports.now) -> domain.AarRecord:
    """Change the draft (creating it on first save); refused once final."""
    require_role(actor, AAR_EDITORS, N_("edit the AAR"))
    at = clock()
    with UnitOfWork(db) as uow:
        office, _cases = _scope(uow)
        row = _row(uow, office, year)
        before = _record(row, office, year)
        if expected_version is not None and expected_version != before.version:
            raise ConcurrentChange(N_("The AAR of {year} was changed by someone else since you "
                                      "opened it. Reload it and try again."),
                                   year=year + BE_OFFSET)
        after = domain.edit(before, texts=texts, dates=dates, participants=participants,
                            reasons=reasons)
        old, new = before.content(), after.content()
        if row is None:
            row = AarRecordRow(office_code=office, year=year, status=after.status.value,
                               content="", created_at=at, created_by=actor.username, version=0)
            uow.session.add(row)
        row.content = canonical_json(new)
        row.updated_at, row.updated_by = at, actor.username
        row.version = before.version + 1
        uow.audit(actor=actor, at=at, kind="aar_edit",
                  data={"year": year, "changes": _changes(old, new)})
        uow.commit()
        return domain.AarRecord.from_content(office, year, row.status, new, row.version)


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    changed: dict[str, list[Any]] = {}
    for part in ("texts", "dates"):
        for key in sorted(set(old[part]) | set(new[part])):
            if old[part].get(key) != new[part].get(key):
                changed[key] = [old[part].get(key), new[part].get(key)]
    for part in ("participants", "reasons"):
        if old[part] != new[part]:
            changed[part] = [old[part], new[part]]
    return changed


def finalise_aar(db: Database, actor: Actor, year: int, *, clock: Clock = reports.now) -> str:
    """Make the year's AAR final: print it once, keep the PDF and its content; returns the
    PDF's SHA-256. Nothing about the record changes after this."""
    require_role(actor, AAR_EDITORS, N_("finalise the AAR"))
    at = clock()
    with UnitOfWork(db) as uow:
        office, _cases = _scope(uow)
        row = _row(uow, office, year)
        final = domain.finalise(_record(row, office, year))
        assert row is not None  # finalise() refuses a record without a signer
        data = aar_form_data(uow, final)
        buffer = io.BytesIO()
        build_aar_form(data, buffer)
        pdf = buffer.getvalue()
        digest = hashlib.sha256(pdf).hexdigest()
        row.status = final.status.value
        row.final_pdf, row.final_sha256 = pdf, digest
        row.final_content = canonical_json(_frozen(data))
        row.finalised_at, row.finalised_by = at, actor.username
        row.updated_at, row.updated_by = at, actor.username
        row.version += 1
        uow.audit(actor=actor, at=at, kind="aar_finalise",
                  data={"year": year, "sha256": digest, "bytes": len(pdf)})
        uow.commit()
        return digest


def _frozen(data: AarFormData) -> dict[str, Any]:
    import dataclasses

    content = dataclasses.asdict(data)
    content["head"] = dataclasses.asdict(data.head)
    return content


def write_aar(db: Database, actor: Actor, year: int, out: Output, *,
              thai_digits: bool | None = None,
              progress: Callable[[int, int], None] | None = None) -> bool:
    """Write the AAR of ``year``; returns whether it is the kept final print (which keeps
    the digits it was printed with)."""
    require_reports(actor)
    with UnitOfWork(db, write=False) as uow:
        office, _cases = _scope(uow)
        row = _row(uow, office, year)
        record = _record(row, office, year)
        if record.is_final and row is not None and row.final_pdf is not None:
            pdf = row.final_pdf
            if hashlib.sha256(pdf).hexdigest() != row.final_sha256:
                raise DomainError(N_("The kept print of the AAR of {year} does not match its "
                                     "checksum: the database was altered."),
                                  year=year + BE_OFFSET)
        else:
            buffer = io.BytesIO()
            build_aar_form(aar_form_data(uow, record, thai_digits=thai_digits), buffer, progress)
            pdf = buffer.getvalue()
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(pdf)
    else:
        out.write(pdf)
    return record.is_final


# --- the form's content -----------------------------------------------------------------


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{n}. {text}" for n, text in enumerate(items, start=1))


def indicator_rows(db: Database, year: int, cases: str | None) -> list[IndicatorRow]:
    """Section 8: the seed form's three indicators of the complaint-management system
    (policy elements, publication, cascade), then the year's operational KPIs that have a
    target, all from services/indicators.py (the same figures as `kpi --year`)."""
    from complaint_desk.services.indicators import year_indicators

    return [IndicatorRow(_(r.name), r.target_text, r.result_text, r.met)
            for r in year_indicators(db, year, cases)
            if r.code in SEED_INDICATORS or r.target_value is not None]


def _prefill(uow: UnitOfWork, year: int, cases: str | None,
             indicators: list[IndicatorRow], figures: dict[str, Any]) -> dict[str, str]:
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    actions = report_queries.frequent_texts(uow.session, "corrective_action", start, end, cases,
                                            PREFILL_LIMIT)
    causes = report_queries.frequent_texts(uow.session, "root_cause", start, end, cases,
                                           PREFILL_LIMIT)
    cases_text = _("{text} ({count} cases)")
    problems = [_("{indicator}: {result}, the target is {target}").format(
        indicator=row.indicator, result=row.result, target=row.target)
        for row in indicators if row.met is False]
    names = report_queries.category_names(uow.session)
    for code, count in sorted(figures["by_category"].items(), key=lambda kv: -kv[1])[:3]:
        problems.append(_("Most complaints were about {category} ({count} cases)").format(
            category=reports.category_label(code, names), count=f"{count:,}"))
    return {
        "improvements": _numbered([cases_text.format(text=t, count=f"{n:,}")
                                   for t, n in actions]),
        "problems": _numbered(problems),
        "causes": _numbered([cases_text.format(text=t, count=f"{n:,}") for t, n in causes]),
    }


def suggestions(db: Database, year: int) -> dict[str, str]:
    """What section 10 shows when the supervisor leaves it empty (the editor offers it)."""
    with UnitOfWork(db, write=False) as uow:
        _office, cases = _scope(uow)
        figures = period_kpis(db, date(year, 1, 1), date(year + 1, 1, 1), cases)
        return _prefill(uow, year, cases, indicator_rows(db, year, cases), figures)


def aar_form_data(uow: UnitOfWork, record: domain.AarRecord, *,
                  thai_digits: bool | None = None) -> AarFormData:
    from complaint_desk.domain.calendar import format_be_date

    year = record.year
    _office, cases = _scope(uow)
    figures = period_kpis(uow.db, date(year, 1, 1), date(year + 1, 1, 1), cases)
    indicators = indicator_rows(uow.db, year, cases)
    prefill = _prefill(uow, year, cases, indicators, figures)

    def text(key: str) -> str:
        default = domain.DEFAULT_TEXT.get(key)
        return record.text(key) or (_(default) if default else "")

    def day(key: str) -> str:
        found = record.dates.get(key)
        return format_be_date(found, style="long", language=language()) if found else ""

    prefilled = [k for k in domain.PREFILLED_SECTIONS if not record.text(k)]
    notes = []
    if prefilled:
        notes.append(_("Filled from the database where the AAR record is empty: corrective "
                       "actions, root causes and indicators of the cases of {year}.").format(
            year=year + BE_OFFSET))
    head = reports.letterhead(uow, None, thai_digits=thai_digits, printed_on=reports.today())
    return AarFormData(
        head=head, year_be=year + BE_OFFSET, knowledge_title=text("knowledge_title"),
        asset_type=text("asset_type"), recorded_on=day("recorded_on"),
        participants=[(p.name, p.position) for p in record.participants],
        objectives=text("objectives"), process_name=text("process_name"),
        process_purpose=text("process_purpose"),
        improvement_approach=text("improvement_approach"), indicators=indicators,
        improvements=record.text("improvements") or prefill["improvements"],
        problems=record.text("problems") or prefill["problems"],
        causes=record.text("causes") or prefill["causes"],
        reasons=[ReasonRow(_(label), reason in record.reasons)
                 for reason, label in domain.REASON_LABELS.items()],
        reason_other=text("reason_other"), learning_plan=text("learning_plan"),
        signer_name=text("signer_name"), signer_position=text("signer_position"),
        signed_on=day("signed_on"), draft=not record.is_final, notes=notes)
