"""A year's holiday schedule as the State Council publishes it: days off (休) and make-up working days (班).

Read from a file (`yuebao holidays import`) or from the notice pasted in chat; checked here, the same way for
both, before anything is stored. Every problem is listed at once, in Chinese, for the office to fix.
"""
from __future__ import annotations

import datetime as dt
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
