"""Small date arithmetic shared by the period and deadline readers."""
from __future__ import annotations

import calendar
import datetime as dt

from handlers.parse.numbers import to_int

CN_SMALL = "一二三四五六七八九十两"
# 元月 is January; "500元月租" is not.
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|(?<![\d零〇一二三四五六七八九十百千万两])元)"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
YEAR_WORD = r"(?:今年|明年|去年|\d{4}年|[二〇零一三四五六七八九]{4}年)"
# The day a part of a month names ("底" its last): 月底, 上旬, 腊月中旬.
PART_DAY: dict[str, int | str] = {"上中旬": 20, "中下旬": "last",
                                  "上旬": 10, "中旬": 20, "下旬": "last", "初": 5, "中": 15, "底": "last",
                                  "末": "last", "上半月": 15, "下半月": "last"}


def last_day(year: int, month: int) -> int:
    """Number of days in a month."""
    return calendar.monthrange(year, month)[1]


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) moved by n months."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (2月30日); days past month end are not clamped."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_day(year: int, month: int, day: int | str) -> dt.date:
    """A day of a month where "last" means the month's last day."""
    return dt.date(year, month, last_day(year, month) if day == "last" else int(day))


def month_number(word: str | None) -> int | None:
    """1–12 from a month word ("3", "十二", "元"), None when it is none."""
    if not word:
        return None
    value = 1 if word == "元" else to_int(word)
    return value if value is not None and 1 <= value <= 12 else None


def year_of(word: str | None, today: dt.date) -> int | None:
    """The year a word names (今年, 明年, 去年, 2027年, 二〇二七年, 27年), None when no word."""
    if not word:
        return None
    if word.startswith("今"):
        return today.year
    if word.startswith("明"):
        return today.year + 1
    if word.startswith("去"):
        return today.year - 1
    digits = word.rstrip("年")
    if len(digits) == 2 and digits.isascii() and digits.isdigit():  # "27年3月": cadres drop the century
        near = today.year - today.year % 100 + int(digits)
        return near - 100 if near > today.year + 50 else near
    year = to_int(digits)
    # A year no cadre means ("0000年") would only break date arithmetic: read no year at all.
    return year if year is not None and 1900 <= year <= 2200 else None
