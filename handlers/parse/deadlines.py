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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from handlers.parse.calendar_math import (
    CN_SMALL,
    DAY,
    MONTH,
    YEAR_WORD,
    add_months,
    last_day,
    month_day,
    month_number,
    safe_date,
    year_of,
)
from handlers.parse.numbers import to_int, to_number
from handlers.parse.text import anchored
from handlers.parse.workdays import HOLIDAY_WORDS, add_workdays, first_day_off

_PART_DAY: dict[str, int | str] = {"上旬": 10, "中旬": 20, "下旬": "last", "初": 5, "中": 15, "底": "last",
                                  "末": "last"}
_WEEKDAY = {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6} | {str(i + 1): i for i in range(7)}
_PRE = re.compile(r"(?:请于|请在|务必于|务必在|最迟于|最迟|最晚|截止到|截止至|截止|截至|不晚于|延期到|延期至|"
                  r"延长到|延长至|于|在|到)\s*$")
_SUF = re.compile(r"\s*(?:之前|以前|前(?!后)|之内|以内|内|为止|截止|完成前)")
_STRONG_PRE = re.compile(r"截止|截至|最迟|最晚|不晚于|请于|请在|务必|延期|延长")
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


def _ahead(word: str | None) -> int:
    # 下周/下月 is one unit ahead, 下下周 two, 本/这 none.
    word = word or ""
    return 2 if word.startswith("下下") else 1 if word.startswith("下") else 0


def _group(m: re.Match[str], name: str) -> str | None:
    # Patterns that share a resolver do not all define every group.
    return m.groupdict().get(name)


def _full_date(m: re.Match[str], c: _Ctx) -> dt.date | None:
    year, month, day = to_int(m["y"]), to_int(m["m"]), to_int(m["d"])
    return safe_date(year, month, day) if year and month and day else None


def _month_date(m: re.Match[str], c: _Ctx) -> dt.date | None:
    year = year_of(_group(m, "yr"), c.today)
    month, day = month_number(m["m"]), to_int(m["d"])
    if not month or not day:
        return None
    found = safe_date(year or c.today.year, month, day)
    return found if year else _forward(found, c.today, _next_year)


def _month_part(m: re.Match[str], c: _Ctx) -> dt.date | None:
    year = year_of(m["yr"], c.today)
    month = month_number(m["m"])
    if month is None:
        return None
    y = year or c.today.year
    if m["part"] == "前":
        found = dt.date(y, month, 1) - dt.timedelta(days=1)
    else:
        found = month_day(y, month, _PART_DAY[m["part"]])
    return found if year else _forward(found, c.today, _next_year)


def _relative_month_day(m: re.Match[str], c: _Ctx) -> dt.date | None:
    shift = _ahead(m["rel"])
    day_no = to_int(m["d"])
    if shift == 0:  # "本月30号" reads as "30号": past (or missing in a short month) → the next month with it
        return _day_of_month(day_no, c.today)
    year, month = add_months(c.today.year, c.today.month, shift)
    return safe_date(year, month, day_no) if day_no else None


def _day_of_month(day_no: int | None, today: dt.date) -> dt.date | None:
    # A day of this month; already past → next month's, skipping months too short to have it.
    if not day_no or day_no > 31:
        return None
    year, month = today.year, today.month
    for _ in range(3):  # the 31st may skip a short month
        found = safe_date(year, month, day_no)
        if found is not None and found >= today:
            return found
        year, month = add_months(year, month, 1)
    return None


def _relative_month_part(m: re.Match[str], c: _Ctx) -> dt.date | None:
    shift = _ahead(_group(m, "rel"))
    year, month = add_months(c.today.year, c.today.month, shift)
    part = _PART_DAY[m["part"]]
    found = month_day(year, month, part)
    return _forward(found, c.today, _next_month_same_part(part)) if shift == 0 else found


def _bare_day(m: re.Match[str], c: _Ctx) -> dt.date | None:
    return _day_of_month(to_int(m["d"]), c.today)


