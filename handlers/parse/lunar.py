"""Lunar-calendar days: "腊月二十三前", "正月十五前", "农历十二月二十日", "腊月底", and the lunar festivals.

Villages count the winter by the lunar calendar (腊月, 正月), so hand-offs there name lunar days. The month
lengths come from lunar_python's tables (1900–2100) rather than from an astronomical conversion written here.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from lunar_python import LunarYear, Solar

from handlers.parse.calendar_math import PART_DAY
from handlers.parse.due import Ctx, group
from handlers.parse.numbers import to_int

# 正月 is the first month, 冬月 the eleventh and 腊月 the twelfth; the others are said with 农历/阴历 before them.
MONTH_WORDS = {"正": 1, "冬": 11, "腊": 12}
LUNAR_MONTH = (r"(?:(?:农历|阴历|古历)\s*(?P<lm>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九正冬腊])"
               r"|(?<![农阴古历])(?P<lm2>[正冬腊]))月")
LUNAR_DAY = r"(?P<ld>初[一二三四五六七八九十]|廿[一二三四五六七八九]?|二?十[一二三四五六七八九]?|三十|30|[12]\d|0?[1-9])"
_DAY_OFFSET = {"初": 0, "廿": 20}


@lru_cache(maxsize=256)
def _month_start(lunar_year: int, month: int) -> tuple[dt.date, int] | None:
    # The first day of a lunar month (the common, not the leap, month) and how many days it has.
    try:
        found = LunarYear.fromYear(lunar_year).getMonth(month)
    except (IndexError, ValueError):
        return None
    if found is None:
        return None
    solar = Solar.fromJulianDay(found.getFirstJulianDay())
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay()), found.getDayCount()


def lunar_date(lunar_year: int, month: int, day: int | str) -> dt.date | None:
    """The solar date of a lunar day; "last" (or 三十 in a 29-day month, as 除夕 is said) is the month's last day."""
    start = _month_start(lunar_year, month)
    if start is None:
        return None
    first, length = start
    wanted = length if day == "last" else min(int(day), length)
    return first + dt.timedelta(days=wanted - 1)


def lunar_year_of(day: dt.date) -> int:
    """The lunar year a solar day falls in (January days before 正月初一 belong to the year before)."""
    new_year = lunar_date(day.year, 1, 1)
    return day.year if new_year is None or day >= new_year else day.year - 1


def next_lunar(month: int, day: int | str, today: dt.date) -> dt.date | None:
    """The first solar date of that lunar month-day that is not before today."""
    year = lunar_year_of(today)
    for lunar_year in (year, year + 1):
        found = lunar_date(lunar_year, month, day)
        if found is not None and found >= today:
            return found
    return None


def deadline(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"腊月二十三", "正月十五", "农历十二月二十日", "腊月底", "正月中旬": that day, next lunar year's when past."""
    month = _month_of(m["lm"] or m["lm2"])
    said_day, part = group(m, "ld"), group(m, "part")
    day = _day_number(said_day) if said_day else PART_DAY[part] if part else None
    if month is None or day is None:
        return None
    return next_lunar(month, day, c.today)


def _month_of(word: str) -> int | None:
    value = MONTH_WORDS.get(word) or to_int(word)
    return value if value is not None and 1 <= value <= 12 else None


def _day_number(word: str) -> int | None:
    # 初八 → 8, 廿三 → 23, 二十 → 20, 三十 → 30, "15" → 15.
    if word[0] in _DAY_OFFSET:
        rest = to_int(word[1:]) if word[1:] else 0
        value = None if rest is None else _DAY_OFFSET[word[0]] + rest
    else:
        value = to_int(word)
    return value if value is not None and 1 <= value <= 30 else None
