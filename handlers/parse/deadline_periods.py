"""Deadline resolvers that name a period (its last day or a part of it) or a holiday: 月底, 下月, 3月份,
上半年, 一季度, 年内, 国庆前, 重阳前, 腊八前, 节前."""
from __future__ import annotations

import datetime as dt
import re

from handlers.parse.calendar_math import PART_DAY, add_months, month_day, month_number, year_of
from handlers.parse.due import Ctx, ahead, forward, group, next_month_same_part, next_year
from handlers.parse.festivals import (
    eve_of_next_break,
    festival_eve,
    first_workday_after_break,
)
from handlers.parse.numbers import to_int
from handlers.parse.workdays import HOLIDAY_WORDS, first_day_off

# How cadres name the festivals festivals.py knows.
FESTIVAL_WORDS = {"妇女节": "妇女节", "三八妇女节": "妇女节", "三八节": "妇女节", "三八": "妇女节",
                  "青年节": "青年节", "五四青年节": "青年节", "五四": "青年节", "儿童节": "儿童节", "六一": "儿童节",
                  "六一儿童节": "儿童节", "建党节": "建党节", "七一": "建党节", "建军节": "建军节", "八一": "建军节",
                  "八一建军节": "建军节", "教师节": "教师节", "双十一": "双十一", "双11": "双十一",
                  "除夕": "除夕", "元宵": "元宵", "元宵节": "元宵", "重阳": "重阳", "重阳节": "重阳",
                  "腊八": "腊八", "腊八节": "腊八", "小年": "小年", "七夕": "七夕", "七夕节": "七夕",
                  "中元": "中元", "中元节": "中元", "龙抬头": "龙抬头"}


def month_part(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"3月底", "5月上旬", "十二月月底", "3月前" (its eve): that day, next year's when past and no year said."""
    year = year_of(m["yr"], c.today)
    month = month_number(m["m"])
    if month is None:
        return None
    y = year or c.today.year
    if m["part"] == "前":
        found = dt.date(y, month, 1) - dt.timedelta(days=1)
    else:
        found = month_day(y, month, PART_DAY[m["part"]])
    return found if year else forward(found, c.today, next_year)


def relative_month_part(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"月底", "下月中", "上旬", "上半月": that day of the month named, next month's when past."""
    shift = ahead(group(m, "rel"))
    year, month = add_months(c.today.year, c.today.month, shift)
    part = PART_DAY[m["part"]]
    found = month_day(year, month, part)
    return forward(found, c.today, next_month_same_part(part)) if shift == 0 else found


def relative_month(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"本月内", "下个月内", "下月": the last day of that month."""
    year, month = add_months(c.today.year, c.today.month, ahead(m["rel"]))
    return month_day(year, month, "last")


def whole_month(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"3月份", "2027年10月", "三月到五月": the month's last day, next year's when past and no year said."""
    month = month_number(m["m"])
    if month is None:
        return None
    end_year = year_of(group(m, "yr2"), c.today)  # "26年11月至27年1月"
    said = end_year or year_of(m["yr"], c.today)
    first = month_number(group(m, "m1"))
    year = (said or c.today.year) + (1 if first is not None and month < first and not end_year else 0)
    found = month_day(year, month, "last")
    return found if said else forward(found, c.today, next_year)


def quarter(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"季度末", "下季度末", "三季度", "首季度", "明年一季度": the quarter's last day (next year's once past)."""
    word = (m["q"] or "").lstrip("第")
    said = year_of(group(m, "yr"), c.today)
    this_q = (c.today.month - 1) // 3 + 1
    year = said or c.today.year
    if word == "首":
        q = 1
    elif not word or word[0] in "本这下":
        q = this_q + ahead(word)
    else:
        q = to_int(word) or this_q
    if q > 4:
        year, q = year + 1, q - 4
    found = month_day(year, q * 3, "last")
    return found if said else forward(found, c.today, next_year)


def half_year(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"上半年/前半年" → 30 June, "下半年/后半年" → 31 December; of the year said, else this one (next year's once
    past)."""
    said = year_of(m["yr"], c.today)
    found = dt.date(said or c.today.year, 6, 30) if m["h"] in "上前" else dt.date(said or c.today.year, 12, 31)
    return found if said else forward(found, c.today, next_year)


def year_end(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"年底", "年内", "本年度内", "明年年底", "后年年底", "次年年末", "2027年底": 31 December of that year."""
    if m["yr"]:  # "2027年底": that year's (a plan's 完成时限 names its year)
        year = year_of(m["yr"] + "年", c.today)
        return dt.date(year, 12, 31) if year else None
    return dt.date(c.today.year + _years_ahead(m["yw"]), 12, 31)


def whole_year(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"明年", "2028年", "于27年", "今明两年": a year said on its own means its 31 December."""
    said = group(m, "yr") or group(m, "yr2")
    if said:
        year = year_of(said + "年", c.today)
        return dt.date(year, 12, 31) if year else None
    return dt.date(c.today.year + _years_ahead(m["yw"]), 12, 31)


def _years_ahead(word: str | None) -> int:
    # "今明两年" ends with next year, as "今明两天" ends tomorrow; "后年" is the year after next.
    if word == "后":
        return 2
    return 1 if word and (word[0] in "明次来下" or word == "今明两") else 0


def holiday(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"国庆前", "春节前", "年前": the day before the holiday's first day off; next year's once past."""
    name = HOLIDAY_WORDS[m["hol"]]
    for year in (c.today.year, c.today.year + 1):
        first = first_day_off(name, year, c.warnings)
        if first is None:
            return None
        eve = first - dt.timedelta(days=1)
        if eve >= c.today:
            return eve
    return None


def festival(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"重阳前", "青年节前", "元宵节前": the day before the festival (not a day off); next year's once past."""
    return festival_eve(FESTIVAL_WORDS[m["fest"]], c.today)


def around_break(m: re.Match[str], c: Ctx) -> dt.date | None:
    """"节前": the eve of the next official holiday; "(国庆)节后第一个工作日": the working day after its break."""
    named = group(m, "hol")
    if group(m, "after"):
        return first_workday_after_break(c.today, HOLIDAY_WORDS[named] if named else None, c.warnings)
    return eve_of_next_break(c.today, c.warnings)