def _weekday(m: re.Match[str], c: _Ctx) -> dt.date | None:
    monday = c.today - dt.timedelta(days=c.today.weekday())
    weeks = _ahead(m["wk"])
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


def _weekend(m: re.Match[str], c: _Ctx) -> dt.date | None:
    weeks = _ahead(m["wk"])
    sunday = c.today + dt.timedelta(weeks=weeks, days=6 - c.today.weekday())
    # "周末前" is the Friday before it; "这周末" the Sunday. Said on a weekend, this week's Friday is
    # past: it moves forward by its own unit, to next week's Friday.
    if not m["before"]:
        return sunday
    friday = sunday - dt.timedelta(days=2)
    return _forward(friday, c.today, lambda d: d + dt.timedelta(weeks=1))


def _day_word(m: re.Match[str], c: _Ctx) -> dt.date | None:
    offset = {"今": 0, "当": 0, "明": 1, "后": 2, "大": 3}[m["dw"][0]]
    return c.today + dt.timedelta(days=offset)


def _quarter(m: re.Match[str], c: _Ctx) -> dt.date | None:
    word = (m["q"] or "").lstrip("第")
    this_q = (c.today.month - 1) // 3 + 1
    year = c.today.year
    # 本/这季度 → this one, 下季度 → the next, 三季度 → that one (next year's once past)
    q = this_q + _ahead(word) if not word or word[0] in "本这下" else to_int(word) or this_q
    if q > 4:
        year, q = year + 1, q - 4
    found = month_day(year, q * 3, "last")
    return _forward(found, c.today, _next_year)


def _year_end(m: re.Match[str], c: _Ctx) -> dt.date | None:
    if m["yr"]:  # "2027年底": that year's (a plan's 完成时限 names its year)
        year = year_of(m["yr"] + "年", c.today)
        return dt.date(year, 12, 31) if year else None
    return dt.date(c.today.year + (1 if m["yw"] == "明" else 0), 12, 31)


def _holiday(m: re.Match[str], c: _Ctx) -> dt.date | None:
    holiday = HOLIDAY_WORDS[m["hol"]]
    for year in (c.today.year, c.today.year + 1):
        first = first_day_off(holiday, year, c.warnings)
        if first is None:
            return None
        eve = first - dt.timedelta(days=1)
        if eve >= c.today:
            return eve
    return None


_NOT_AFTER_NUMBER = r"(?<![\d一二三四五六七八九十两几多半个])"
_BEFORE = r"(?=\s*(?:之前|以前|前|截止|为止))"
_Resolver = Callable[[re.Match[str], _Ctx], dt.date | None]


def _rule(anchors: str, pattern: str, resolver: _Resolver) -> tuple[re.Pattern[str], re.Pattern[str], _Resolver]:
    return re.compile(f"[{re.escape(anchors)}]"), re.compile(pattern), resolver


