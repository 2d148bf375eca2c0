"""A year's holiday schedule as the State Council publishes it: days off (休) and make-up working days (班).

Read from a file (`yuebao holidays import`) or from the notice pasted in chat; checked here, the same way for
both, before anything is stored. Every problem is listed at once, in Chinese, for the office to fix.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_RANGE_DAYS = 15  # the longest break the State Council has given (春节, 国庆) is 8–9 days
MAX_DAYS = 60  # days off and make-up days in one year: about 40 in practice
MAX_SOURCE_CHARS = 200


class ScheduleError(ValueError):
    """What is wrong with a schedule, every problem on its own line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class HolidaySchedule:
    """One year's days off and make-up working days, with where they came from."""

    year: int
    source: str
    off: frozenset[dt.date]
    workdays: frozenset[dt.date]

    def days(self) -> dict[dt.date, bool]:
        """Each listed day: True for a make-up working day, False for a day off."""
        return {**{d: False for d in self.off}, **{d: True for d in self.workdays}}

    def lines(self) -> list[str]:
        """'2027-01-01 休' / '2027-02-20 班', in date order."""
        return [f"{day.isoformat()} {'班' if working else '休'}" for day, working in sorted(self.days().items())]


def schedule(year: object, source: object, off: Iterable[tuple[dt.date, dt.date]],
             workdays: Iterable[dt.date]) -> HolidaySchedule:
    """A checked schedule from ranges of days off (inclusive) and make-up days; ScheduleError listing every
    problem otherwise."""
    problems: list[str] = []
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise ScheduleError([f"年份应为 2000–2100 之间的整数，而不是“{year}”。"])
    text = str(source or "").strip()
    if not text:
        problems.append("请写明来源（source），如通知标题“国务院办公厅关于2027年部分节假日安排的通知”。")
    elif len(text) > MAX_SOURCE_CHARS:
        problems.append(f"来源（source）最长 {MAX_SOURCE_CHARS} 个字。")
    days_off: set[dt.date] = set()
    for n, (first, last) in enumerate(off, start=1):
        if last < first:
            problems.append(f"放假第 {n} 段：结束日 {last} 早于开始日 {first}。")
            continue
        if (last - first).days >= MAX_RANGE_DAYS:
            problems.append(f"放假第 {n} 段：{first} 至 {last} 超过 {MAX_RANGE_DAYS} 天，请检查日期。")
            continue
        days_off.update(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    working = set(workdays)
    for day in sorted(days_off | working):
        if day.year != year:
            problems.append(f"{day} 不在 {year} 年内。")
    for day in sorted(days_off & working):
        problems.append(f"{day} 既是放假日又是调休上班日。")
    if len(days_off) + len(working) > MAX_DAYS:
        problems.append(f"一年的放假和调休上班日共 {len(days_off) + len(working)} 天，超过 {MAX_DAYS} 天，请检查。")
    if not days_off:
        problems.append("没有放假日期。")
    if problems:
        raise ScheduleError(problems)
    return HolidaySchedule(year, text, frozenset(days_off), frozenset(working))


NOTICE_MAX_CHARS = 5000  # the State Council's notice is about 800 characters
_NOTICE_YEAR = re.compile(r"(\d{4})\s*年\s*(?:部分)?节假日安排")
_TITLE = re.compile(r"(?:国务院办公厅)?关于\s*\d{4}\s*年\s*部分节假日安排的通知")
_ASIDE = re.compile(r"[（(][^）)]{0,40}[）)]")  # （周四）, （农历腊月二十八、周日）
_DAY = r"(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})日"
_OFF = re.compile(_DAY.format(p="a") + r"(?:\s*[至到~～—-]\s*" + _DAY.format(p="b") + r")?\s*放假")
_ON = re.compile(r"((?:(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日\s*[、，,和及]?\s*)+)上班")
_ON_DAY = re.compile(_DAY.format(p=""))


def looks_like_notice(text: str) -> bool:
    """A pasted holiday schedule: the notice's title words and at least one 放假 range."""
    return bool(_NOTICE_YEAR.search(text)) and bool(_OFF.search(_ASIDE.sub("", text)))


def _at(match: re.Match[str], prefix: str, year: int, month: int | None) -> dt.date | None:
    y = int(match[f"{prefix}y"]) if match[f"{prefix}y"] else year
    m = int(match[f"{prefix}m"]) if match[f"{prefix}m"] else month
    try:
        return dt.date(y, m, int(match[f"{prefix}d"])) if m is not None else None
    except ValueError:
        return None


def from_notice(text: str) -> HolidaySchedule:
    """The schedule the State Council's notice gives ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
    1月4日（周日）上班。…"); ScheduleError when it cannot be read whole."""
    if len(text) > NOTICE_MAX_CHARS:
        raise ScheduleError([f"通知太长（超过 {NOTICE_MAX_CHARS} 字），请只粘贴节假日安排部分。"])
    title = _NOTICE_YEAR.search(text)
    if title is None:
        raise ScheduleError(["没有找到年份，请连同“XXXX年部分节假日安排”一起粘贴。"])
    year, body = int(title[1]), _ASIDE.sub("", text)
    problems: list[str] = []
    ranges: list[tuple[dt.date, dt.date]] = []
    for m in _OFF.finditer(body):
        first = _at(m, "a", year, None)
        last = _at(m, "b", first.year if first else year, first.month if first else None) if m["bd"] else first
        if first is None or last is None:
            problems.append(f"读不懂“{m[0]}”中的日期。")
        else:
            ranges.append((first, last))
    workdays: list[dt.date] = []
    for m in _ON.finditer(body):
        month: int | None = None
        for day in _ON_DAY.finditer(m[1]):
            when = _at(day, "", year, month)
            if when is None:
                problems.append(f"读不懂“{m[0]}”中的日期。")
                break
            workdays.append(when)
            month = when.month
    if problems:
        raise ScheduleError(problems)
    named = _TITLE.search(text)
    source = re.sub(r"\s+", "", named[0]) if named else f"{year}年部分节假日安排（聊天中粘贴）"
    return schedule(year, source, ranges, workdays)


def summary(schedule_: HolidaySchedule) -> list[str]:
    """The schedule as an office reads it: '1月1日–1月3日 放假（3天）', '2月20日 上班（调休）'."""
    lines: list[tuple[dt.date, str]] = []
    off = sorted(schedule_.off)
    start = 0
    for i, day in enumerate(off):
        if i + 1 == len(off) or off[i + 1] - day != dt.timedelta(days=1):
            first, count = off[start], i - start + 1
            span = _md(first) if count == 1 else f"{_md(first)}–{_md(day)}"
            lines.append((first, f"{span} 放假（{count}天）"))
            start = i + 1
    lines += [(day, f"{_md(day)} 上班（调休）") for day in schedule_.workdays]
    return [text for _, text in sorted(lines)]


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"
