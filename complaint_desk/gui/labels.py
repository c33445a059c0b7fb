"""How stored codes and dates read on screen, in the current language (Thai first)."""

from __future__ import annotations

from datetime import date, datetime

from complaint_desk.domain.calendar import format_be_date, format_be_datetime
from complaint_desk.domain.complaint import (
    CHANNEL_LABELS,
    CLOSURE_LABELS,
    NOT_ACCEPTED_LABELS,
    REVIEW_ROUTE_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    Channel,
    Closure,
    NotAcceptedReason,
    ReviewRoute,
    Severity,
    Status,
)
from complaint_desk.domain.roles import ROLE_LABELS, Role
from complaint_desk.i18n import _, language


def _lookup(labels: dict, kind: type, code: str | None) -> str:
    if code is None or code == "":
        return ""
    try:
        return _(labels[kind(code)])
    except (ValueError, KeyError):
        return str(code)


def channel_text(code: str | None) -> str:
    return _lookup(CHANNEL_LABELS, Channel, code)


def status_text(status: str | None, closure: str | None = None) -> str:
    if status == Status.CLOSED.value and closure:
        return _lookup(CLOSURE_LABELS, Closure, closure)
    return _lookup(STATUS_LABELS, Status, status)


def severity_text(code: str | None) -> str:
    return _lookup(SEVERITY_LABELS, Severity, code)


def reason_text(code: str | None) -> str:
    return _lookup(NOT_ACCEPTED_LABELS, NotAcceptedReason, code)


def route_text(code: str | None) -> str:
    return _lookup(REVIEW_ROUTE_LABELS, ReviewRoute, code)


def role_text(code: str | None) -> str:
    return _lookup(ROLE_LABELS, Role, code)


def date_text(day: date | datetime | None) -> str:
    return format_be_date(day, language=language())


def datetime_text(moment: datetime | None) -> str:
    return format_be_datetime(moment, language=language())


def long_date_text(day: date | None) -> str:
    return format_be_date(day, style="long", language=language())


class CategoryNames:
    """Category names from the database, in the current language."""

    def __init__(self, categories: list[tuple[str, str, str]]) -> None:
        self._names = {code: (th, en) for code, th, en in categories}

    def text(self, code: str | None) -> str:
        if not code:
            return ""
        th, en = self._names.get(code, (code, code))
        return en if language() == "en" else th

    def choices(self) -> list[tuple[str, str]]:
        return [(code, self.text(code)) for code in self._names]
