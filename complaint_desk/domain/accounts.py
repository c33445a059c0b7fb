"""Account rules: password strength, lockout after failed sign-ins, the idle screen lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from complaint_desk.domain.errors import N_, ValidationError

MIN_PASSWORD_LENGTH = 8
MAX_FAILED_SIGN_INS = 5
LOCKOUT = timedelta(minutes=5)
DEFAULT_IDLE_LOCK_MINUTES = 10
IDLE_LOCK_RANGE = range(1, 241)  # minutes an admin may choose; 0 is not offered (always lock)


def check_new_password(password: str, username: str, field: str = "password") -> None:
    """Refuse passwords that are too short, all one character, or the username itself."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(N_("The password must have at least {count} characters."),
                              field=field, count=MIN_PASSWORD_LENGTH)
    if len(set(password)) < 3 or password.strip().lower() == username.strip().lower():
        raise ValidationError(N_("The password is too easy to guess."), field=field)


def check_idle_minutes(minutes: int) -> int:
    if minutes not in IDLE_LOCK_RANGE:
        raise ValidationError(N_("The idle time must be from {low} to {high} minutes."),
                              field="idle_lock_minutes", low=IDLE_LOCK_RANGE.start,
                              high=IDLE_LOCK_RANGE.stop - 1)
    return minutes


@dataclass(frozen=True)
class SignInState:
    """A user's failed sign-ins since the last success, and until when they are locked."""

    failed: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime) -> SignInState:
        """Five failures in a row lock the account for LOCKOUT; the count starts again then."""
        failed = self.failed + 1
        if failed >= MAX_FAILED_SIGN_INS:
            return SignInState(0, now + LOCKOUT)
        return SignInState(failed, self.locked_until)

    def after_success(self) -> SignInState:
        return SignInState()
