"""The exchange commands of ``complaint-desk`` (kept apart from cli.py, which registers them):

    package export --out FILE [--since DATE | --full] [--include-personal]
    package import FILE... [--report FILE]
    package offices                               (headquarters: offices, last package)
    package key --out FILE                        (this office's public key, for HQ)
    package trust --office CODE --key FILE        (register an office's or HQ's key)
    package acknowledge --office CODE --out FILE  (headquarters: what it holds of an office)
    package take-ack FILE                         (office: take HQ's acknowledgement in)
    package sent                                  (office: what it sent, acknowledged or not)
    export xlsx|list-csv --out FILE [filters] [--include-personal]
    import FILE --mapping FILE [--good-rows-only] [--check|--dry-run] [--report FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from complaint_desk.domain.calendar import format_be_datetime, parse_date
from complaint_desk.exchange.import_report import report_lines
from complaint_desk.i18n import N_, _, error_text

EXIT_PROBLEMS = 1


def add_commands(command: Callable[[str, str], argparse.ArgumentParser],
                 export_sub: Any, common: argparse.ArgumentParser) -> None:
    p = command("package", _("signed packages between offices and headquarters"))
    sub = p.add_subparsers(dest="package_command", metavar="ACTION", required=True)
    a = sub.add_parser("export", parents=[common], help=_("write this office's package"))
    a.add_argument("--out", required=True)
    since = a.add_mutually_exclusive_group()
    since.add_argument("--since", help=_("every event from this day on"))
    since.add_argument("--full", action="store_true", help=_("every event"))
    a.add_argument("--include-personal", action="store_true")
    a = sub.add_parser("import", parents=[common], help=_("import packages (headquarters)"))
    a.add_argument("files", nargs="+")
    a.add_argument("--report", help=_("also save the import report (JSON)"))
    sub.add_parser("offices", parents=[common], help=_("offices and their last package"))
    a = sub.add_parser("key", parents=[common], help=_("write this office's public key"))
    a.add_argument("--out", required=True)
    a = sub.add_parser("trust", parents=[common], help=_("register an office's public key"))
    a.add_argument("--office", required=True)
    a.add_argument("--key", required=True)
    a = sub.add_parser("acknowledge", parents=[common],
                       help=_("headquarters: acknowledge an office's packages"))
    a.add_argument("--office", required=True)
    a.add_argument("--out", required=True)
    a = sub.add_parser("take-ack", parents=[common], help=_("office: take in an acknowledgement"))
    a.add_argument("file")
    sub.add_parser("sent", parents=[common], help=_("office: the packages it sent"))

    for name, help_text in (
            ("xlsx", N_("the list as an Excel workbook (Thai headings, BE dates)")),
            ("list-csv", N_("the list as CSV for people (Thai headings, BE dates)"))):
        e = export_sub.add_parser(name, parents=[common], help=_(help_text))
        e.add_argument("--out", required=True)
        e.add_argument("--status", action="append", default=[])
        e.add_argument("--level", action="append", type=int, default=[])
        e.add_argument("--category", action="append", default=[])
        e.add_argument("--channel", action="append", default=[])
        e.add_argument("--office", action="append", default=[])
        e.add_argument("--from", dest="start")
        e.add_argument("--to", dest="end")
        e.add_argument("--include-personal", action="store_true")

    p = command("import", _("import complaints from an older register (CSV or XLSX)"))
    p.add_argument("file")
    p.add_argument("--mapping", required=True, help=_("the column mapping (JSON)"))
    p.add_argument("--good-rows-only", action="store_true",
                   help=_("import the good rows even when some rows are bad"))
    p.add_argument("--check", "--dry-run", dest="check", action="store_true",
                   help=_("only check; import nothing"))
    p.add_argument("--report", help=_("save the validation report (CSV)"))


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def cmd_package(args: argparse.Namespace, database: Callable[..., Any],
                actor: Callable[[Any, argparse.Namespace], Any]) -> int:
    from complaint_desk.services import acknowledgements, exchange_keys, package_import
    from complaint_desk.services.package_export import export_package

    db = database(args)
    action = args.package_command
    if action == "export":
        result = export_package(db, actor(db, args), Path(args.out),
                                since=parse_date(args.since) if args.since else None,
                                full=args.full, include_personal=args.include_personal)
        _print(_("Wrote package {path}: {complaints} complaints, {events} events.").format(
            path=args.out, complaints=result.complaints, events=result.events))
    elif action == "import":
        reports = []
        for file in args.files:
            report = package_import.import_package(db, actor(db, args), Path(file))
            reports.append(report.as_dict())
            for line in report_lines(report.as_dict()):
                _print(line)
        if args.report:
            Path(args.report).write_text(json.dumps(reports, ensure_ascii=False, indent=2,
                                                    default=str) + "\n", encoding="utf-8")
    elif action == "offices":
        for row in package_import.offices_with_last_package(db):
            _print("\t".join([row["office"], row["name"], str(row["cases"]),
                              str(row["packages"]),
                              format_be_datetime(row["last_package_at"]) or "-"]))
    elif action == "key":
        fingerprint = exchange_keys.export_public_key(db, Path(args.out))
        _print(_("Wrote the public key to {path}; its fingerprint is {fingerprint}.").format(
            path=args.out, fingerprint=fingerprint))
    elif action == "trust":
        fingerprint = exchange_keys.trust_office(db, actor(db, args), args.office,
                                                 Path(args.key))
        _print(_("Registered the key of office {office}; confirm its fingerprint with the "
                 "office: {fingerprint}").format(office=args.office.upper(),
                                                 fingerprint=fingerprint))
    elif action == "acknowledge":
        count = acknowledgements.write_acknowledgement(db, actor(db, args), args.office,
                                                       Path(args.out))
        _print(_("Acknowledged {count} packages of office {office} in {path}.").format(
            count=count, office=args.office.upper(), path=args.out))
    elif action == "take-ack":
        count = acknowledgements.apply_acknowledgement(db, actor(db, args), Path(args.file))
        _print(_("{count} packages are now acknowledged by headquarters.").format(count=count))
    else:
        for row in acknowledgements.sent_packages(db):
            _print("\t".join([format_be_datetime(row["created_at"]), row["kind"],
                              str(row["complaints"]), str(row["events"]), row["file"],
                              format_be_datetime(row["acknowledged_at"]) or "-"]))
    return 0


def cmd_export_list(args: argparse.Namespace, database: Callable[..., Any],
                    actor: Callable[[Any, argparse.Namespace], Any]) -> int:
    from complaint_desk.services.list_export import ListFilters, export_list

    db = database(args)
    filters = ListFilters(statuses=tuple(args.status), levels=tuple(args.level),
                          categories=tuple(args.category), channels=tuple(args.channel),
                          offices=tuple(o.upper() for o in args.office),
                          received_from=parse_date(args.start) if args.start else None,
                          received_to=parse_date(args.end) if args.end else None)
    count = export_list(db, actor(db, args), Path(args.out),
                        kind="xlsx" if args.export_format == "xlsx" else "csv",
                        filters=filters, include_personal=args.include_personal)
    _print(_("Exported {count} complaints to {path}.").format(count=count, path=args.out))
    return 0


def cmd_import(args: argparse.Namespace, database: Callable[..., Any],
               actor: Callable[[Any, argparse.Namespace], Any]) -> int:
    from complaint_desk.services.register_import import import_register

    db = database(args)
    report = import_register(db, actor(db, args), Path(args.file), Path(args.mapping),
                             good_rows_only=args.good_rows_only, dry_run=args.check)
    rows = [(p.row, _(p.label), error_text_of(p.message, p.params)) for p in report.problems]
    for row, label, reason in rows:
        sys.stderr.write(_("Row {row}, {field}: {problem}").format(
            row=row, field=label, problem=reason) + "\n")
    if args.report:
        with open(args.report, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow([_("Row"), _("Field"), _("Problem")])
            writer.writerows(rows)
    _print(_("{rows} rows read: {good} good, {bad} with problems; {imported} complaints "
             "imported.").format(rows=report.rows, good=report.good, bad=report.bad_rows,
                                 imported=report.imported))
    if report.problems and not report.imported and not args.check:
        _print(_("Nothing was imported: correct the rows above, or import only the good rows "
                 "(--good-rows-only)."))
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if report.problems and args.check else 0


def error_text_of(message: str, params: dict[str, Any]) -> str:
    from complaint_desk.domain.errors import DomainError

    return error_text(DomainError(message, **params))
