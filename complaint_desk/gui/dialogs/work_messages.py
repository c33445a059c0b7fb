"""How a failed piece of background work is told to the user, in their language."""

from __future__ import annotations

from complaint_desk.domain.errors import DomainError
from complaint_desk.exchange.progress import Cancelled
from complaint_desk.i18n import _, error_text


def failure_text(error: BaseException) -> str:
    if isinstance(error, Cancelled):
        return _("Cancelled: nothing was changed.")
    if isinstance(error, DomainError):
        return error_text(error)
    if isinstance(error, OSError):
        return _("Cannot use the file: {error}").format(error=error)
    return _("Something went wrong: {error}").format(error=error)
