"""Deadline resolvers that name a day: dates, days of the month, weekdays, day words, counts of days."""
from __future__ import annotations

import datetime as dt
import re

from handlers.parse.calendar_math import add_months, last_day, month_number, safe_date, year_of
from handlers.parse.due import Ctx, ahead, forward, group, next_year
from handlers.parse.numbers import to_int, to_number
from handlers.parse.workdays import add_workdays

WEEKDAY = {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6} | {str(i + 1): i for i in range(7)}
_DAY_WORDS = {"今": 0, "当": 0, "本": 0, "明": 1, "次": 1, "后": 2, "大": 3,
              "今明两天": 1, "这两天": 2, "明后两天": 2, "明后天": 2,
              "大大后天": 4}
_WEEK_UNITS = ("周", "星期", "个星期", "礼拜", "个礼拜")
_ORDINAL = {c: i + 1 for i, c in enumerate("一二三四五")} | {str(i): i for i in range(1, 6)}


def full_date(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"2026年3月18日", "2026-03-18": that day."""
    year, month, day = to_int(m["y"]), to_int(m["m"]), to_int(m["d"])
    return safe_date(year, month, day) if year and month and day else None


def month_date(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"3月15日", "十二月十五前", "6.30前": that day, next year's when past and no year is said."""
    year = year_of(group(m, "yr"), c.today)
    month, day = month_number(m["m"]), to_int(m["d"])
    if not month or not day:
        return None
    found = safe_date(year or c.today.year, month, day)
    return found if year else forward(found, c.today, next_year)


def month_date_range(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"1月10日到12日", "4月20日至5月10日", "26年12月1日到27年1月15日", "04-01至04-25": the range's last day
    (in the next year when it wraps)."""
    first = month_number(m["m1"])
    month = month_number(m["m"]) if m["m"] else first
    day = to_int(m["d"])
    if not first or not month or not day:
        return None
    said = year_of(group(m, "yr2"), c.today) or year_of(group(m, "yr"), c.today)
    wraps = month < first and not group(m, "yr2")
    year = (said or c.today.year) + (1 if wraps else 0)
    found = safe_date(year, month, day)
    return found if said else forward(found, c.today, next_year)


def relative_month_day(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"下月15号": that day of the month named; "本月30号" reads as "30号"."""
    shift = ahead(m["rel"])
    day_no = to_int(m["d"])
    if shift == 0:
        return day_of_month(day_no, c.today)
    year, month = add_months(c.today.year, c.today.month, shift)
    return safe_date(year, month, day_no) if day_no else None


def day_of_month(day_no: int | None, today: dt.date) -> dt.date | None:
    """A day of this month; already past → next month's, skipping months too short to have it."""
    if not day_no or day_no > 31:
        return None
    year, month = today.year, today.month
    for _ in range(3):  # the 31st may skip a short month
        found = safe_date(year, month, day_no)
        if found is not None and found >= today:
            return found
        year, month = add_months(year, month, 1)
    return None


def bare_day(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"20号前", "15号到18号": that day of this month, else of the next."""
    return day_of_month(to_int(m["d"]), c.today)


def weekday(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"本周五", "下周三", "周三至周五"; "本周内"/"下周" without a day: the Sunday that ends that week."""
    monday = c.today - dt.timedelta(days=c.today.weekday())
    weeks = ahead(m["wk"])
    wd = group(m, "wd")
    if wd is None:
        return monday + dt.timedelta(weeks=weeks, days=6)
    found = monday + dt.timedelta(weeks=weeks, days=WEEKDAY[wd])
    return forward(found, c.today, lambda d: d + dt.timedelta(weeks=1)) if weeks == 0 else found


def nth_weekday(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"十月第一个星期一", "下个月第一个周一", "5月最后一个星期五": that day; next year's (month's) when past."""
    target = WEEKDAY[m["wd"]]
    rel = group(m, "rel")
    if rel is not None:
        year, month = add_months(c.today.year, c.today.month, ahead(rel))
        said = True
    else:
        number = month_number(m["m"])
        if number is None:
            return None
        said_year = year_of(group(m, "yr"), c.today)
        year, month, said = said_year or c.today.year, number, said_year is not None
    found = _nth_weekday(year, month, target, m["n"])
    if found is not None and found < c.today and not said:
        found = _nth_weekday(year + 1, month, target, m["n"])
    elif found is not None and found < c.today and rel is not None and ahead(rel) == 0:
        year, month = add_months(year, month, 1)
        found = _nth_weekday(year, month, target, m["n"])
    return found


def _nth_weekday(year: int, month: int, target: int, nth: str | None) -> dt.date | None:
    if nth is None:  # the last one
        end = dt.date(year, month, last_day(year, month))
        return end - dt.timedelta(days=(end.weekday() - target) % 7)
    first = dt.date(year, month, 1)
    found = first + dt.timedelta(days=(target - first.weekday()) % 7, weeks=_ORDINAL[nth] - 1)
    return found if found.month == month else None


def duration(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"3天内", "未来五天", "10天后", "5个工作日内", "48小时内", "半个月内", "一个半月内": today plus that much."""
    n = 0.5 if m["n"] == "半" else to_number(m["n"])
    if n is None:
        return None
    unit = m["u"]
    if unit == "个半月":
        n, unit = n + 0.5, "个月"
    if "工作日" in unit:
        return add_workdays(c.today, int(n), c.warnings)
    if "小时" in unit:
        start = c.now or dt.datetime.combine(c.today, dt.time(12))
        return (start + dt.timedelta(hours=n)).date()
    if "月" in unit:
        if n != int(n):
            return c.today + dt.timedelta(days=int(n * 30))
        year, month = add_months(c.today.year, c.today.month, int(n))
        return dt.date(year, month, min(c.today.day, last_day(year, month)))
    days = n * 7 if unit in _WEEK_UNITS else n
    return c.today + dt.timedelta(days=int(days))


def weekend(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"这周末" → its Sunday; "周末前" → the Friday before it."""
    weeks = ahead(m["wk"])
    sunday = c.today + dt.timedelta(weeks=weeks, days=6 - c.today.weekday())
    # Said on a weekend, this week's Friday is past: it moves forward by its own unit, to next week's Friday.
    if not m["before"]:
        return sunday
    friday = sunday - dt.timedelta(days=2)
    return forward(friday, c.today, lambda d: d + dt.timedelta(weeks=1))


def today(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"下午四点前", "截止17:30": a time of day with no day said is today's."""
    return c.today


def day_word(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"今天", "明天", "次日", "后天", "大后天", "今明两天", "这两天", "明后天": today plus that many days."""
    word = m["dw"]
    return c.today + dt.timedelta(days=_DAY_WORDS.get(word, _DAY_WORDS.get(word[0], 0)))
