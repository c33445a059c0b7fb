"""Editors for the publication plan, the KPI cascade, root causes and corrective actions.
Each takes the database and the acting user; the services check the role and audit."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_
from complaint_desk.domain.improvement import ACTION_STATUS_LABELS
from complaint_desk.domain.indicators import INDICATORS
from complaint_desk.domain.policy import (
    AUDIENCE_LABELS,
    CASCADE_STATUS_LABELS,
    CASCADE_TIER_LABELS,
    PUBLICATION_CHANNEL_LABELS,
)
from complaint_desk.gui.policy.record_form import FieldSpec, RecordTableWidget, date_text
from complaint_desk.i18n import _
from complaint_desk.services import improvement, indicators, policy
from complaint_desk.services.offices import list_offices
from complaint_desk.services.users import list_users
from complaint_desk.store.database import Database


def _choices(labels: dict[Any, str]) -> list[tuple[Any, str]]:
    return [(code.value, label) for code, label in labels.items()]


def _label(labels: dict[Any, str], code: str | None) -> str:
    for key, label in labels.items():
        if key.value == code:
            return _(label)
    return code or ""


class _ManagedRecords(RecordTableWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        self.db, self.actor = db, actor
        super().__init__(parent)
        self.offices: list[tuple[Any, str]] = [(None, N_("All offices"))] + [
            (code, f"{code} {name}") for code, name in list_offices(db)]
        self.refresh()


class PublicationPlanWidget(_ManagedRecords):
    title = N_("Publication of the policy")
    columns = (N_("Channel"), N_("Audience"), N_("Description"), N_("Planned on"), N_("Done on"),
               N_("Evidence"))

    def __init__(self, db: Database, actor: Actor, year: int,
                 parent: QWidget | None = None) -> None:
        self.year = year
        super().__init__(db, actor, parent)

    def load(self) -> list[Any]:
        return policy.list_publications(self.db, self.year)

    def cells(self, r: policy.Publication) -> list[str]:
        return [_label(PUBLICATION_CHANNEL_LABELS, r.channel), _label(AUDIENCE_LABELS, r.audience),
                r.description, date_text(r.planned_on), date_text(r.done_on), r.evidence or ""]

    def fields(self) -> list[FieldSpec]:
        return [FieldSpec("channel", N_("Channel"), "choice", _choices(PUBLICATION_CHANNEL_LABELS)),
                FieldSpec("audience", N_("Audience"), "choice", _choices(AUDIENCE_LABELS)),
                FieldSpec("description", N_("Description"), required=True),
                FieldSpec("office_code", N_("Office"), "choice", self.offices),
                FieldSpec("planned_on", N_("Planned on"), "date", required=True),
                FieldSpec("done_on", N_("Done on"), "date"),
                FieldSpec("evidence", N_("Evidence"), "multiline")]

    def form_values(self, r: policy.Publication | None) -> dict[str, Any]:
        return {} if r is None else dict(r.__dict__)

    def save(self, r: policy.Publication | None, v: dict[str, Any]) -> int:
        return policy.save_publication(self.db, self.actor, policy.Publication(
            id=None if r is None else r.id, policy_version_id=None if r is None
            else r.policy_version_id, **v))


class CascadeWidget(_ManagedRecords):
    title = N_("Cascade of indicators and targets")
    columns = (N_("Indicator"), N_("Level of the organisation"), N_("Recipient"), N_("Target"),
               N_("Status"), N_("Date"))

    def __init__(self, db: Database, actor: Actor, year: int,
                 parent: QWidget | None = None) -> None:
        self.year = year
        self.users = {a.user_id: a.display_name for a in list_users(db)}
        super().__init__(db, actor, parent)

    def load(self) -> list[Any]:
        return indicators.list_cascade(self.db, self.year)

    def cells(self, r: indicators.CascadeEntry) -> list[str]:
        recipient = (self.users.get(r.user_id or 0) if r.tier == "person" else
                     r.unit if r.tier == "division" else r.office_code) or ""
        return [_(INDICATORS[r.indicator].name), _label(CASCADE_TIER_LABELS, r.tier), recipient,
                r.target_text, _label(CASCADE_STATUS_LABELS, r.status), date_text(r.status_on)]

    def fields(self) -> list[FieldSpec]:
        people: list[tuple[Any, str]] = [(None, "-")] + list(self.users.items())
        return [FieldSpec("indicator", N_("Indicator"), "choice",
                          [(code, spec.name) for code, spec in INDICATORS.items()]),
                FieldSpec("tier", N_("Level of the organisation"), "choice",
                          _choices(CASCADE_TIER_LABELS)),
                FieldSpec("office_code", N_("Office"), "choice", self.offices),
                FieldSpec("unit", N_("Division")),
                FieldSpec("user_id", N_("Person"), "choice", people),
                FieldSpec("target_text", N_("Target"), required=True),
                FieldSpec("status", N_("Status"), "choice", _choices(CASCADE_STATUS_LABELS)),
                FieldSpec("status_on", N_("Date"), "date"),
                FieldSpec("note", N_("Note"), "multiline")]

    def form_values(self, r: indicators.CascadeEntry | None) -> dict[str, Any]:
        return {} if r is None else dict(r.__dict__)

    def save(self, r: indicators.CascadeEntry | None, v: dict[str, Any]) -> int:
        return indicators.save_cascade(self.db, self.actor, indicators.CascadeEntry(
            year=self.year, id=None if r is None else r.id, **v))


class RootCausesWidget(_ManagedRecords):
    title = N_("Root causes")
    columns = (N_("Root cause"), N_("Description"), N_("In use"))

    def load(self) -> list[Any]:
        return improvement.list_root_causes(self.db)

    def cells(self, r: improvement.RootCauseItem) -> list[str]:
        return [r.name, r.description or "", "✓" if r.active else ""]

    def fields(self) -> list[FieldSpec]:
        return [FieldSpec("name", N_("Root cause"), required=True),
                FieldSpec("description", N_("Description"), "multiline"),
                FieldSpec("active", N_("In use"), "check")]

    def form_values(self, r: improvement.RootCauseItem | None) -> dict[str, Any]:
        return {"active": True} if r is None else dict(r.__dict__)

    def save(self, r: improvement.RootCauseItem | None, v: dict[str, Any]) -> int:
        return improvement.save_root_cause(self.db, self.actor, improvement.RootCauseItem(
            id=None if r is None else r.id, **v))


class CorrectiveActionsWidget(_ManagedRecords):
    title = N_("Corrective actions")
    columns = (N_("Corrective action"), N_("Root cause"), N_("Owner"), N_("Due"), N_("Status"),
               N_("Complaints"))

    def load(self) -> list[Any]:
        self.causes = {c.id: c.name for c in improvement.list_root_causes(self.db)}
        return improvement.list_corrective_actions(self.db)

    def cells(self, r: improvement.CorrectiveAction) -> list[str]:
        return [r.title, self.causes.get(r.root_cause_id, ""), r.owner, date_text(r.due_on),
                _label(ACTION_STATUS_LABELS, r.status), ", ".join(r.complaint_references)]

    def fields(self) -> list[FieldSpec]:
        causes: list[tuple[Any, str]] = [(None, "-")] + list(self.causes.items())
        return [FieldSpec("title", N_("Corrective action"), required=True),
                FieldSpec("root_cause_id", N_("Root cause"), "choice", causes),
                FieldSpec("owner", N_("Owner"), required=True),
                FieldSpec("office_code", N_("Office"), "choice", self.offices),
                FieldSpec("planned_on", N_("Planned on"), "date", required=True),
                FieldSpec("due_on", N_("Due"), "date"),
                FieldSpec("status", N_("Status"), "choice", _choices(ACTION_STATUS_LABELS)),
                FieldSpec("done_on", N_("Done on"), "date"),
                FieldSpec("complaints", N_("Complaint references (one per line)"), "multiline"),
                FieldSpec("description", N_("Description"), "multiline")]

    def form_values(self, r: improvement.CorrectiveAction | None) -> dict[str, Any]:
        if r is None:
            return {"planned_on": date.today()}
        return {**r.__dict__, "complaints": "\n".join(r.complaint_references)}

    def save(self, r: improvement.CorrectiveAction | None, v: dict[str, Any]) -> int:
        references = tuple(line.strip() for line in v.pop("complaints").replace(",", "\n")
                           .splitlines() if line.strip())
        return improvement.save_corrective_action(self.db, self.actor, improvement.CorrectiveAction(
            id=None if r is None else r.id, complaint_references=references, **v))
