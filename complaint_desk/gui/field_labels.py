"""Every case field's name on screen, and how a stored value (also in an event) reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from complaint_desk.domain.complaint import FIELD_LABELS
from complaint_desk.domain.workflow import ACTION_LABELS
from complaint_desk.gui.labels import (
    CategoryNames,
    channel_text,
    date_text,
    datetime_text,
    reason_text,
    route_text,
    severity_text,
    status_text,
)
from complaint_desk.i18n import N_, _

EVENT_LABELS: dict[str, str] = {a.value: label for a, label in ACTION_LABELS.items()}
EVENT_LABELS["attach"] = N_("Attachment added")


def field_label(name: str) -> str:
    return _(FIELD_LABELS.get(name, name))


def event_label(kind: str) -> str:
    return _(EVENT_LABELS.get(kind, kind))


def value_text(name: str, value: Any, categories: CategoryNames | None = None) -> str:
    """A field's value as a person reads it (accepts the ISO strings events store)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "channel":
        return channel_text(value)
    if name == "status":
        return status_text(value)
    if name == "closure":
        return status_text("closed", value)
    if name == "severity":
        return severity_text(value)
    if name == "not_accepted_reason":
        return reason_text(value)
    if name == "review_route":
        return route_text(value)
    if name == "category_code" and categories is not None:
        return categories.text(value)
    if name.endswith("_at"):
        moment = value if isinstance(value, datetime) else _parse_datetime(value)
        return datetime_text(moment) if moment else str(value)
    if name.endswith("_on"):
        day = value if isinstance(value, date) else _parse_date(value)
        return date_text(day) if day else str(value)
    return str(value)


def _parse_datetime(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


def _parse_date(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None

