"""``complaint-desk``: every use case from the command line, for scripts and for the office.

Bad input (a wrong date, an unknown office, an illegal step) prints one line in the user's
language and exits with status 2, having changed nothing. Messages go through the catalogs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from complaint_desk import __version__
from complaint_desk.bootstrap import default_database_path, open_app_database
from complaint_desk.cli_trust import (
    TRUST_HANDLERS,
    add_trust_commands,
    add_user_commands,
    admin_password_for_init,
    cmd_users_extra,
    new_password,
    refuse_demo_into_real_records,
    signed_in_actor,
)
from complaint_desk.domain.calendar import (
    WorkingCalendar,
    format_be_date,
    parse_date,
    parse_month,
)
from complaint_desk.domain.errors import DomainError
from complaint_desk.i18n import N_, _, error_text, language_from_env, ngettext, set_language

EXIT_BAD_INPUT = 2
EXIT_PROBLEMS = 1


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help=_("database file (default: the user's data directory)"))
    common.add_argument("--user", default=argparse.SUPPRESS,
                        help=_("act as this user (default: $COMPLAINT_DESK_USER or admin)"))
    common.add_argument("--lang", default=argparse.SUPPRESS, choices=("th", "en"),
                        help=_("the language of messages (default: $COMPLAINT_DESK_LANG, else Thai)"))

    parser = argparse.ArgumentParser(prog="complaint-desk", parents=[common],
                                     description=_("Complaint Desk: ISO 10002 complaint handling."))
    parser.add_argument("--version", action="version", version=f"complaint-desk {__version__}",
                        help=_("show the program's version and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_text, description=help_text)

    p = command("init", _("create an office's database"))
    p.add_argument("--office", required=True, help=_("office code, e.g. BKK1"))
    p.add_argument("--office-name", required=True)
    p.add_argument("--admin", default="admin", help=_("administrator's username"))
    p.add_argument("--admin-password-env", metavar="VAR",
                   help=_("read the administrator's password from this variable "
                        "(default: $COMPLAINT_DESK_PASSWORD, else a prompt)"))
    p.add_argument("--hq", action="store_true", help=_("a headquarters database"))

    p = command("demo", _("fill the database with fictitious demo complaints"))
    p.add_argument("--complaints", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--office", help=_("add the cases to this office"))
    group.add_argument("--offices", type=int, help=_("spread the cases over K offices (HQ style)"))
    p.add_argument("--today", help=_("the day the data ends (default: today)"))

    p = command("due-date", _("add working days to a date (weekends and holidays skipped)"))
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--working-days", type=int, required=True)

    p = command("kpi", _("monthly KPIs (docs/kpi.md), or the year's indicators (docs/analysis.md)"))
    period = p.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", help=_("e.g. 2567-08"))
    period.add_argument("--year", help=_("e.g. 2567: the seed indicators and the year's KPIs"))
    p.add_argument("--office")
    p.add_argument("--format", choices=("json", "table"), default="table")

    p = command("export", _("export records"))
    export_sub = p.add_subparsers(dest="export_format", metavar="FORMAT", required=True)
    e = export_sub.add_parser("csv", parents=[common], help=_("one row per complaint (docs/csv.md)"))
    e.add_argument("--out", required=True)
    e.add_argument("--from", dest="start")
    e.add_argument("--to", dest="end")
    e.add_argument("--office")
    e.add_argument("--include-personal", action="store_true")

    command("check", _("check the database: integrity, consistency, the event hash chain"))

    p = command("holidays", _("the holiday table"))
    hol = p.add_subparsers(dest="holiday_command", metavar="ACTION", required=True)
    h = hol.add_parser("list", parents=[common], help=_("the holidays of a year"))
    h.add_argument("--year")
    h = hol.add_parser("add", parents=[common], help=_("add a holiday"))
    h.add_argument("date")
    h.add_argument("name")
    h = hol.add_parser("remove", parents=[common], help=_("remove a holiday"))
    h.add_argument("date")
    h = hol.add_parser("generate", parents=[common],
                       help=_("rewrite resources/holidays/th.csv from the holidays package"))
    h.add_argument("--out")

    p = command("levels", _("the handling levels and their targets in working days"))
    lv = p.add_subparsers(dest="levels_command", metavar="ACTION", required=True)
    lv.add_parser("list", parents=[common], help=_("the levels: number, target, name"))
    h = lv.add_parser("set-target", parents=[common], help=_(
        "change a level's target (cases assigned later take it; earlier ones keep theirs)"))
    h.add_argument("level", type=int)
    h.add_argument("days", type=int)

    p = command("users", _("user accounts"))
    us = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    us.add_parser("list", parents=[common], help=_("the user accounts"))
    u = us.add_parser("add", parents=[common], help=_("add a user account"))
    u.add_argument("--username", required=True)
    u.add_argument("--name", required=True)
    u.add_argument("--role", required=True)
    u.add_argument("--password-env", metavar="VAR", help=_("the first password (else none)"))
    add_user_commands(us, common)

    _workflow_commands(command)
    _report_commands(command, common)
    add_trust_commands(command, common)
    _selfcheck_commands(command)
    _exchange_commands(command, export_sub, common)
    _engine_commands(command)
    return parser


def _selfcheck_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    command("selfcheck", _("check that every file the program needs is present "
                         "(fonts, catalogs, migrations, holidays, seed data, icons, Qt)"))


def _exchange_commands(command: Callable[[str, str], argparse.ArgumentParser], export_sub: Any,
                       common: argparse.ArgumentParser) -> None:
    from complaint_desk import cli_exchange

    cli_exchange.add_commands(command, export_sub, common)


def _engine_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("migrate", _("copy a whole database to another engine (SQLite to PostgreSQL)"))
    p.add_argument("--from", dest="source", required=True, metavar="URL",
                   help=_("the database to copy: a file or sqlite:///office.db"))
    p.add_argument("--to", dest="target", required=True, metavar="URL",
                   help=_("a new, empty database: postgresql://user@host/name"))


def _workflow_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("record", _("record a new complaint"))
    p.add_argument("--channel", required=True)
    p.add_argument("--subject", required=True)
    p.add_argument("--description", required=True)
    p.add_argument("--received", help=_("date and time received (default: now)"))
    p.add_argument("--anonymous", action="store_true")
    for name in ("name", "national-id", "phone", "email", "address"):
        p.add_argument(f"--{name}", default="")
    for name in ("project", "building", "unit", "request", "category"):
        p.add_argument(f"--{name}", default="")
    p.add_argument("--about-staff", action="store_true")

    def ref(name: str, help_text: str) -> argparse.ArgumentParser:
        q = command(name, help_text)
        q.add_argument("--ref", required=True, help=_("the case reference, e.g. BKK1-2568-00042"))
        q.add_argument("--expected-version", type=int)
        return q

    ref("acknowledge", _("acknowledge receipt to the complainant"))
    p = ref("assess", _("initial assessment: accept or not"))
    p.add_argument("--not-accepted", dest="reason",
                   choices=("out_of_scope", "duplicate", "insufficient_information"))
    p.add_argument("--category")
    p.add_argument("--severity", choices=("low", "medium", "high", "critical"))
    p.add_argument("--significant", action="store_true")
    p.add_argument("--duplicate-of")
    p.add_argument("--note")
    p = ref("assign-level", _("set the handling level and who is responsible"))
    p.add_argument("--level", type=int, required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--person")
    p.add_argument("--due", help=_("override the due date"))
    p = ref("note", _("add an investigation note"))
    p.add_argument("--text", required=True)
    p = ref("respond", _("the decision, its reasons and the redress"))
    p.add_argument("--decision", required=True)
    p.add_argument("--reasons", required=True)
    p.add_argument("--redress")
    p.add_argument("--communicated")
    p = ref("close", _("close the case"))
    accepts = p.add_mutually_exclusive_group(required=True)
    accepts.add_argument("--accepted", action="store_true")
    accepts.add_argument("--not-accepted", action="store_true")
    p.add_argument("--satisfaction", type=int)
    p.add_argument("--root-cause")
    p.add_argument("--corrective-action")
    p = ref("review", _("reopen for an internal or external review"))
    p.add_argument("--route", choices=("internal", "external"), required=True)
    p.add_argument("--body")
    p = ref("withdraw", _("the complainant withdraws"))
    p.add_argument("--note")
    ref("show", _("print a case and its timeline as JSON (identity masked; see reveal)"))


def _report_commands(command: Callable[[str, str], argparse.ArgumentParser],
                     common: argparse.ArgumentParser) -> None:
    p = command("report", _("print a document to PDF (monthly, aar, letter, case)"))
    kinds = p.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    r = kinds.add_parser("monthly", parents=[common], help=_("the monthly KPI report"))
    r.add_argument("--month", required=True, help=_("e.g. 2567-08"))
    r.add_argument("--office")
    r = kinds.add_parser("aar", parents=[common], help=_("the AAR form of a year"))
    r.add_argument("--year", required=True, help=_("e.g. 2567"))
    for kind, text in (("letter", N_("the acknowledgement letter")),
                       ("case", N_("the case record"))):
        r = kinds.add_parser(kind, parents=[common], help=_(text))
        r.add_argument("--ref", required=True)
    for r in kinds.choices.values():
        r.add_argument("--out", required=True, help=_("the PDF file to write"))
        digits = r.add_mutually_exclusive_group()
        digits.add_argument("--thai-digits", dest="thai_digits", action="store_true",
                            default=None, help=_("numbers in Thai digits"))
        digits.add_argument("--arabic-digits", dest="thai_digits", action="store_false")

    p = command("aar", _("the AAR record of a year: show, set a section, finalise"))
    actions = p.add_subparsers(dest="aar_command", metavar="ACTION", required=True)
    a = actions.add_parser("show", parents=[common], help=_("print the AAR record"))
    a.add_argument("--year", required=True)
    a = actions.add_parser("set", parents=[common], help=_("set one section's text"))
    a.add_argument("--year", required=True)
    a.add_argument("--section", required=True,
                   help=_("a text section (objectives, learning_plan...), a date (recorded_on, "
                        "signed_on), participants (lines of 'name | position') or reasons "
                        "(codes separated by commas)"))
    a.add_argument("--text", required=True, help=_("the text; '-' reads it from standard input"))
    a = actions.add_parser("finalise", parents=[common], help=_("make the AAR final (kept as "
                                                               "printed)"))
    a.add_argument("--year", required=True)


def cmd_report(args: argparse.Namespace) -> int:
    from complaint_desk.domain.calendar import parse_year
    from complaint_desk.services import aar, case_documents, reports

    db = _database(args)
    actor = _actor(db, args)
    out = Path(args.out)
    if args.report_kind == "monthly":
        year, month = parse_month(args.month)
        reports.write_monthly_report(db, actor, year, month, out,
                                     args.office.upper() if args.office else None,
                                     thai_digits=args.thai_digits)
    elif args.report_kind == "aar":
        aar.write_aar(db, actor, parse_year(args.year), out, thai_digits=args.thai_digits)
    elif args.report_kind == "letter":
        case_documents.write_ack_letter(db, actor, args.ref, out, thai_digits=args.thai_digits)
    else:
        case_documents.write_case_record(db, actor, args.ref, out, thai_digits=args.thai_digits)
    _print(_("Wrote {path}.").format(path=out))
    return 0


def cmd_aar(args: argparse.Namespace) -> int:
    from complaint_desk.domain import aar as rules
    from complaint_desk.domain.calendar import parse_year
    from complaint_desk.services import aar

    db = _database(args)
    year = parse_year(args.year)
    if args.aar_command == "show":
        record = aar.get_aar(db, year)
        _print(json.dumps({"year": year + 543, "status": record.status.value,
                           "version": record.version, **record.content()},
                          ensure_ascii=False, indent=2))
        return 0
    actor = _actor(db, args)
    if args.aar_command == "finalise":
        digest = aar.finalise_aar(db, actor, year)
        _print(_("The AAR of {year} is final (SHA-256 {digest}).").format(year=year + 543,
                                                                           digest=digest))
        return 0
    text = sys.stdin.read() if args.text == "-" else args.text.replace("\\n", "\n")
    section = args.section
    if section == rules.PARTICIPANTS:
        aar.save_aar(db, actor, year, participants=rules.parse_participants(text))
    elif section == rules.REASONS:
        aar.save_aar(db, actor, year, reasons=rules.parse_reasons(text.split(",")))
    elif section in rules.DATE_FIELDS:
        aar.save_aar(db, actor, year, dates={section: parse_date(text) if text.strip()
                                             else None})
    else:
        rules.section_label(section)  # names an unknown section
        aar.save_aar(db, actor, year, texts={section: text})
    return 0


# --- handlers -------------------------------------------------------------------------------


def _database(args: argparse.Namespace, *, must_exist: bool = True) -> Any:
    target = getattr(args, "db", None) or os.environ.get("COMPLAINT_DESK_DB") or \
        default_database_path()
    return open_app_database(target, create=not must_exist)


def _actor(db: Any, args: argparse.Namespace) -> Any:
    """The signed-in user (password from $COMPLAINT_DESK_PASSWORD or a prompt)."""
    return signed_in_actor(db, args)


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def cmd_init(args: argparse.Namespace) -> int:
    from complaint_desk.services.offices import init_office

    password = admin_password_for_init(args.admin_password_env)
    db = _database(args, must_exist=False)
    init_office(db, code=args.office, name=args.office_name, admin_username=args.admin,
                hq=args.hq, admin_password=password)
    _print(_("Created the database of office {office} at {path}.").format(
        office=args.office.upper(), path=db.path or db.url))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from complaint_desk.services.demo import generate_demo

    db = _database(args)
    refuse_demo_into_real_records(db, _actor(db, args))
    today = parse_date(args.today) if args.today else None
    started = time.perf_counter()
    count = generate_demo(db, args.complaints, seed=args.seed, offices=args.offices,
                          office_code=args.office.upper() if args.office else None, today=today,
                          writer_process=True)
    from complaint_desk.services.demo_policy import generate_policy_demo

    generate_policy_demo(db, today=today)
    _print(_("Added {count} demo complaints in {seconds:.1f} s.").format(
        count=count, seconds=time.perf_counter() - started))
    return 0


def cmd_due_date(args: argparse.Namespace) -> int:
    from complaint_desk.domain.errors import N_, ValidationError
    from complaint_desk.services.holidays import read_csv

    start = parse_date(args.start)
    if args.working_days < 0:
        raise ValidationError(N_("The number of working days cannot be negative."),
                              field="working_days")
    if getattr(args, "db", None) or os.environ.get("COMPLAINT_DESK_DB"):
        from complaint_desk.store.unit_of_work import UnitOfWork

        with UnitOfWork(_database(args), write=False) as uow:
            calendar = uow.calendar()
    else:
        calendar = WorkingCalendar(day for day, _name in read_csv())
    due = calendar.add_working_days(start, args.working_days)
    _print(f"{due.isoformat()}\t{format_be_date(due, style='long')}")
    return 0


def cmd_kpi(args: argparse.Namespace) -> int:
    from complaint_desk.services.access import require_reports
    from complaint_desk.services.kpi import monthly_kpis

    db = _database(args)
    require_reports(_actor(db, args))
    if args.year:
        return _year_indicators(db, args)
    year, month = parse_month(args.month)
    figures = monthly_kpis(db, year, month, args.office.upper() if args.office else None)
    if args.format == "json":
        _print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        _print(_kpi_table(figures))
    return 0


def _year_indicators(db: Any, args: argparse.Namespace) -> int:
    from complaint_desk.domain.calendar import BE_OFFSET, parse_year
    from complaint_desk.services.indicators import year_indicators

    year = parse_year(args.year)
    office = args.office.upper() if args.office else None
    rows = year_indicators(db, year, office)
    if args.format == "json":
        _print(json.dumps({"year": str(year + BE_OFFSET), "office": office, "indicators": [
            {"code": r.code, "name": _(r.name), "target_text": r.target_text,
             "target_value": r.target_value, "result_text": r.result_text,
             "result_value": r.result_value, "met": r.met} for r in rows]},
            ensure_ascii=False, indent=2))
    else:
        marks = {True: "✓", False: "✗", None: "-"}
        _print("\n".join(f"{_(r.name)}\t{r.target_text}\t{r.result_text}\t{marks[r.met]}"
                         for r in rows))
    return 0


def _kpi_table(figures: dict[str, Any]) -> str:
    from complaint_desk.domain.kpi import KPI_LABELS

    lines = []
    for key, label in KPI_LABELS.items():
        value = figures[key]
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "-"
        lines.append(f"{_(label)}\t{'-' if value is None else value}")
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    from complaint_desk.services.export import export_csv

    if args.export_format != "csv":
        from complaint_desk.cli_exchange import cmd_export_list

        return cmd_export_list(args, _database, _actor)
    db = _database(args)
    count = export_csv(db, _actor(db, args), Path(args.out),
                       received_from=parse_date(args.start) if args.start else None,
                       received_to=parse_date(args.end) if args.end else None,
                       include_personal=args.include_personal,
                       office_code=args.office.upper() if args.office else None)
    _print(_("Exported {count} complaints to {path}.").format(count=count, path=args.out))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from complaint_desk.services.check import run_check

    report = run_check(_database(args))
    _print(_("Checked {complaints} complaints and {events} events.").format(
        complaints=report.complaints, events=report.events))
    for problem in report.problems:
        params = {k: _(v) if isinstance(v, str) else v for k, v in problem.params.items()}
        _print("✗ " + _(problem.message).format(**params))
    if report.ok:
        _print(_("No problems found."))
        return 0
    return EXIT_PROBLEMS


def cmd_holidays(args: argparse.Namespace) -> int:
    from complaint_desk.domain.calendar import parse_year
    from complaint_desk.services import holidays

    if args.holiday_command == "generate":
        from complaint_desk.resources_path import resource_path

        out = Path(args.out) if args.out else resource_path(*holidays.SHIPPED_FILE)
        rows = holidays.official_holidays()
        holidays.write_csv(rows, out)
        _print(_("Wrote {count} holidays to {path}.").format(count=len(rows), path=out))
        return 0
    db = _database(args)
    if args.holiday_command == "list":
        year = parse_year(args.year) if args.year else None
        for day, name, source in holidays.list_holidays(db, year):
            _print(f"{day.isoformat()}\t{format_be_date(day, style='long')}\t{name}\t{source}")
    elif args.holiday_command == "add":
        holidays.add_holiday(db, _actor(db, args), parse_date(args.date), args.name)
    else:
        holidays.remove_holiday(db, _actor(db, args), parse_date(args.date))
    return 0


def cmd_levels(args: argparse.Namespace) -> int:
    from complaint_desk.services import reference_data

    db = _database(args)
    actor = _actor(db, args)
    if args.levels_command == "set-target":
        reference_data.change_level_target(db, actor, args.level, args.days)
    for row in reference_data.list_levels(db, actor):
        _print(f"{row.number}\t{row.target_working_days}\t{_(row.name)}")
    return 0


def cmd_users(args: argparse.Namespace) -> int:

    from complaint_desk.services import accounts

    db = _database(args)
    if args.users_command == "list":
        for account in accounts.list_accounts(db, _actor(db, args)):
            state = "active" if account.active else "disabled"
            _print(f"{account.username}\t{account.role}\t{state}\t{account.display_name}")
        return 0
    if args.users_command != "add":
        return cmd_users_extra(db, args)
    password = new_password(args.password_env, "password") if args.password_env else None
    accounts.create_account(db, _actor(db, args), username=args.username,
                            display_name=args.name, role=args.role, password=password)
    return 0


def cmd_workflow(args: argparse.Namespace) -> int:
    from complaint_desk.domain.intake import Intake
    from complaint_desk.services import complaints as svc

    db = _database(args)
    actor = _actor(db, args)
    version = getattr(args, "expected_version", None)
    command = args.command
    if command == "record":
        received = _parse_moment(args.received) if args.received else svc.now()
        intake = Intake(channel=args.channel, received_at=received, subject=args.subject,
                        description=args.description, complainant_anonymous=args.anonymous,
                        complainant_name=args.name, complainant_national_id=args.national_id,
                        complainant_phone=args.phone, complainant_email=args.email,
                        complainant_address=args.address, project=args.project,
                        building=args.building, unit=args.unit, request=args.request,
                        category_code=args.category, about_staff=args.about_staff)
        _print(svc.record_complaint(db, actor, intake))
        return 0
    if command == "show":
        return _show(db, actor, args.ref)
    if command == "acknowledge":
        svc.acknowledge(db, actor, args.ref, expected_version=version)
    elif command == "assess":
        svc.assess(db, actor, args.ref, accepted=args.reason is None,
                   category_code=args.category, severity=args.severity,
                   significant=args.significant, not_accepted_reason=args.reason,
                   note=args.note, duplicate_of=args.duplicate_of, expected_version=version)
    elif command == "assign-level":
        svc.assign_level(db, actor, args.ref, level=args.level, responsible_unit=args.unit,
                         responsible_person=args.person,
                         due_on=parse_date(args.due) if args.due else None,
                         expected_version=version)
    elif command == "note":
        svc.add_note(db, actor, args.ref, args.text)
    elif command == "respond":
        svc.respond(db, actor, args.ref, decision=args.decision, reasons=args.reasons,
                    redress=args.redress,
                    communicated_on=parse_date(args.communicated) if args.communicated else None,
                    expected_version=version)
    elif command == "close":
        svc.close_complaint(db, actor, args.ref, complainant_accepts=bool(args.accepted),
                            satisfaction=args.satisfaction, root_cause=args.root_cause,
                            corrective_action=args.corrective_action, expected_version=version)
    elif command == "review":
        svc.start_review(db, actor, args.ref, route=args.route, body=args.body,
                         expected_version=version)
    elif command == "withdraw":
        svc.withdraw(db, actor, args.ref, note=args.note, expected_version=version)
    complaint = svc.get_complaint(db, args.ref)
    _print(f"{complaint.reference}\t{complaint.status.value}")
    return 0


def _parse_moment(text: str) -> datetime:
    text = text.strip()
    if " " in text and ":" in text:
        day_text, _sep, clock = text.rpartition(" ")
        hour, minute = clock.split(":")[:2]
        return datetime.combine(parse_date(day_text), datetime.min.time()).replace(
            hour=int(hour), minute=int(minute))
    return datetime.combine(parse_date(text), datetime.min.time())


def _show(db: Any, actor: Any, reference: str) -> int:
    """The case as the actor may see it: personal data masked (``reveal`` shows it)."""
    from complaint_desk.services.privacy import case_view
    from complaint_desk.store.mapping import json_value, row_values

    complaint, timeline = case_view(db, actor, reference)
    data = {k: json_value(v) for k, v in row_values(complaint).items()}
    data["timeline"] = [{**e, "at": json_value(e["at"])} for e in timeline]
    _print(json.dumps(data, ensure_ascii=False, indent=2))
    return 0


def cmd_selfcheck(args: argparse.Namespace) -> int:
    from complaint_desk.about import NAME_TH, version
    from complaint_desk.resources_path import bundle_root
    from complaint_desk.services.selfcheck import run_selfcheck

    _print(f"{NAME_TH} {version()}: {bundle_root()}")
    results = run_selfcheck()
    for result in results:
        _print(("✓ " if result.ok else "✗ ") + _(result.name))
        for problem in result.problems:
            _print("    " + _(problem.message).format(**problem.params))
    failed = [_(r.name) for r in results if not r.ok]
    if failed:
        _print(_("Missing or broken: {names}").format(names=", ".join(failed)))
        return EXIT_PROBLEMS
    _print(_("Every file the program needs is present."))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from complaint_desk.services.migrate import migrate_database, shown_url
    from complaint_desk.store.database import open_database

    source = open_app_database(args.source, create=False)
    try:
        actor = signed_in_actor(source, args)
        target = open_database(args.target)
        try:
            result = migrate_database(source, target, actor)
        finally:
            target.dispose()
    finally:
        source.dispose()
    _print(_("Copied {rows} rows in {tables} tables to {target}; {events} events verify to the "
             "same last hash.").format(rows=sum(result.rows.values()), tables=len(result.rows),
                                       target=shown_url(args.target),
                                       events=result.events_verified))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init, "demo": cmd_demo, "due-date": cmd_due_date, "kpi": cmd_kpi,
    "export": cmd_export, "check": cmd_check, "holidays": cmd_holidays, "users": cmd_users,
    "levels": cmd_levels,
    "report": cmd_report, "aar": cmd_aar, "migrate": cmd_migrate,
    **TRUST_HANDLERS,
    "selfcheck": cmd_selfcheck,
    "package": lambda args: _exchange_handler("cmd_package", args),
    "import": lambda args: _exchange_handler("cmd_import", args),
}


def _exchange_handler(name: str, args: argparse.Namespace) -> int:
    from complaint_desk import cli_exchange

    handler: Callable[..., int] = getattr(cli_exchange, name)
    return handler(args, _database, _actor)



# argparse's own words (usage, errors, headings), looked up through our catalogs by
# _localise_argparse: listed here so that `make extract` puts them in the catalogs.
ARGPARSE_TEXTS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"), N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)


def _localise_argparse() -> None:
    """argparse calls ``gettext.gettext`` by the module-level names ``_`` and ``ngettext``; point
    them at our catalogs so usage, headings and parse errors are in the user's language too."""
    argparse._ = lambda text: _(text) if isinstance(text, str) else text  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _language_asked(argv: Sequence[str]) -> str | None:
    """The ``--lang`` on the command line, read before parsing so the help is in it."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_asked(words) or language_from_env())
    _localise_argparse()
    parser = _parser()
    args = parser.parse_args(words)
    if not args.command:
        parser.print_help()
        return 0
    handler = HANDLERS.get(args.command, cmd_workflow)
    try:
        return handler(args)
    except DomainError as error:
        sys.stderr.write(error_text(error) + "\n")
        return EXIT_BAD_INPUT
    except OSError as error:
        sys.stderr.write(_("Cannot use the file: {error}").format(error=error) + "\n")
        return EXIT_BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
