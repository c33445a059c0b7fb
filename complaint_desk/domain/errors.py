"""Errors a user can cause. Each carries an untranslated message id and its parameters.

The message is translated where it is shown (GUI dialog, CLI line), so the domain stays free
of any locale. Parameters that are themselves message ids (a status, an action) are listed in
``translate_params`` so the presenter translates them too.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule the user broke: shown to them, in their language; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.params = params

    def __str__(self) -> str:  # English text, for logs and tracebacks
        try:
            return self.message.format(**self.params)
        except (KeyError, IndexError):
            return self.message


class ValidationError(DomainError):
    """A field's value is not acceptable (``field`` names it)."""


class TransitionError(DomainError):
    """The workflow does not allow this action in the case's current status."""


class PermissionDenied(DomainError):
    """The user's role may not do this."""


class NotFound(DomainError):
    """A reference, office, user or category that does not exist."""


class ConcurrentChange(DomainError):
    """Someone else changed the record since it was read (optimistic locking)."""


def N_(message: str) -> str:
    """Mark a string for the message catalog without translating it here (gettext's N_)."""
    return message
