"""Working days and Buddhist Era dates.

Working days skip Saturdays, Sundays and the holidays in the office's holiday table (data,
not code: see ``resources/holidays``). Buddhist Era (พ.ศ.) years are Gregorian + 543.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from complaint_desk.domain.errors import N_, ValidationError

BE_OFFSET = 543

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT: tuple[str, ...] = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS_SHORT: tuple[str, ...] = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


class WorkingCalendar:
    """Working-day arithmetic over a set of holidays. Fast: O(log n) per query."""

    def __init__(self, holidays: Iterable[date] = ()) -> None:
        self._holidays = frozenset(holidays)
        self._sorted_holidays = sorted(self._holidays)

    @property
    def holidays(self) -> frozenset[date]:
        return self._holidays

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def _weekday_count(self, start: date, end: date) -> int:
        """Weekdays in [start, end)."""
        days = (end - start).days
        weeks, rest = divmod(days, 7)
        count = weeks * 5
        wd = start.weekday()
        for i in range(rest):
            if (wd + i) % 7 < 5:
                count += 1
        return count

    def _holiday_weekdays(self, start: date, end: date) -> int:
        """Holidays falling on weekdays in [start, end)."""
        lo = bisect_left(self._sorted_holidays, start)
        hi = bisect_left(self._sorted_holidays, end)
        return sum(1 for d in self._sorted_holidays[lo:hi] if d.weekday() < 5)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start).

        ``working_days_between(d, add_working_days(d, n)) == n`` for n >= 0.
        """
        if end < start:
            return -self.working_days_between(end, start)
        a, b = start + timedelta(days=1), end + timedelta(days=1)
        return self._weekday_count(a, b) - self._holiday_weekdays(a, b)

    def add_working_days(self, start: date, days: int) -> date:
        """The day that is ``days`` working days after ``start`` (start itself not counted).

        ``add_working_days(d, 0)`` is d when d is a working day, else the next working day.
        """
        if days < 0:
            raise ValueError("days must be >= 0")
        if days == 0:
            day = start
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        # Jump by whole weeks first, then correct for holidays, then walk the rest.
        day = start
        remaining = days
        while remaining > 0:
            weeks = max(0, (remaining - 1) // 5)
            if weeks:
                target = day + timedelta(days=7 * weeks)
                gained = self.working_days_between(day, target)
                if gained <= remaining:
                    day, remaining = target, remaining - gained
                    continue
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def holidays_in(self, start: date, end: date) -> list[date]:
        lo = bisect_left(self._sorted_holidays, start)
        hi = bisect_right(self._sorted_holidays, end)
        return self._sorted_holidays[lo:hi]


# --- Buddhist Era ------------------------------------------------------------------------


def be_year(day: date | datetime) -> int:
    return day.year + BE_OFFSET


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI_DIGITS)


def format_be_date(day: date | datetime | None, *, style: str = "short", thai_digits: bool = False,
                   language: str = "th") -> str:
    """``15 ส.ค. 2567`` (short), ``15 สิงหาคม 2567`` (long), ``15/08/2567`` (numeric).

    English keeps the BE year: ``15 Aug 2567``. None gives an empty string.
    """
    if day is None:
        return ""
    if style == "numeric":
        text = f"{day.day:02d}/{day.month:02d}/{be_year(day)}"
    elif language == "en":
        text = f"{day.day} {ENGLISH_MONTHS_SHORT[day.month - 1]} {be_year(day)}"
    elif style == "long":
        text = f"{day.day} {THAI_MONTHS[day.month - 1]} {be_year(day)}"
    else:
        text = f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {be_year(day)}"
    return to_thai_digits(text) if thai_digits else text


def format_be_datetime(moment: datetime | None, *, style: str = "short", thai_digits: bool = False,
                       language: str = "th") -> str:
    """Date in BE and a 24-hour time: ``15 ส.ค. 2567 14:05``."""
    if moment is None:
        return ""
    text = f"{format_be_date(moment, style=style, language=language)} {moment:%H:%M}"
    return to_thai_digits(text) if thai_digits else text


def format_be_month(year: int, month: int, *, long: bool = True, language: str = "th") -> str:
    """``สิงหาคม 2567`` for (2024, 8)."""
    if language == "en":
        return f"{ENGLISH_MONTHS_SHORT[month - 1]} {year + BE_OFFSET}"
    names = THAI_MONTHS if long else THAI_MONTHS_SHORT
    return f"{names[month - 1]} {year + BE_OFFSET}"


_MONTH_LOOKUP: dict[str, int] = {}
for _i, (_long, _short, _en) in enumerate(
        zip(THAI_MONTHS, THAI_MONTHS_SHORT, ENGLISH_MONTHS_SHORT, strict=True)):
    _MONTH_LOOKUP[_long] = _i + 1
    _MONTH_LOOKUP[_short] = _i + 1
    _MONTH_LOOKUP[_short.replace(".", "")] = _i + 1
    _MONTH_LOOKUP[_en.lower()] = _i + 1

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WORDS_DATE = re.compile(r"^(\d{1,2})\s+(\S+?)\s*(?:พ\.ศ\.\s*)?(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _year_from(text_year: int, *, assume_be: bool) -> int:
    """Years >= 2400 are BE (the Gregorian calendar will not reach 2400 in this program's life)."""
    if text_year >= 2400 or assume_be:
        return text_year - BE_OFFSET
    return text_year


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(N_("Not a valid date: {value}"), value=text) from None


def parse_date(text: str) -> date:
    """Parse ``2024-08-15``, ``2567-08-15``, ``15/08/2567``, ``15 ส.ค. 2567``, ``15 สิงหาคม 2567``.

    Years of 2400 and above are read as Buddhist Era; Thai digits are accepted.
    """
    raw = text
    text = text.strip().translate(_THAI_DIGITS)
    if m := _ISO_DATE.match(text):
        return _make_date(_year_from(int(m[1]), assume_be=False), int(m[2]), int(m[3]), raw)
    if m := _NUMERIC_DATE.match(text):
        return _make_date(_year_from(int(m[3]), assume_be=True), int(m[2]), int(m[1]), raw)
    if m := _WORDS_DATE.match(text):
        month = _MONTH_LOOKUP.get(m[2].lower()) or _MONTH_LOOKUP.get(m[2].replace(".", ""))
        if month is None:
            raise ValidationError(N_("Unknown month name: {value}"), value=m[2])
        return _make_date(_year_from(int(m[3]), assume_be=True), month, int(m[1]), raw)
    raise ValidationError(N_("Not a valid date: {value}"), value=raw)


def parse_month(text: str) -> tuple[int, int]:
    """``2567-08`` (BE) or ``2024-08`` (Gregorian) to the Gregorian (year, month)."""
    raw = text
    text = text.strip().translate(_THAI_DIGITS)
    m = _MONTH.match(text)
    if not m or not 1 <= int(m[2]) <= 12:
        raise ValidationError(N_("Not a valid month (expected e.g. 2567-08): {value}"), value=raw)
    return _year_from(int(m[1]), assume_be=False), int(m[2])


def parse_year(text: str) -> int:
    """``2567`` (BE) or ``2024`` to the Gregorian year."""
    raw = text
    text = text.strip().translate(_THAI_DIGITS)
    if not re.fullmatch(r"\d{4}", text):
        raise ValidationError(N_("Not a valid year (expected e.g. 2567): {value}"), value=raw)
    return _year_from(int(text), assume_be=False)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First day of the month and first day of the next month."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt
