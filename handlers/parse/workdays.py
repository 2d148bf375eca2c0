"""China's official working-day calendar (holidays and 调休 make-up days) via chinesecalendar.

chinesecalendar only knows the years the State Council has published (2004–2026 in the installed
version) and raises NotImplementedError for others. Every reader here falls back instead of
failing: Monday–Friday for working days, the fixed or solar date for holidays, and says so in
`warnings` so the record can tell the user the date is an estimate.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar
from chinese_calendar.constants import Holiday

# The words cadres use for each official holiday ("年前" is before the Spring Festival).
HOLIDAY_WORDS: dict[str, Holiday] = {
    "元旦": Holiday.new_years_day, "春节": Holiday.spring_festival, "过年": Holiday.spring_festival,
    "年": Holiday.spring_festival, "清明": Holiday.tomb_sweeping_day, "五一": Holiday.labour_day,
    "劳动节": Holiday.labour_day, "端午": Holiday.dragon_boat_festival,
    "中秋": Holiday.mid_autumn_festival, "国庆": Holiday.national_day, "十一": Holiday.national_day,
}
# Holidays on a fixed solar date, usable when the official calendar lacks the year.
_FIXED = {Holiday.new_years_day: (1, 1), Holiday.labour_day: (5, 1), Holiday.national_day: (10, 1)}
_HOLIDAY_NAMES = {Holiday.new_years_day: "元旦", Holiday.spring_festival: "春节",
                  Holiday.tomb_sweeping_day: "清明", Holiday.labour_day: "劳动节",
                  Holiday.dragon_boat_festival: "端午", Holiday.mid_autumn_festival: "中秋",
                  Holiday.national_day: "国庆"}


def _note(warnings: list[str] | None, message: str) -> None:
    if warnings is not None and message not in warnings:
        warnings.append(message)


@lru_cache(maxsize=4096)
def _official_workday(day: dt.date) -> bool | None:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def is_workday(day: dt.date, warnings: list[str] | None = None) -> bool:
    """True on an official working day; Monday–Friday (with a warning) where the calendar has no data."""
    official = _official_workday(day)
    if official is not None:
        return official
    _note(warnings, f"no official holiday calendar for {day.year}: counted Monday-Friday as working days")
    return day.weekday() < 5


def add_workdays(today: dt.date, n: int, warnings: list[str] | None = None) -> dt.date:
    """The n-th working day strictly after `today` (today itself never counts, worked or not)."""
    day = today
    counted = 0
    while counted < max(n, 0):
        day += dt.timedelta(days=1)
        if is_workday(day, warnings):
            counted += 1
    return day


@lru_cache(maxsize=1)
def _first_official_days() -> dict[tuple[int, Holiday], dt.date]:
    first: dict[tuple[int, Holiday], dt.date] = {}
    for day, name in sorted(chinese_calendar.holidays.items()):
        holiday = Holiday(name) if not isinstance(name, Holiday) else name
        first.setdefault((day.year, holiday), day)
    return first


def first_day_off(holiday: Holiday, year: int, warnings: list[str] | None = None) -> dt.date | None:
    """First day off of a holiday in a year, including adjoining weekend days; None if unknowable."""
    day = _first_official_days().get((year, holiday))
    if day is not None:
        # A break that starts on Monday really starts on the Saturday before.
        while _official_workday(day - dt.timedelta(days=1)) is False:
            day -= dt.timedelta(days=1)
        return day
    name = _HOLIDAY_NAMES[holiday]
    if holiday in _FIXED:
        _note(warnings, f"no official holiday calendar for {year}: assumed {name} starts on its fixed date")
        return dt.date(year, *_FIXED[holiday])
    if holiday is Holiday.tomb_sweeping_day:
        try:
            terms = chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
        except Exception:  # the solar-term tables have their own range; an unknown year is no error
            terms = []
        if terms:
            _note(warnings, f"no official holiday calendar for {year}: assumed 清明 starts on the solar term")
            first: dt.date = terms[0][0]
            return first
    _note(warnings, f"no official holiday calendar for {year}: date of {name} unknown")
    return None
