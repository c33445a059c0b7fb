"""The exchange as one object bound to a database and a user: what the dialogs receive.

The GUI's export and import dialogs take a ``PackageExchange`` in their constructor (the main
window makes it; tests make it over temporary databases), so they never open a database or
know who is signed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.roles import ROLES_EXPORTING_PERSONAL_DATA, Role
from complaint_desk.exchange.progress import Progress
from complaint_desk.services import package_export, package_import
from complaint_desk.services.package_export import ExportResult
from complaint_desk.services.package_import import ImportReport
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
