"""The `.cdpkg` package: its members, the shape of every JSON line, and the refusals.

The contract is docs/package-format.md (format version ``FORMAT_VERSION``). This module is plain
data: it knows the shapes and turns a line of bytes into checked Python values, or refuses with
a ``PackageRefused`` that names the member and the line. Reading and writing zips live in
package_reader.py and package_writer.py; the database never appears here.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from complaint_desk.domain.complaint import (
    PERSONAL_FIELDS,
    Channel,
    Closure,
    NotAcceptedReason,
    ReviewRoute,
    Severity,
    Status,
)
from complaint_desk.domain.errors import N_, DomainError

FORMAT_NAME = "complaint-desk-package"
FORMAT_VERSION = 1
SUFFIX = ".cdpkg"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
OFFICES = "offices.jsonl"
CATEGORIES = "categories.jsonl"
LEVELS = "levels.jsonl"
UNITS = "units.jsonl"
COMPLAINTS = "complaints.jsonl"
EVENTS = "events.jsonl"
# Data members in the order they are written and imported (reference data before the cases
# that point to it, cases before their events).
DATA_MEMBERS: tuple[str, ...] = (OFFICES, CATEGORIES, LEVELS, UNITS, COMPLAINTS, EVENTS)

GENESIS = "0" * 64
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class PackageRefused(DomainError):
    """The package cannot be imported as it is; nothing was changed."""


# --- value kinds ----------------------------------------------------------------------------
# A field's kind: "str", "int", "bool", "date", "datetime", "hex64", "uuid", or an enum class.
# A trailing "?" (or an enum in a tuple with None) means it may be null.

Kind = str | type[StrEnum] | tuple[type[StrEnum], None]

COMPLAINT_SHAPE: dict[str, Kind] = {
    "uuid": "uuid", "reference": "str", "office_code": "str", "channel": Channel,
    "received_at": "datetime", "subject": "str", "description": "str", "status": Status,
    "complainant_anonymous": "bool", "complainant_name": "str?",
    "complainant_national_id": "str?", "complainant_phone": "str?", "complainant_email": "str?",
    "complainant_address": "str?", "complainant_key": "str?", "project": "str?",
    "building": "str?", "unit": "str?", "request": "str?", "category_code": "str?",
    "severity": (Severity, None), "significant": "bool", "about_staff": "bool", "level": "int?",
    "responsible_unit": "str?", "responsible_person": "str?", "ack_due_on": "date?",
    "acknowledged_at": "datetime?", "notice_due_on": "date?", "assessed_at": "datetime?",
    "not_accepted_reason": (NotAcceptedReason, None), "not_accepted_note": "str?",
    "duplicate_of": "str?", "due_on": "date?", "decision": "str?", "reasons": "str?",
    "redress": "str?", "responded_at": "datetime?", "communicated_on": "date?",
    "closed_at": "datetime?", "closure": (Closure, None), "complainant_accepts": "bool?",
    "satisfaction": "int?", "root_cause": "str?", "corrective_action": "str?",
    "review_count": "int", "review_route": (ReviewRoute, None), "review_body": "str?",
    "reviewed_at": "datetime?", "review_outcome": "str?", "created_at": "datetime",
    "updated_at": "datetime", "version": "int",
    # The case's latest event at the office: decides which office's state HQ shows.
    "last_event_uuid": "uuid", "last_event_at": "datetime", "last_event_seq": "int",
}  # fmt: skip
COMPLAINT_COLUMNS: tuple[str, ...] = tuple(
    k for k in COMPLAINT_SHAPE if not k.startswith("last_event_"))

EVENT_SHAPE: dict[str, Kind] = {
    "uuid": "uuid", "complaint_uuid": "uuid", "seq": "int", "at": "datetime",
    "actor_name": "str", "kind": "str", "data": "str", "prev_hash": "hex64", "hash": "hex64",
    "redacted": "bool",
}  # fmt: skip
OFFICE_SHAPE: dict[str, Kind] = {"code": "str", "name": "str", "region": "str?"}
CATEGORY_SHAPE: dict[str, Kind] = {"code": "str", "name_th": "str", "name_en": "str",
                                   "active": "bool"}
LEVEL_SHAPE: dict[str, Kind] = {"number": "int", "name": "str", "handled_by": "str",
                                "typical_cases": "str", "target_working_days": "int",
                                "owner_role": "str"}
UNIT_SHAPE: dict[str, Kind] = {"code": "str", "name": "str", "office_code": "str?"}

SHAPES: dict[str, dict[str, Kind]] = {
    OFFICES: OFFICE_SHAPE, CATEGORIES: CATEGORY_SHAPE, LEVELS: LEVEL_SHAPE, UNITS: UNIT_SHAPE,
    COMPLAINTS: COMPLAINT_SHAPE, EVENTS: EVENT_SHAPE,
}


def canonical_bytes(data: Any) -> bytes:
    """The one byte form of a JSON value: what is hashed and signed."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def json_line(values: dict[str, Any]) -> bytes:
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=_to_json).encode("utf-8") + b"\n"


