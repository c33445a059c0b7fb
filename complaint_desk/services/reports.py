"""Printed documents: collect the figures and facts, check who may print, call a builder.

* ``write_monthly_report``: the month's KPIs from ``services.kpi.monthly_kpis`` (the code
  behind ``complaint-desk kpi``), compared with the month before and the same month last
  year, 13 months of received and closed, counts by channel, category and level, open and
  overdue cases by responsible unit. No personal data.
* ``write_ack_letter``: the letter to the complainant; personal data, so only for
  ROLES_SEEING_PERSONAL_DATA, and every print is written to the audit log.
* ``write_case_record``: the whole case and its timeline; the complainant's identity only for
  ROLES_SEEING_PERSONAL_DATA (masked for the others), and a print with it is audited.
The AAR is in ``services/aar.py``. Labels are translated here, in the current language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import select

from complaint_desk.domain import kpi, office
from complaint_desk.domain.calendar import format_be_date, format_be_month
from complaint_desk.domain.complaint import CHANNEL_LABELS, Actor, Channel
from complaint_desk.domain.roles import ROLE_LABELS, Role
from complaint_desk.i18n import N_, _, language
from complaint_desk.reports.monthly_report import (
    ComparisonRow,
    CountRow,
    KpiRow,
    MonthlyReportData,
    Signer,
    UnitOverdueRow,
    build_monthly_report,
)
from complaint_desk.reports.page_furniture import Letterhead
from complaint_desk.services.access import require_reports
from complaint_desk.services.kpi import monthly_kpis, received_and_closed_by_month
from complaint_desk.store import report_queries
from complaint_desk.store.database import Database
from complaint_desk.store.models import User
from complaint_desk.store.unit_of_work import UnitOfWork

Progress = Callable[[int, int], None]
Output = str | Path | IO[bytes]

# Settings (the settings table) that shape printed documents; all optional. The office's own
# (name, address, emblem, signers...) are listed in domain/office.py and set by an admin.
LOGO_SETTING = office.LOGO  # the emblem's image, base64 (PNG/JPEG); none printed if unset
AGENCY_SETTING = "agency_name"
ADDRESS_SETTING = office.ADDRESS  # several lines
PHONE_SETTING = office.PHONE
THAI_DIGITS_SETTING = "report_thai_digits"  # "1": write numbers in Thai digits
LETTER_PREFIX_SETTING = office.LETTER_PREFIX  # e.g. "กคช 1234/" before the case reference
LETTER_SIGNER_SETTING = office.ACK_SIGNER_NAME
LETTER_POSITION_SETTING = office.ACK_SIGNER_POSITION
LETTER_CONTACT_SETTING = office.CONTACT  # several lines: unit, phone, e-mail
REPORT_SETTINGS = (AGENCY_SETTING, THAI_DIGITS_SETTING, *office.OFFICE_LABELS)
AGENCY_DEFAULT = N_("National Housing Authority")

# KPI keys in the report's indicator table, with their decimals.
KPI_ROWS: tuple[tuple[str, int], ...] = (
    ("received", 0), ("acknowledged_on_time_pct", 1), ("closed", 0),
    ("resolved_within_target_pct", 1), ("mean_days_to_close", 2), ("median_days_to_close", 1),
    ("open_at_month_end", 0), ("overdue_at_month_end", 0), ("satisfaction_mean", 2),
    ("satisfied_pct", 1), ("reviewed", 0),
)  # fmt: skip
COMPARED: tuple[tuple[str, int], ...] = (
    ("received", 0), ("closed", 0), ("acknowledged_on_time_pct", 1),
    ("resolved_within_target_pct", 1), ("mean_days_to_close", 2), ("open_at_month_end", 0),
    ("overdue_at_month_end", 0), ("satisfaction_mean", 2),
)  # fmt: skip
TREND_MONTHS = 13  # this month and the twelve before it: the same month last year is the first
REPORT_STEPS = 3  # progress: the trend's counts, the compared months' KPIs, the PDF built


def today() -> date:
    return date.today()


def letterhead(uow: UnitOfWork, office_code: str | None, *, thai_digits: bool | None = None,
               printed_on: date | None = None) -> Letterhead:
    """The issuing office as the settings describe it (the home office when none is given)."""
    values = report_queries.settings(uow.session, (*REPORT_SETTINGS, "home_office"))
    code = office_code or values.get("home_office") or ""
    name = report_queries.office_name(uow.session, code) or code
    if code == values.get("home_office", code):  # the office's own name, as its admin set it
        name = (values.get(office.OFFICE_NAME_EN) if language() == "en" else None) \
            or values.get(office.OFFICE_NAME) or name
    digits = values.get(THAI_DIGITS_SETTING) == "1" if thai_digits is None else thai_digits
    return Letterhead(agency=values.get(AGENCY_SETTING) or _(AGENCY_DEFAULT), office_name=name,
                      office_address=values.get(ADDRESS_SETTING, ""),
                      office_phone=values.get(PHONE_SETTING, ""),
                      office_email=values.get(office.EMAIL, ""),
                      logo=office.decode_logo(values.get(LOGO_SETTING)), printed_on=printed_on,
                      thai_digits=digits)


def channel_label(code: str) -> str:
    try:
        return _(CHANNEL_LABELS[Channel(code)])
    except ValueError:
        return _("Not yet set") if code == kpi.NONE_KEY else code


def category_label(code: str, names: dict[str, tuple[str, str]]) -> str:
    if code == kpi.NONE_KEY:
        return _("Not yet assessed")
    th, en = names.get(code, (code, code))
    return en if language() == "en" else th


def level_label(code: str, names: dict[int, tuple[str, int]]) -> str:
    if code == kpi.NONE_KEY:
        return _("Not yet assigned")
    name, _days = names.get(int(code), (code, 0))
    return _(name)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def signer_of(uow: UnitOfWork, actor: Actor) -> tuple[str, str]:
    """The acting user's name and position (their role when no position is recorded)."""
    position = uow.session.execute(select(User.position).where(User.id == actor.user_id)
                                   ).scalar() if actor.user_id else None
    return actor.display_name or actor.username, position or _(ROLE_LABELS[Role(actor.role)])


