"""China's working-day calendar (holidays and 调休 make-up days): one source for the scheduler, the time limits
of issues and the parser.

In order: the office's own table for a year (loaded from the State Council's notice, `yuebao holidays import`;
it wins), then chinesecalendar (the years the State Council has published, 2004–2026 in the installed version),
then an estimate from the `holidays` package's China calendar (statutory days off by the lunar calendar, no
make-up days known), which every reader says in `warnings` so the record can tell the user the date is an
estimate. The office table is process-wide state set by the composition root (`use_office_days`): reading it
keeps the parser pure in the sense that matters, the same text, time and table always give the same record.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

import chinese_calendar
import holidays as holiday_tables
from chinese_calendar.constants import Holiday

# The words cadres use for each official holiday ("年前" is before the Spring Festival).
HOLIDAY_WORDS: dict[str, Holiday] = {
    "元旦": Holiday.new_years_day, "阳历新年": Holiday.new_years_day,
    "春节": Holiday.spring_festival, "过年": Holiday.spring_festival,
    "年": Holiday.spring_festival, "清明": Holiday.tomb_sweeping_day, "五一": Holiday.labour_day,
    "劳动节": Holiday.labour_day, "端午": Holiday.dragon_boat_festival,
    "中秋": Holiday.mid_autumn_festival, "国庆": Holiday.national_day, "十一": Holiday.national_day,
}
_HOLIDAY_NAMES = {Holiday.new_years_day: "元旦", Holiday.spring_festival: "春节",
                  Holiday.tomb_sweeping_day: "清明", Holiday.labour_day: "劳动节",
                  Holiday.dragon_boat_festival: "端午", Holiday.mid_autumn_festival: "中秋",
                  Holiday.national_day: "国庆"}
# The same holidays as the `holidays` package names them (its China calendar, in English).
_ESTIMATE_NAMES = {Holiday.new_years_day: "New Year's Day", Holiday.spring_festival: "Spring Festival",
                   Holiday.tomb_sweeping_day: "Tomb-Sweeping Day", Holiday.labour_day: "Labor Day",
                   Holiday.dragon_boat_festival: "Dragon Boat Festival",
                   Holiday.mid_autumn_festival: "Mid-Autumn Festival", Holiday.national_day: "National Day"}
NEAR = dt.timedelta(days=10)  # an office's day off this close to a holiday's date belongs to that holiday
ESTIMATED = "estimated"  # the start of the warning every date computed from an estimate carries

# The office's tables: per year, the days that differ from Monday–Friday (True: a make-up working day 班,
# False: a day off 休). Replaced as a whole by `use_office_days`.
_office: dict[int, Mapping[dt.date, bool]] = {}


def use_office_days(days: Mapping[dt.date, bool]) -> None:
    """Take the office's tables (every year they cover) as the calendar, over chinesecalendar and estimates."""
    years: dict[int, dict[dt.date, bool]] = {}
    for day, working in days.items():
        years.setdefault(day.year, {})[day] = working
    _office.clear()
    _office.update(years)
    _official_workday.cache_clear()


def office_years() -> frozenset[int]:
    """The years the office's own table covers."""
    return frozenset(_office)


def _note(warnings: list[str] | None, message: str) -> None:
    if warnings is not None and message not in warnings:
        warnings.append(message)


@lru_cache(maxsize=4096)
def _official_workday(day: dt.date) -> bool | None:
    table = _office.get(day.year)
    if table is not None:
        return table.get(day, day.weekday() < 5)
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


@lru_cache(maxsize=64)
def estimated_days_off(year: int) -> frozenset[dt.date]:
    """Statutory days off of a year by the `holidays` package (lunar dates computed, weekday substitutes
    included; the State Council's make-up working days are not knowable in advance)."""
    return frozenset(holiday_tables.country_holidays("CN", years=year))


def is_official(year: int) -> bool:
    """Whether the office's table or chinesecalendar covers the year (else the calendar is an estimate)."""
    return _official_workday(dt.date(year, 7, 1)) is not None


def is_workday(day: dt.date, warnings: list[str] | None = None) -> bool:
    """True on a working day: official where known, else estimated (with a warning) from the statutory days off."""
    official = _official_workday(day)
    if official is not None:
        return official
    _note(warnings, f"{ESTIMATED}: no official holiday calendar for {day.year}, days off estimated from the "
                    "statutory holidays")
    return day.weekday() < 5 and day not in estimated_days_off(day.year)


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


def _estimated_date(holiday: Holiday, year: int) -> dt.date | None:
    name = _ESTIMATE_NAMES.get(holiday)
    named = holiday_tables.country_holidays("CN", years=year).get_named(name, lookup="icontains") if name else []
    return min(named) if named else None


def _office_first_day(holiday: Holiday, year: int) -> dt.date | None:
    # The office's table has days, not names: the holiday's days off are the office's days off around its date.
    near = _estimated_date(holiday, year)
    table = _office[year]
    off = sorted(d for d, working in table.items() if not working and near is not None and abs(d - near) <= NEAR)
    return off[0] if off else None


def first_day_off(holiday: Holiday, year: int, warnings: list[str] | None = None) -> dt.date | None:
    """First day off of a holiday in a year, including adjoining weekend days; None if unknowable."""
    if year in _office:
        day = _office_first_day(holiday, year)
    elif is_official(year):
        day = _first_official_days().get((year, holiday))
    else:
        day = _estimated_date(holiday, year)
        _note(warnings, f"{ESTIMATED}: no official holiday calendar for {year}, {_HOLIDAY_NAMES[holiday]} "
                        "taken from the statutory holidays")
    if day is None:
        _note(warnings, f"no holiday calendar gives the date of {_HOLIDAY_NAMES[holiday]} in {year}")
        return None
    # A break that starts on Monday really starts on the Saturday before.
    while not is_workday(day - dt.timedelta(days=1)):
        day -= dt.timedelta(days=1)
    return day


def listed_days(year: int) -> list[tuple[dt.date, bool, bool]]:
    """(day, working, estimated) for every day off and make-up working day of a year, as the calendar stands."""
    if year in _office:
        return [(day, working, False) for day, working in sorted(_office[year].items())]
    if not is_official(year):
        return [(day, False, True) for day in sorted(estimated_days_off(year))]
    first = dt.date(year, 1, 1)
    days = (first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days))
    return [(day, bool(_official_workday(day)), False) for day in days if _listed(day)]


def _listed(day: dt.date) -> bool:
    if _official_workday(day):
        return day.weekday() >= 5  # 调休: a weekend working day
    # A weekday off, or a weekend day chinesecalendar counts in a holiday's break.
    return day.weekday() < 5 or chinese_calendar.get_holiday_detail(day)[1] is not None
