"""Deadlines: the last day by which a handed-off thing is due (PARSING.md, "Deadline").

Written here rather than taken from a library because the general date parsers read these phrases
wrongly: dateparser takes "3月15日前" as "3 months 15 days ago" (前 = ago) and knows neither 上旬 nor
调休; jionlp cannot parse 月底前 or 月中 and counts 工作日 without official holidays. The rules
here are the township clerk's: a deadline is never in the past, a day that is already past moves
forward by its own unit, and working days follow the State Council calendar (workdays.py).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from handlers.parse.calendar_math import (
    CN_SMALL, DAY, MONTH, YEAR_WORD, add_months, last_day, month_day, safe_date, year_of,
)
from handlers.parse.numbers import to_int, to_number
from handlers.parse.workdays import HOLIDAY_WORDS, Holiday, add_workdays, first_day_off

_PART_DAY: dict[str, int | str] = {"上旬": 10, "中旬": 20, "下旬": "last", "初": 5, "中": 15, "底": "last",
                                  "末": "last"}
_WEEKDAY = {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6} | {str(i + 1): i for i in range(7)}
_PRE = re.compile(r"(?:请于|请在|务必于|务必在|最迟于|最迟|最晚|截止到|截止至|截止|截至|不晚于|延期到|延期至|"
                  r"延长到|延长至|于|在|到)\s*$")
_SUF = re.compile(r"\s*(?:之前|以前|前(?!后)|之内|以内|内|为止|截止|完成前)")
_STRONG_PRE = re.compile(r"截止|截至|最迟|最晚|不晚于|请于|请在|务必|延期|延长|到\s*$")
_TIME_OF_DAY = r"(?:早上|上午|中午|下午|晚上|下班|\d{1,2}点半?|[一二三四五六七八九十]{1,3}点半?)?"


@dataclass(frozen=True)
class DeadlineHit:
    """One deadline phrase: the date it names (None if unknowable) and its span with 请于…前 words."""

    date: dt.date | None
    start: int
    end: int
    marked: bool


@dataclass(frozen=True)
class _Ctx:
    today: dt.date
    now: dt.datetime | None
    warnings: list[str] | None


def _forward(day: dt.date | None, today: dt.date, step: Callable[[dt.date], dt.date | None]) -> dt.date | None:
    # "A day that is already past under its literal reading moves forward by its own unit."
    if day is not None and day < today:
        return step(day)
    return day


def _next_year(day: dt.date) -> dt.date | None:
    return safe_date(day.year + 1, day.month, day.day) or dt.date(day.year + 1, day.month, 28)


def _next_month_same_part(part: int | str) -> Callable[[dt.date], dt.date]:
    def step(day: dt.date) -> dt.date:
        year, month = add_months(day.year, day.month, 1)
        if part == "last":
            return month_day(year, month, "last")
        return dt.date(year, month, min(int(part), last_day(year, month)))
    return step


def _full_date(m: re.Match[str], c: _Ctx) -> dt.date | None:
    year, month, day = to_int(m["y"]), to_int(m["m"]), to_int(m["d"])
    return safe_date(year, month, day) if year and month and day else None


def _month_date(m: re.Match[str], c: _Ctx) -> dt.date | None:
    year = year_of(m["yr"], c.today)
    month, day = to_int(m["m"]), to_int(m["d"])
    if not month or not day:
        return None
    found = safe_date(year or c.today.year, month, day)
    return found if year else _forward(found, c.today, _next_year)


def _month_part(m: re.Match[str], c: _Ctx) -> dt.date | None:
    year = year_of(m["yr"], c.today)
    month = to_int(m["m"])
    if not month or not 1 <= month <= 12:
        return None
    y = year or c.today.year
    if m["part"] == "前":
        found = dt.date(y, month, 1) - dt.timedelta(days=1)
    else:
        found = month_day(y, month, _PART_DAY[m["part"]])
    return found if year else _forward(found, c.today, _next_year)


def _group(m: re.Match[str], name: str) -> str | None:
    # Patterns that share a resolver do not all define every group.
    return m.groupdict().get(name)


def _relative_month_day(m: re.Match[str], c: _Ctx) -> dt.date | None:
    shift = 1 if m["rel"].startswith("下") else 0
    shift += 1 if m["rel"].startswith("下下") else 0
    year, month = add_months(c.today.year, c.today.month, shift)
    day_no = to_int(m["d"])
    found = safe_date(year, month, day_no) if day_no else None
    if shift:
        return found
    return _forward(found, c.today, lambda d: safe_date(*add_months(d.year, d.month, 1), d.day))


def _relative_month_part(m: re.Match[str], c: _Ctx) -> dt.date | None:
    rel = _group(m, "rel") or ""
    shift = 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
    year, month = add_months(c.today.year, c.today.month, shift)
    part = _PART_DAY[m["part"]]
    found = month_day(year, month, part)
    return _forward(found, c.today, _next_month_same_part(part)) if shift == 0 else found


def _bare_day(m: re.Match[str], c: _Ctx) -> dt.date | None:
    day_no = to_int(m["d"])
    if not day_no or day_no > 31:
        return None
    year, month = c.today.year, c.today.month
    for _ in range(3):  # the 31st may skip a short month
        found = safe_date(year, month, day_no)
        if found is not None and found >= c.today:
            return found
        year, month = add_months(year, month, 1)
    return None


def _weekday(m: re.Match[str], c: _Ctx) -> dt.date | None:
    rel = m["wk"] or ""
    monday = c.today - dt.timedelta(days=c.today.weekday())
    weeks = 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
    wd = _group(m, "wd")
    if wd is None:  # 本周内 / 下周内: the Sunday that ends that week
        return monday + dt.timedelta(weeks=weeks, days=6)
    found = monday + dt.timedelta(weeks=weeks, days=_WEEKDAY[wd])
    return _forward(found, c.today, lambda d: d + dt.timedelta(weeks=1)) if weeks == 0 else found


def _duration(m: re.Match[str], c: _Ctx) -> dt.date | None:
    n = 0.5 if m["n"] == "半" else to_number(m["n"])
    if n is None:
        return None
    unit = m["u"]
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
    days = n * 7 if unit in ("周", "星期", "个星期", "礼拜", "个礼拜") else n
    return c.today + dt.timedelta(days=int(days))


def _day_word(m: re.Match[str], c: _Ctx) -> dt.date | None:
    offset = {"今": 0, "当": 0, "明": 1, "后": 2, "大": 3}[m["dw"][0]]
    return c.today + dt.timedelta(days=offset)


def _quarter(m: re.Match[str], c: _Ctx) -> dt.date | None:
    q_word = m["q"] or ""
    this_q = (c.today.month - 1) // 3 + 1
    year = c.today.year
    if q_word.startswith("下"):
        q = this_q + 1
    elif q_word.strip("第") and q_word[0] not in "本这":
        q = to_int(q_word.strip("第")) or this_q
    else:
        q = this_q
    if q > 4:
        year, q = year + 1, q - 4
    found = month_day(year, q * 3, "last")
    return _forward(found, c.today, _next_year)


def _year_end(m: re.Match[str], c: _Ctx) -> dt.date | None:
    return dt.date(c.today.year + (1 if m["yw"] == "明" else 0), 12, 31)


def _holiday(m: re.Match[str], c: _Ctx) -> dt.date | None:
    word = m["hol"]
    holiday = Holiday.spring_festival if word == "年前" else HOLIDAY_WORDS[word[:2] if word[:2] in HOLIDAY_WORDS
                                                                            else word]
    for year in (c.today.year, c.today.year + 1):
        first = first_day_off(holiday, year, c.warnings)
        if first is None:
            return None
        eve = first - dt.timedelta(days=1)
        if eve >= c.today:
            return eve
    return None


_NOT_AFTER_NUMBER = r"(?<![\d一二三四五六七八九十两几多半个])"
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], dt.date | None]], ...] = (
    (re.compile(r"(?<!\d)(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})[日号]?"), _full_date),
    (re.compile(rf"(?P<yr>{YEAR_WORD})?(?<!\d){_NOT_AFTER_NUMBER}(?P<m>{MONTH})月份?(?P<d>{DAY})[日号]"), _month_date),
    (re.compile(rf"(?P<yr>{YEAR_WORD})?(?<!\d)(?P<m>{MONTH})月份?(?P<part>上旬|中旬|下旬|初|中|底|末|前(?!后))"),
     _month_part),
    (re.compile(rf"(?P<rel>本|这个?|当|下下个?|下个?)月份?(?P<d>{DAY})[日号]"), _relative_month_day),
    (re.compile(r"(?:(?P<rel>本|这个?|当|下下个?|下个?)月份?|(?<![上个\d一二三四五六七八九十])月)"
                r"(?P<part>上旬|中旬|下旬|初|中(?!旬)|底|末)"), _relative_month_part),
    (re.compile(r"(?<!月)(?P<part>上旬|中旬|下旬)"), _relative_month_part),
    (re.compile(rf"(?<![月\d])(?P<d>{DAY})[日号](?=\s*(?:之前|以前|前|截止|为止))"), _bare_day),
    (re.compile(rf"(?<=[于在到止至])\s*(?P<d>{DAY})[日号](?!任务)"), _bare_day),
    (re.compile(r"(?<!每)(?P<wk>本|这个?|下下个?|下个?)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])"), _weekday),
    (re.compile(r"(?P<wk>本|这个?|下下个?|下个?)(?:周|星期)(?=之内|以内|内)"), _weekday),
    (re.compile(rf"(?P<n>\d+|[{CN_SMALL}半]+)\s*(?P<u>个工作日|个?小时|天|日|周|个?星期|个?礼拜|个月)(?=\s*(?:之内|以内|内))"),
     _duration),
    (re.compile(rf"(?P<dw>大后天|后天|今天|今日|当天|明天|明日){_TIME_OF_DAY}"), _day_word),
    (re.compile(r"(?P<q>本|这个?|下个?|第?[一二三四1-4])?季度(?:末|底|内)"), _quarter),
    (re.compile(rf"{_NOT_AFTER_NUMBER}(?P<yw>今|本|明)?年(?:底|末|内)"), _year_end),
    (re.compile(r"(?P<hol>春节|过年|元旦|清明|五一|劳动节|端午|中秋|国庆|十一(?![月日号])|(?<![\d一二三四五六七八九十几多去今明])年)"
                r"(?:节|假期|放假|长假|假)?(?=(?:之前|以前|前)(?!后))"), _holiday),
)


def deadline_hits(text: str, today: dt.date, now: dt.datetime | None = None,
                  warnings: list[str] | None = None) -> list[DeadlineHit]:
    """Every deadline phrase in the text, in order; earlier patterns win where phrases overlap."""
    ctx = _Ctx(today, now, warnings)
    taken: list[tuple[int, int]] = []
    hits: list[DeadlineHit] = []
    for pattern, resolver in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            pre = _PRE.search(text, max(0, m.start() - 6), m.start())
            suf = _SUF.match(text, m.end())
            start = pre.start() if pre else m.start()
            end = suf.end() if suf else m.end()
            marked = bool(suf) or bool(pre and _STRONG_PRE.search(pre.group()))
            hits.append(DeadlineHit(resolver(m, ctx), start, end, marked))
    return sorted(hits, key=lambda h: h.start)


def _local(now: dt.datetime | dt.date) -> tuple[dt.date, dt.datetime | None]:
    if isinstance(now, dt.datetime):
        return now.date(), now
    return now, None


def deadline_of(text: str, now: dt.datetime | dt.date, warnings: list[str] | None = None) -> dt.date | None:
    """The due date a text names ("3月15日前", "月底", "5个工作日内"), never in the past; None if none.

    `now` is the sender's local time (MessageParser converts it to the registry timezone).
    """
    today, moment = _local(now)
    hits = [h for h in deadline_hits(text, today, moment, warnings) if h.date is not None]
    marked = [h for h in hits if h.marked]
    chosen = (marked or hits)[:1]
    return chosen[0].date if chosen else None
