"""Between the domain's Complaint and its row; and the JSON form of values in events."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from complaint_desk.domain.complaint import (
    COMPLAINT_FIELDS,
    Channel,
    Closure,
    Complaint,
    NotAcceptedReason,
    ReviewRoute,
    Severity,
    Status,
)
from complaint_desk.store.models import ComplaintRow

_ENUMS: dict[str, type[Enum]] = {
    "channel": Channel,
    "status": Status,
    "closure": Closure,
    "not_accepted_reason": NotAcceptedReason,
    "severity": Severity,
    "review_route": ReviewRoute,
}


def to_domain(row: ComplaintRow) -> Complaint:
    values: dict[str, Any] = {}
    for name in COMPLAINT_FIELDS:
        value = getattr(row, name)
        enum = _ENUMS.get(name)
        values[name] = enum(value) if enum is not None and value is not None else value
    return Complaint(**values)


def row_values(complaint: Complaint) -> dict[str, Any]:
    """Column values for the row (enums as their codes)."""
    return {name: plain(getattr(complaint, name)) for name in COMPLAINT_FIELDS}


def apply_to_row(row: ComplaintRow, complaint: Complaint) -> None:
    for name, value in row_values(complaint).items():
        if name != "version":
            setattr(row, name, value)


def plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    return value


# Values JSON writes as they are. Checked by exact type: an Enum that is also a str must
# still become its code.
_AS_IS = frozenset({str, int, float, bool, type(None)})


def json_value(value: Any) -> Any:
    """A value as it is written in an event: ISO dates, enum codes."""
    if type(value) in _AS_IS:  # the common case, first: the demo calls this millions of times
        return value
    value = plain(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                              default=json_value)


def canonical_json(data: Any) -> str:
    """The one JSON spelling events are hashed in. One encoder, built once: json.dumps with
    options builds a new encoder at every call (measurable over millions of demo events)."""
    return _CANONICAL.encode(data)


def changes_json(changes: dict[str, tuple[Any, Any]]) -> dict[str, list[Any]]:
    return {name: [json_value(a), json_value(b)] for name, (a, b) in changes.items()}