def _to_json(value: Any) -> Any:
    """Only for what json cannot write itself (codes are str enums and need nothing)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} in a package")


# --- reading a line -------------------------------------------------------------------------


class LineError(Exception):
    """A line of the wrong shape; turned into a PackageRefused naming the member and line."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


_decode = json.JSONDecoder().decode


def parse_line(member: str, raw: bytes) -> dict[str, Any]:
    """One JSON Lines record checked against its member's shape: every field present, no
    other field, each value of its kind. Dates and times come back as date/datetime."""
    try:
        record = _decode(raw.decode("utf-8"))  # a package is UTF-8: no encoding to detect
    except (UnicodeDecodeError, ValueError):
        raise LineError(N_("Line {line} of {member} in package {file} is not valid JSON.")) \
            from None
    if type(record) is not dict:
        raise LineError(N_("Line {line} of {member} in package {file} is not a JSON object."))
    checkers = _CHECKERS[member]
    if len(record) != len(checkers) or record.keys() != checkers.keys():
        for name in record:
            if name not in checkers:
                raise LineError(N_("Line {line} of {member} in package {file} has an "
                                   "unexpected field: {field}."), field=name)
        for name in checkers:
            if name not in record:
                raise LineError(N_("Line {line} of {member} in package {file} lacks the field "
                                   "{field}."), field=name)
    try:
        for name, check in checkers.items():
            record[name] = check(record[name])
    except (_Wrong, ValueError, TypeError):
        raise _bad(name, record[name]) from None
    return record


class _Wrong(Exception):
    pass


def _checker(kind: Kind) -> Any:
    """A function that returns the checked value or raises: one per field, made once (a
    100,000-case package has millions of values: the generic path was the import's cost)."""
    nullable = isinstance(kind, tuple) or (isinstance(kind, str) and kind.endswith("?"))
    base: Any = kind[0] if isinstance(kind, tuple) else kind
    if isinstance(base, str):
        base = base.rstrip("?")

    def of_type(expected: type) -> Any:
        def check(value: Any) -> Any:
            if type(value) is expected:
                return value
            raise _Wrong()
        return check

    def pattern(compiled: re.Pattern[str]) -> Any:
        def check(value: Any) -> Any:
            if type(value) is str and compiled.match(value):
                return value
            raise _Wrong()
        return check

    def moment(value: Any) -> Any:
        if type(value) is str and len(value) >= 19:
            return datetime.fromisoformat(value)
        raise _Wrong()

    def day(value: Any) -> Any:
        if type(value) is str and len(value) == 10:
            return date.fromisoformat(value)
        raise _Wrong()

    if base in ("str", "int", "bool"):
        check = of_type({"str": str, "int": int, "bool": bool}[base])
    elif base == "date":
        check = day
    elif base == "datetime":
        check = moment
    elif base in ("hex64", "uuid"):
        check = pattern(_HEX64 if base == "hex64" else _UUID)
    else:
        codes = frozenset(member.value for member in base)

        def check(value: Any) -> Any:
            if value in codes:
                return value
            raise _Wrong()
    if not nullable:
        return check

    def or_null(value: Any) -> Any:
        return None if value is None else check(value)
    return or_null


