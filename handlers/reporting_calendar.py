"""The township's reporting calendar (DESIGN.md): when each job fires, on China's official working days.

Pure: dates in, dates out. A send that falls on a non-working day (holidays and weekends, with 调休
make-up working days counted as working) moves to the next working day at 09:00; a reminder ahead of
a deadline moves to the previous working day instead, keeping its time.
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from handlers.parse import is_workday

SHIFTED_SEND = dt.time(9, 0)
QUARTER_MONTHS = (1, 4, 7, 10)


@dataclass(frozen=True)
class CalendarEntry:
    """One job of the calendar: the day of the month (0 = the last), its time, and which way a holiday moves it."""

    job: str
    title: str
    day: int
    at: dt.time
    before_deadline: bool = False  # a reminder ahead of a deadline moves earlier, not later
    months: tuple[int, ...] = tuple(range(1, 13))
    enabled: bool = True


# All at 09:00: what a job has for a person joins their one 今日待办 note of the day, sent from 09:00
# (scheduler.jobs.daily_note); a job set later reaches people already told that day on the next working day.
DEFAULT_CALENDAR = (
    CalendarEntry("month_start", "月初安排", 1, dt.time(9, 0)),
    CalendarEntry("monthly_digest", "月度简报", 1, dt.time(9, 0)),
    CalendarEntry("mid_month", "月中督办", 15, dt.time(9, 0)),
    CalendarEntry("month_end_check", "月末督查", 25, dt.time(9, 0)),
    CalendarEntry("deadline_reminder", "月报截止提醒", 0, dt.time(9, 0), before_deadline=True),
    CalendarEntry("quarterly_bulletin", "季度通报", 5, dt.time(9, 0), months=QUARTER_MONTHS),
)

# A county's own calendar (DESIGN.md): towns' month-end reports (月末报送) due on the last working day at 16:00,
# each town's card shown to its admin that morning and the towns not yet confirmed reminded once at the due time;
# the county digest (月报告) on the 1st, the county bulletin (季通报) on the 10th of each quarter's first month.
COUNTY_CALENDAR = (
    CalendarEntry("town_report", "月末报送", 0, dt.time(9, 0), before_deadline=True),
    CalendarEntry("town_report_due", "月末报送截止", 0, dt.time(16, 0), before_deadline=True),
    CalendarEntry("county_digest", "县月报告", 1, dt.time(9, 0)),
    CalendarEntry("county_bulletin", "县季通报", 10, dt.time(9, 0), months=QUARTER_MONTHS),
)


# The card of the month-end report goes out on the morning of its due day: the two move together.
SAME_DAY = ("town_report", "town_report_due")


def with_partners(entries: dict[str, CalendarEntry], changed: CalendarEntry) -> list[CalendarEntry]:
    """The entries to store for one change: a new day of 月末报送 (or its 截止) moves the other with it."""
    out = [changed]
    if changed.job in SAME_DAY and changed.day != entries[changed.job].day:
        out += [dataclasses.replace(entries[job], day=changed.day) for job in SAME_DAY if job != changed.job]
    return out


def nominal_day(entry: CalendarEntry, year: int, month: int) -> dt.date:
    """The calendar day before any holiday shift (day 0 is the month's last day)."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if entry.day == 0 else min(entry.day, last))


def fire_time(entry: CalendarEntry, year: int, month: int, zone: dt.tzinfo,
              warnings: list[str] | None = None) -> dt.datetime:
    """When the entry fires for a month, moved off non-working days as DESIGN.md says."""
    day, at = nominal_day(entry, year, month), entry.at
    if not is_workday(day, warnings):
        step = dt.timedelta(days=-1 if entry.before_deadline else 1)
        while not is_workday(day, warnings):
            day += step
        if not entry.before_deadline:
            at = SHIFTED_SEND
    return dt.datetime.combine(day, at, tzinfo=zone)


def occurrences(entry: CalendarEntry, start: dt.datetime, end: dt.datetime, zone: dt.tzinfo,
                warnings: list[str] | None = None) -> Iterator[tuple[str, dt.datetime]]:
    """(period 'YYYY-MM', fire time) of every firing with start ≤ time < end, in order."""
    year, month = start.astimezone(zone).year, start.astimezone(zone).month
    # A shift can carry a firing into the next month (a holiday at month end), so begin one month early.
    year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    while dt.datetime(year, month, 1, tzinfo=zone) < end:
        if entry.enabled and month in entry.months:
            when = fire_time(entry, year, month, zone, warnings)
            if start <= when < end:
                yield f"{year:04d}-{month:02d}", when
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
