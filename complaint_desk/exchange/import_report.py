"""An import report (services/package_import.ImportReport.as_dict) as lines a clerk reads, in
the current language: shown by the GUI dialog, printed by the CLI, saved as text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from complaint_desk.domain.calendar import format_be_datetime
from complaint_desk.i18n import _, language


def report_lines(report: dict[str, Any]) -> list[str]:
    lang = language()
    made = format_be_datetime(datetime.fromisoformat(report["created_at"]), language=lang)
    lines = [_("Package {file} from office {office}, made {date}:").format(
        file=report["file"], office=report["office"], date=made)]
    if report["already_imported"]:
        lines.append("  " + _("already imported: nothing was changed."))
        return lines
    lines.append("  " + _("complaints: {new} new, {updated} updated, {unchanged} unchanged")
                 .format(**report["complaints"]))
    lines.append("  " + _("events: {new} new, {known} already here").format(**report["events"]))
    if report["personal_data"]:
        lines.append("  " + _("The package includes personal data."))
    if report["conflict_count"]:
        lines.append("  " + _("{count} cases were changed at more than one office "
                              "(both histories kept):").format(count=report["conflict_count"]))
        for conflict in report["conflicts"]:
            lines.append("    " + _("{reference}: offices {offices}; shown as at office "
                                    "{office}").format(reference=conflict["reference"],
                                                       offices=", ".join(conflict["offices"]),
                                                       office=conflict["state_office"]))
    for warning in report["warnings"]:
        message: str = warning["message"]  # a message id (babel must not read the key as one)
        lines.append("  ! " + _(message).format(**warning["params"]))
    return lines
