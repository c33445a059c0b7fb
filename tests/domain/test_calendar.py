from datetime import date, datetime

import pytest

from complaint_desk.domain.calendar import (
    WorkingCalendar,
    format_be_date,
    format_be_datetime,
    format_be_month,
    parse_date,
    parse_month,
    parse_year,
)
from complaint_desk.domain.errors import ValidationError

# Songkran 2024 as the official table has it: 13-15 April (Sat-Mon) and the substitution
# day Tuesday 16 April; Chakri Day Saturday 6 April with its substitution Monday 8 April.
SONGKRAN_2024 = [date(2024, 4, 6), date(2024, 4, 8), date(2024, 4, 13), date(2024, 4, 14),
                 date(2024, 4, 15), date(2024, 4, 16)]
CAL = WorkingCalendar(SONGKRAN_2024 + [date(2024, 8, 12)])


def test_a_working_day_after_friday_is_monday():
    assert CAL.add_working_days(date(2024, 8, 2), 1) == date(2024, 8, 5)


def test_working_days_skip_a_monday_holiday():
    # Mother's Day, Monday 12 August 2024.
    assert CAL.add_working_days(date(2024, 8, 9), 1) == date(2024, 8, 13)


def test_fifteen_working_days_from_5_august_2024_land_on_27_august():
    assert CAL.add_working_days(date(2024, 8, 5), 15) == date(2024, 8, 27)


def test_a_run_of_holidays_and_weekend_is_skipped_whole():
    # Friday 12 April 2024 + 1 working day: 13-16 holidays/weekend, so Wednesday 17.
    assert CAL.add_working_days(date(2024, 4, 12), 1) == date(2024, 4, 17)
    assert CAL.add_working_days(date(2024, 4, 5), 1) == date(2024, 4, 9)


def test_zero_working_days_from_a_holiday_is_the_next_working_day():
    assert CAL.add_working_days(date(2024, 4, 13), 0) == date(2024, 4, 17)
    assert CAL.add_working_days(date(2024, 8, 6), 0) == date(2024, 8, 6)


def test_long_spans_agree_with_walking_day_by_day():
    start = date(2024, 3, 1)
    for n in (0, 1, 4, 5, 6, 14, 15, 30, 45, 100):
        day, left = start, n
        while left:
            day = date.fromordinal(day.toordinal() + 1)
            if CAL.is_working_day(day):
                left -= 1
        if n == 0:
            continue
        assert CAL.add_working_days(start, n) == day, n
        assert CAL.working_days_between(start, day) == n


def test_working_days_between_is_negative_backwards():
    assert CAL.working_days_between(date(2024, 8, 27), date(2024, 8, 5)) == -15


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2024, 8, 5), -1)


@pytest.mark.parametrize("text", ["2024-08-15", "2567-08-15", "15/08/2567", "15 ส.ค. 2567",
                                  "15 สิงหาคม 2567", "๑๕ ส.ค. ๒๕๖๗", "15 สค 2567",
                                  "15 สิงหาคม พ.ศ. 2567", "15 Aug 2567"])
def test_dates_parse_in_iso_and_buddhist_era_forms(text):
    assert parse_date(text) == date(2024, 8, 15)


@pytest.mark.parametrize("text", ["", "2567-02-30", "15 ฟฟ. 2567", "yesterday", "15/13/2567"])
def test_bad_dates_raise_a_validation_error(text):
    with pytest.raises(ValidationError):
        parse_date(text)


def test_months_and_years_parse_in_both_eras():
    assert parse_month("2567-08") == (2024, 8)
    assert parse_month("2024-08") == (2024, 8)
    assert parse_year("2567") == 2024
    with pytest.raises(ValidationError):
        parse_month("2567-13")
    with pytest.raises(ValidationError):
        parse_year("67")


def test_buddhist_era_formats():
    day = date(2024, 8, 1)
    assert format_be_date(day, style="long") == "1 สิงหาคม 2567"
    assert format_be_date(day) == "1 ส.ค. 2567"
    assert format_be_date(day, style="numeric") == "01/08/2567"
    assert format_be_date(day, style="long", thai_digits=True) == "๑ สิงหาคม ๒๕๖๗"
    assert format_be_date(day, language="en") == "1 Aug 2567"
    assert format_be_datetime(datetime(2024, 8, 1, 14, 5)) == "1 ส.ค. 2567 14:05"
    assert format_be_month(2024, 8) == "สิงหาคม 2567"
    assert format_be_date(None) == ""
