from datetime import datetime, timedelta

import pytest

from complaint_desk.domain.accounts import (
    LOCKOUT,
    MAX_FAILED_SIGN_INS,
    SignInState,
    check_idle_minutes,
    check_new_password,
)
from complaint_desk.domain.errors import ValidationError

T = datetime(2024, 8, 5, 9, 0)


def test_the_fifth_failure_in_a_row_locks_for_a_few_minutes_then_the_count_restarts():
    state = SignInState()
    for _ in range(MAX_FAILED_SIGN_INS - 1):
        state = state.after_failure(T)
        assert not state.is_locked(T)
    state = state.after_failure(T)
    assert state.is_locked(T) and state.is_locked(T + LOCKOUT - timedelta(seconds=1))
    assert not state.is_locked(T + LOCKOUT)
    assert state.failed == 0
    assert state.after_success() == SignInState()


@pytest.mark.parametrize("password", ["short", "aaaaaaaaaaaa", "somchai.k"])
def test_weak_passwords_are_refused_naming_the_field(password):
    with pytest.raises(ValidationError) as caught:
        check_new_password(password, "somchai.k", "new_password")
    assert caught.value.field == "new_password"


def test_the_idle_time_is_a_sane_number_of_minutes():
    assert check_idle_minutes(15) == 15
    with pytest.raises(ValidationError):
        check_idle_minutes(0)
