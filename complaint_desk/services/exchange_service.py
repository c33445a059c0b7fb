"""The exchange as objects bound to a database and a user: what the dialogs receive.

The GUI's export and import dialogs take a ``PackageExchange`` in their constructor (the main
window makes it; tests make it over temporary databases), so they never open a database or
know who is signed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from complaint_desk.domain.case_list import CaseFilter
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.roles import ROLES_EXPORTING_PERSONAL_DATA, Role
from complaint_desk.exchange.progress import Progress
from complaint_desk.services import list_export, package_export, package_import, register_import
from complaint_desk.services.complaints import now
from complaint_desk.services.list_export import NO_FILTERS, ListFilters
from complaint_desk.services.package_export import ExportResult
from complaint_desk.services.package_import import ImportReport
from complaint_desk.services.register_import import RegisterReport
from complaint_desk.store.database import Database


@dataclass
class PackageExchange:
    db: Database
    actor: Actor

    @property
    def may_include_personal(self) -> bool:
        return Role(self.actor.role) in ROLES_EXPORTING_PERSONAL_DATA

    def export(self, out: Path, *, since: date | None = None, full: bool = False,
               include_personal: bool = False,
               progress: Progress | None = None) -> ExportResult:
        return package_export.export_package(self.db, self.actor, out, since=since, full=full,
                                             include_personal=include_personal,
                                             progress=progress)

    def import_one(self, path: Path, progress: Progress | None = None) -> ImportReport:
        return package_import.import_package(self.db, self.actor, path, progress=progress)


@dataclass
class SpreadsheetExchange:
    """The list out to XLSX / CSV and older registers in: what the spreadsheet dialogs get."""

    db: Database
    actor: Actor
    clock: Callable[[], datetime] = now  # the window's: its queues' "today"

    @property
    def may_include_personal(self) -> bool:
        return Role(self.actor.role) in ROLES_EXPORTING_PERSONAL_DATA

    def export_list(self, out: Path, *, kind: str, filters: ListFilters | CaseFilter = NO_FILTERS,
                    include_personal: bool = False, progress: Progress | None = None) -> int:
        return list_export.export_list(self.db, self.actor, out, kind=kind, filters=filters,
                                       include_personal=include_personal, progress=progress,
                                       clock=self.clock)

    def import_register(self, path: Path, mapping: Path, *, good_rows_only: bool = False,
                        dry_run: bool = False,
                        progress: Progress | None = None) -> RegisterReport:
        return register_import.import_register(self.db, self.actor, path, mapping,
                                               good_rows_only=good_rows_only, dry_run=dry_run,
                                               progress=progress)
