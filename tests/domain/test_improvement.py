"""Whether a corrective action worked: the windows and the verdict, by hand."""

from datetime import date

import pytest

from complaint_desk.domain.errors import ValidationError
from complaint_desk.domain.improvement import ActionStatus, check_action, effectiveness, windows


def test_the_baseline_is_six_whole_months_before_and_the_follow_up_whole_months_after():
    before, after = windows(date(2024, 3, 15), today=date(2024, 7, 10))
    assert (before.start, before.end, before.months) == (date(2023, 9, 1), date(2024, 3, 1), 6)
    assert (after.start, after.end, after.months) == (date(2024, 4, 1), date(2024, 7, 1), 3)


def test_the_follow_up_stops_at_the_window_length():
    _, after = windows(date(2023, 1, 31), today=date(2024, 7, 10), window=6)
    assert (after.start, after.end, after.months) == (date(2023, 2, 1), date(2023, 8, 1), 6)


def test_two_a_month_before_and_one_a_month_after_is_effective_and_a_fall_of_half():
    before, after = windows(date(2024, 3, 15), today=date(2024, 7, 10))
    check = effectiveness(before, 12, after, 3)
    assert (check.before_rate, check.after_rate, check.change_pct, check.effective) == \
        (2.0, 1.0, -50.0, True)


def test_the_same_rate_after_is_not_effective():
    before, after = windows(date(2024, 3, 15), today=date(2024, 7, 10))
    assert effectiveness(before, 12, after, 6).effective is False


def test_it_is_too_early_to_tell_within_the_month_after_the_action():
    before, after = windows(date(2024, 6, 3), today=date(2024, 7, 30))
    assert after.months == 0
    check = effectiveness(before, 10, after, 0)
    assert (check.effective, check.change_pct, check.after_rate) == (None, None, None)


def test_a_cause_with_no_complaints_before_cannot_fall():
    before, after = windows(date(2024, 1, 3), today=date(2024, 7, 30))
    assert effectiveness(before, 0, after, 2).effective is None


def test_a_done_action_needs_its_date_and_only_a_done_action_has_one():
    with pytest.raises(ValidationError):
        check_action(ActionStatus.DONE, None, None, date(2024, 1, 1))
    with pytest.raises(ValidationError):
        check_action(ActionStatus.PLANNED, date(2024, 2, 1), None, date(2024, 1, 1))
    with pytest.raises(ValidationError) as caught:
        check_action(ActionStatus.PLANNED, None, date(2023, 12, 1), date(2024, 1, 1))
    assert caught.value.field == "due_on"
