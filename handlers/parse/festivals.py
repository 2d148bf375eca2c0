"""Festival dates and official breaks for deadlines: "重阳前", "腊八前", "节前", "节后第一个工作日" (PARSING.md, "Deadline").

Festivals that are no day off are not in chinesecalendar: the solar ones have fixed dates, the lunar ones come
from lunar.py.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chinese_calendar.constants import Holiday

from handlers.parse.lunar import next_lunar
from handlers.parse.workdays import HOLIDAY_WORDS, first_day_off, is_workday

# Festivals on a fixed solar date.
_SOLAR = {"妇女节": (3, 8), "青年节": (5, 4), "儿童节": (6, 1), "建党节": (7, 1), "建军节": (8, 1),
          "教师节": (9, 10), "双十一": (11, 11)}
# Festivals on a lunar month-day ("last": the month's last day). 小年 is the northern 腊月二十三, the day the
# national calendars print; the south keeps it a day later.
_LUNAR: dict[str, tuple[int, int | str]] = {"除夕": (12, "last"), "元宵": (1, 15), "重阳": (9, 9), "腊八": (12, 8),
                                            "小年": (12, 23), "七夕": (7, 7), "中元": (7, 15), "龙抬头": (2, 2)}
_DAY = dt.timedelta(days=1)
_OFFICIAL = tuple(dict.fromkeys(HOLIDAY_WORDS.values()))  # each official holiday once


def festival_eve(name: str, today: dt.date) -> dt.date | None:
    """The day before the next festival of that name whose eve is not past."""
    if name in _LUNAR:
        day = next_lunar(*_LUNAR[name], today + _DAY)
        return day - _DAY if day else None
    month, day_no = _SOLAR[name]
    for year in (today.year, today.year + 1):
        eve = dt.date(year, month, day_no) - _DAY
        if eve >= today:
            return eve
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