_CHECKERS: dict[str, dict[str, Any]] = {
    member: {name: _checker(kind) for name, kind in shape.items()}
    for member, shape in SHAPES.items()
}


def _bad(name: str, value: Any) -> LineError:
    shown = json.dumps(value, ensure_ascii=False)
    return LineError(N_("Line {line} of {member} in package {file}: the field {field} has a "
                        "wrong value: {value}"), field=name,
                     value=shown if len(shown) <= 60 else shown[:57] + "...")


# --- personal data in events ----------------------------------------------------------------


def redact_event_data(data: str) -> tuple[str, bool]:
    """Remove the complainant's personal values from an event's changes (PDPA).

    Returns the data to send and whether anything was removed; the removed field names are
    listed under ``redacted`` so the timeline can say that personal data was left out. A
    redacted event can no longer be re-hashed at headquarters: only its chain links are.
    """
    if not any(name in data for name in PERSONAL_FIELDS):
        return data, False
    parsed = json.loads(data)
    changes = parsed.get("changes")
    if not isinstance(changes, dict):
        return data, False
    removed = sorted(name for name in PERSONAL_FIELDS if name in changes)
    if not removed:
        return data, False
    for name in removed:
        del changes[name]
    parsed["redacted"] = removed
    return canonical_bytes(parsed).decode("utf-8"), True


# --- the manifest ---------------------------------------------------------------------------

MANIFEST_FIELDS: dict[str, type | tuple[type, ...]] = {
    "format": str, "format_version": int, "program_version": str, "package_id": str,
    "office_code": str, "office_name": str, "created_at": str, "created_by": str,
    "range": dict, "counts": dict, "members": dict, "personal_data": dict,
    "key_fingerprint": str,
}  # fmt: skip
RANGE_FIELDS = ("kind", "since", "after_event_hash", "last_event_hash", "first_seq", "last_seq")


def check_manifest(manifest: Any) -> None:
    """Raise LineError-like PackageRefused params for a manifest of the wrong shape."""
    if not isinstance(manifest, dict):
        raise LineError(N_("The manifest of package {file} is not valid: {field}."),
                        field="manifest.json")
    for name, kind in MANIFEST_FIELDS.items():
        if not isinstance(manifest.get(name), kind):
            raise LineError(N_("The manifest of package {file} is not valid: {field}."),
                            field=name)
    for name in RANGE_FIELDS:
        if name not in manifest["range"]:
            raise LineError(N_("The manifest of package {file} is not valid: {field}."),
                            field=f"range.{name}")
    after = manifest["range"]["after_event_hash"]
    if not (isinstance(after, str) and _HEX64.match(after)):
        raise LineError(N_("The manifest of package {file} is not valid: {field}."),
                        field="range.after_event_hash")
    for name, info in manifest["members"].items():
        if name not in DATA_MEMBERS or not isinstance(info, dict) or not _HEX64.match(
                str(info.get("sha256", ""))) or not isinstance(info.get("lines"), int):
            raise LineError(N_("The manifest of package {file} is not valid: {field}."),
                            field=f"members.{name}")
    personal = manifest["personal_data"]
    if not isinstance(personal.get("included"), bool):
        raise LineError(N_("The manifest of package {file} is not valid: {field}."),
                        field="personal_data.included")
    try:
        datetime.fromisoformat(manifest["created_at"])
    except ValueError:
        raise LineError(N_("The manifest of package {file} is not valid: {field}."),
                        field="created_at") from None
