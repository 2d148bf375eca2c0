"""Festival dates and official breaks for deadlines: "重阳前", "节前", "节后第一个工作日" (PARSING.md, "Deadline").

Festivals that are no day off are not in chinesecalendar; their dates come from the `holidays` package,
which already computes the lunar ones (the Spring Festival for 元宵, the Double Ninth), so no lunar
conversion is written here.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import holidays as holiday_tables
from chinese_calendar.constants import Holiday

from handlers.parse.workdays import HOLIDAY_WORDS, first_day_off, is_workday

# Festivals on a fixed solar date.
_SOLAR = {"妇女节": (3, 8), "青年节": (5, 4), "儿童节": (6, 1), "建党节": (7, 1), "建军节": (8, 1),
          "教师节": (9, 10), "双十一": (11, 11)}
# Days from 正月初一: 除夕 is the day before, 元宵 (正月十五) the 14th day after.
_FROM_NEW_YEAR = {"除夕": dt.timedelta(days=-1), "元宵": dt.timedelta(days=14)}
_DAY = dt.timedelta(days=1)
_OFFICIAL = tuple(dict.fromkeys(HOLIDAY_WORDS.values()))  # each official holiday once


@lru_cache(maxsize=64)
def festival_date(name: str, year: int) -> dt.date | None:
    """The date of a festival (妇女节 … 双十一, 除夕, 元宵, 重阳) in a year; None when no calendar knows it."""
    if name in _SOLAR:
        month, day = _SOLAR[name]
        return dt.date(year, month, day)
    if name in _FROM_NEW_YEAR:
        new_year = holiday_tables.country_holidays("CN", years=year).get_named(
            "Chinese New Year (Spring Festival)", lookup="icontains")
        return min(new_year) + _FROM_NEW_YEAR[name] if new_year else None
    # Hong Kong keeps the Double Ninth as a public holiday; its date is the lunar one, the same everywhere.
    double_ninth = holiday_tables.country_holidays("HK", years=year).get_named("Double Ninth Festival",
                                                                               lookup="startswith")
    return min(double_ninth) if double_ninth else None


def festival_eve(name: str, today: dt.date) -> dt.date | None:
    """The day before the next festival of that name that is not past."""
    for year in (today.year, today.year + 1):
        day = festival_date(name, year)
        if day is not None and day - _DAY >= today:
            return day - _DAY
    return None


@dataclass(frozen=True)
class _Break:
    first: dt.date  # first day off
    last: dt.date  # last day off
    notes: tuple[str, ...]  # the calendar's warnings about this break (an estimate)


def _break_of(holiday: Holiday, year: int) -> _Break | None:
    notes: list[str] = []
    first = first_day_off(holiday, year, notes)
    if first is None:
        return None
    last = first
    while not is_workday(last + _DAY, notes):
        last += _DAY
    return _Break(first, last, tuple(notes))


def _next_break(today: dt.date, holidays: Sequence[Holiday], warnings: list[str] | None,
                wanted: Callable[[_Break], bool]) -> _Break | None:
    # Only the chosen break's warnings are passed on: an estimate of a holiday not chosen says nothing about the date.
    for year in (today.year, today.year + 1):
        breaks = sorted((b for b in (_break_of(h, year) for h in holidays) if b is not None), key=lambda b: b.first)
        found = next((b for b in breaks if wanted(b)), None)
        if found is not None:
            if warnings is not None:
                warnings.extend(n for n in found.notes if n not in warnings)
            return found
    return None


def eve_of_next_break(today: dt.date, warnings: list[str] | None = None) -> dt.date | None:
    """"节前": the day before the first day off of the next official holiday."""
    found = _next_break(today, _OFFICIAL, warnings, lambda b: b.first - _DAY >= today)
    return found.first - _DAY if found else None


def first_workday_after_break(today: dt.date, holiday: Holiday | None = None,
                              warnings: list[str] | None = None) -> dt.date | None:
    """"节后第一个工作日", "国庆后第一个工作日": the working day after the break under way, else after the next
    one (of that holiday, when one is named)."""
    found = _next_break(today, _OFFICIAL if holiday is None else (holiday,), warnings, lambda b: b.last >= today)
    return found.last + _DAY if found else None