def monthly_report_data(db: Database, actor: Actor, year: int, month: int,
                        office_code: str | None = None, *, thai_digits: bool | None = None,
                        progress: Progress | None = None) -> MonthlyReportData:
    """Everything the monthly report prints, for a Gregorian (year, month)."""
    require_reports(actor)
    months = [_shift_month(year, month, k - TREND_MONTHS + 1) for k in range(TREND_MONTHS)]

    counts = received_and_closed_by_month(db, year, month, TREND_MONTHS, office_code)
    if progress:
        progress(1, REPORT_STEPS)
    # the month, the one before and the same month last year: each compared, in full
    figures, previous, last_year = (monthly_kpis(db, y, m, office_code)
                                    for y, m in (months[-1], months[-2], months[0]))
    if progress:
        progress(2, REPORT_STEPS)
    _start, end = _month_range(year, month)
    with UnitOfWork(db, write=False) as uow:
        head = letterhead(uow, office_code, thai_digits=thai_digits, printed_on=today())
        categories = report_queries.category_names(uow.session)
        levels = report_queries.level_names(uow.session)
        by_unit = report_queries.open_and_overdue_by_unit(uow.session, end, office_code)
        signer_name, signer_position = signer_of(uow, actor)
        signer_name = uow.setting(office.REPORT_SIGNER_NAME) or signer_name
        signer_position = uow.setting(office.REPORT_SIGNER_POSITION) or signer_position
        whole_hq = uow.setting("mode") == "hq"
    kpis = []
    for key, decimals in KPI_ROWS:
        target = kpi.DEFAULT_TARGETS.get(key)
        kpis.append(KpiRow(_(kpi.KPI_LABELS[key]), figures[key], decimals,
                           target[0] if target else None, target[1] if target else True,
                           kpi.target_met(key, figures[key])))
    compared = [ComparisonRow(_(kpi.KPI_LABELS[key]),
                              (figures[key], previous[key], last_year[key]), decimals)
                for key, decimals in COMPARED]

    def short(y: int, m: int) -> str:
        return format_be_month(y, m, long=False, language=language())

    return MonthlyReportData(
        head=head, month_label=format_be_month(year, month, language=language()),
        scope_label=head.office_name if office_code or not whole_hq else _("All offices"),
        kpis=kpis, comparison_columns=(short(year, month), short(*months[-2]), short(*months[0])),
        comparison=compared,
        trend_labels=[short(y, m).replace(" ", "\n") for y, m in months],
        trend_received=[r for r, _c in counts], trend_closed=[c for _r, c in counts],
        by_channel=[CountRow(channel_label(k), v) for k, v in _largest(figures["by_channel"])],
        by_category=[CountRow(category_label(k, categories), v)
                     for k, v in _largest(figures["by_category"])],
        by_level=[CountRow(level_label(k, levels), v) for k, v in figures["by_level"].items()],
        overdue_by_unit=[UnitOverdueRow(unit or _("Not yet assigned"), n, late)
                         for unit, n, late in by_unit],
        signers=[Signer(signer_name, signer_position, _("Prepared by")),
                 Signer("." * 40, "." * 44, _("Report approved by"))],
    )


def _largest(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _month_range(year: int, month: int) -> tuple[date, date]:
    from complaint_desk.domain.calendar import month_bounds

    return month_bounds(year, month)


def write_monthly_report(db: Database, actor: Actor, year: int, month: int, out: Output,
                         office_code: str | None = None, *, thai_digits: bool | None = None,
                         progress: Progress | None = None) -> None:
    data = monthly_report_data(db, actor, year, month, office_code, thai_digits=thai_digits,
                               progress=progress)

    def built(step: int, total: int) -> None:
        if progress and step == total:
            progress(REPORT_STEPS, REPORT_STEPS)

    build_monthly_report(data, out, built)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def moment_text(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        from complaint_desk.domain.calendar import format_be_datetime

        return format_be_datetime(moment, language=language())
    return format_be_date(moment, style="long", language=language())