# (key characters, pattern, resolver), in priority order: where two phrases overlap the earlier
# rule wins. A pattern is only searched for around its key characters (text.anchored).
_RULES = (
    _rule("-/.年", r"(?<!\d)(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})[日号]?", _full_date),
    _rule("./", rf"(?<![\d.])(?P<m>1[0-2]|0?[1-9])[./](?P<d>{DAY}){_BEFORE}", _month_date),
    _rule("日号", rf"(?P<yr>{YEAR_WORD})?(?<!\d){_NOT_AFTER_NUMBER}(?P<m>{MONTH})月份?(?P<d>{DAY})[日号]", _month_date),
    _rule("月", rf"(?P<yr>{YEAR_WORD})?(?<!\d)(?P<m>{MONTH})月份?(?P<part>上旬|中旬|下旬|初|中|底|末|前(?!后))",
          _month_part),
    _rule("月", rf"(?P<rel>本|这个?|当|下下个?|下个?)月份?(?P<d>{DAY})[日号]", _relative_month_day),
    _rule("月", r"(?:(?P<rel>本|这个?|当|下下个?|下个?)月份?|(?<![上个\d一二三四五六七八九十])月)"
                r"(?P<part>上旬|中旬|下旬|初|中(?!旬)|底|末)", _relative_month_part),
    _rule("旬", r"(?<!月)(?P<part>上旬|中旬|下旬)", _relative_month_part),
    _rule("日号", rf"(?<![月\d])(?P<d>{DAY})[日号]{_BEFORE}", _bare_day),
    _rule("日号", rf"(?<=[于在到止至])\s*(?P<d>{DAY})[日号](?!任务)", _bare_day),
    _rule("周", r"(?<!每)(?P<wk>本|这个?|下下个?|下个?)?周末(?P<before>(?:之|以)?前)?", _weekend),
    _rule("周期拜", r"(?<!每)(?P<wk>本|这个?|下下个?|下个?)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])",
          _weekday),
    _rule("内", r"(?P<wk>本|这个?|下下个?|下个?)(?:周|星期)(?=之内|以内|内)", _weekday),
    _rule("内", rf"(?P<n>\d+|[{CN_SMALL}半]+)\s*(?P<u>个工作日|个?小时|天|日|周|个?星期|个?礼拜|个月)"
               r"(?=\s*(?:之内|以内|内))", _duration),
    _rule("天日晚早", rf"(?P<dw>大后天|后天|今天|今日|今晚|今早|当天|当晚|明天|明日|明早|明晚){_TIME_OF_DAY}",
          _day_word),
    _rule("季", r"(?P<q>本|这个?|下个?|第?[一二三四1-4])?季度(?:末|底|内)", _quarter),
    _rule("年", rf"(?:(?<!\d)(?P<yr>\d{{4}}|[二〇零一三四五六七八九]{{4}})|{_NOT_AFTER_NUMBER}(?P<yw>今|本|明)?)"
               r"年(?:底|末|内)", _year_end),
    _rule("前", r"(?P<hol>春节|过年|元旦|清明|五一|劳动节|端午|中秋|国庆|十一(?![月日号])"
               r"|(?<![\d一二三四五六七八九十几多去今明])年)(?:节|假期|放假|长假|假)?(?=(?:之前|以前|前)(?!后))",
          _holiday),
)


def deadline_hits(text: str, today: dt.date, now: dt.datetime | None = None,
                  warnings: list[str] | None = None) -> list[DeadlineHit]:
    """Every deadline phrase in the text, in order; earlier patterns win where phrases overlap."""
    ctx = _Ctx(today, now, warnings)
    taken = bytearray(len(text))  # 1 where an earlier pattern already read the text
    hits: list[DeadlineHit] = []
    for anchor, pattern, resolver in _RULES:
        for m in anchored(pattern, anchor, text, 14, 8):
            if taken.find(1, m.start(), m.end()) != -1:
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            pre = _PRE.search(text, max(0, m.start() - 6), m.start())
            suf = _SUF.match(text, m.end())
            start = pre.start() if pre else m.start()
            end = suf.end() if suf else m.end()
            marked = bool(suf) or bool(pre and _STRONG_PRE.search(pre.group()))
            day = resolver(m, ctx)
            # Relative phrases already move forward; a past date with its year spelled out is no deadline.
            hits.append(DeadlineHit(day if day is None or day >= today else None, start, end, marked))
    return sorted(hits, key=lambda h: h.start)


def _local(now: dt.datetime | dt.date) -> tuple[dt.date, dt.datetime | None]:
    if isinstance(now, dt.datetime):
        return now.date(), now
    return now, None


def pick_deadline(hits: Sequence[DeadlineHit]) -> dt.date | None:
    """The deadline among the phrases: the first said as one (…前, …内), else the first date."""
    dated = [h for h in hits if h.date is not None]
    chosen = [h for h in dated if h.marked] or dated
    return chosen[0].date if chosen else None


def deadline_of(text: str, now: dt.datetime | dt.date, warnings: list[str] | None = None) -> dt.date | None:
    """The due date a text names ("3月15日前", "月底", "5个工作日内"), never in the past; None if none.

    `now` is the sender's local time (MessageParser converts it to the registry timezone).
    """
    today, moment = _local(now)
    return pick_deadline(deadline_hits(text, today, moment, warnings))
