"""The reporting calendar through all of 2026, checked against one worked out here from the official holidays."""
from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from handlers.reporting_calendar import DEFAULT_CALENDAR, CalendarEntry, fire_time, occurrences

ZONE = ZoneInfo("Asia/Shanghai")
ENTRIES = {e.job: e for e in DEFAULT_CALENDAR}


def expected(day: dt.date, at: dt.time, earlier: bool) -> dt.datetime:
    """Independently: step day by day over chinese_calendar until a working day."""
    moved = day
    while not chinese_calendar.is_workday(moved):
        moved += dt.timedelta(days=-1 if earlier else 1)
    return dt.datetime.combine(moved, at if moved == day or earlier else dt.time(9, 0), tzinfo=ZONE)


def test_every_job_of_2026_fires_when_the_official_calendar_says() -> None:
    start, end = dt.datetime(2026, 1, 1, tzinfo=ZONE), dt.datetime(2027, 1, 1, tzinfo=ZONE)
    for entry in DEFAULT_CALENDAR:
        got = list(occurrences(entry, start, end, ZONE))
        want = []
        for month in entry.months:
            last = calendar.monthrange(2026, month)[1]
            day = dt.date(2026, month, last if entry.day == 0 else entry.day)
            want.append((f"2026-{month:02d}", expected(day, entry.at, entry.before_deadline)))
        assert got == want, entry.job


@pytest.mark.parametrize(("job", "month", "when"), [
    ("month_start", 10, dt.datetime(2026, 10, 8, 9, 0)),  # National Day break (1-7 Oct): the day after it
    ("monthly_digest", 10, dt.datetime(2026, 10, 8, 9, 0)),
    ("month_start", 2, dt.datetime(2026, 2, 2, 9, 0)),  # 1 Feb 2026 is a Sunday
    ("mid_month", 2, dt.datetime(2026, 2, 24, 9, 0)),  # 15 Feb is in the Spring Festival break
    ("deadline_reminder", 1, dt.datetime(2026, 1, 30, 9, 0)),  # 31 Jan is a Saturday: the Friday before
    ("deadline_reminder", 3, dt.datetime(2026, 3, 31, 9, 0)),
    ("quarterly_bulletin", 4, dt.datetime(2026, 4, 7, 9, 0)),  # 5 Apr is 清明: after the break
    ("month_end_check", 1, dt.datetime(2026, 1, 26, 9, 0)),  # 25 Jan is a Sunday
])
def test_known_shifts(job: str, month: int, when: dt.datetime) -> None:
    assert fire_time(ENTRIES[job], 2026, month, ZONE) == when.replace(tzinfo=ZONE)


def test_a_make_up_working_day_is_a_working_day() -> None:
    # Sunday 4 January 2026 is a 调休 working day (for New Year): a job due that day stays on it.
    entry = CalendarEntry("x", "x", 4, dt.time(9, 30), months=(1,))
    assert fire_time(entry, 2026, 1, ZONE) == dt.datetime(2026, 1, 4, 9, 30, tzinfo=ZONE)


def test_a_year_without_official_data_uses_the_estimated_holidays_and_says_so() -> None:
    warnings: list[str] = []
    when = fire_time(ENTRIES["month_start"], 2027, 5, ZONE, warnings)
    assert when == dt.datetime(2027, 5, 5, 9, 0, tzinfo=ZONE)  # 劳动节 2027 estimated 1–4 May
    assert warnings and "2027" in warnings[0] and warnings[0].startswith("estimated")
    # No 2027 data: nothing the calendar sends lands in the estimated 春节 days off
    fired = [fire_time(e, 2027, 2, ZONE) for e in ENTRIES.values()]
    assert not any(dt.date(2027, 2, 5) <= f.date() <= dt.date(2027, 2, 10) for f in fired)
