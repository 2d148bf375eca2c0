"""Period: the month a report is about (PARSING.md, "Period").

Months are read with the same small patterns as deadlines (see deadlines.py for why no general
date library is used); the rule that picks among several named months is the clerk's.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from handlers.parse.calendar_math import DAY, MONTH, YEAR_WORD, add_months, month_number, year_of
from handlers.parse.text import PLANNED_WORDS, anchored, retracted

# "3月份", "12月", "本月", "上个月", "2025年12月", "7月上半月", "上个月底"; never "3月15日" (a day).
_MONTH_MENTION = re.compile(
    rf"(?P<yr>{YEAR_WORD})?(?:(?P<rel>本月|这个月|这月|上个?月|上一个月|下个?月|下一个月)"
    rf"|(?<![\d个])(?P<m>{MONTH})月(?!{DAY}[日号])(?P<fen>份)?)"
    r"(?P<tail>上半月|下半月|上旬|中旬|下旬|初|中(?!旬)|底|末)?"
)
_ANCHOR = re.compile("月")
# Words before a month that make it a plan or a deadline, not the month reported on.
_PLANNED = re.compile(rf"(?:{PLANNED_WORDS})[^，,。；;！!？?\n]{{0,8}}$")
_DEADLINE_AFTER = re.compile(r"(?:份)?(?:之前|以前|前(?!后))|(?:份)?(?:说|提|讲|报|定)的")  # "上月说的民宿招商": a reference
# "下一步招募志愿者，5月开门": a month in the plan's sentence is when the plan falls, not the month reported on.
_PLAN_SENTENCE = re.compile(r"(?:下一?步|接下来|下个?月(?:计划|打算|准备))[^。！!？?\n]*$")
_POINT_TAILS = ("初", "底", "末")


@dataclass(frozen=True)
class MonthMention:
    """A month named in the text, resolved to (year, month), with its span."""

    year: int
    month: int
    start: int
    end: int
    point: bool  # "上个月底": a moment used as a reference, weaker than a whole month


def month_mentions(text: str, today: dt.date) -> list[MonthMention]:
    """Months named in the text that could be the reported month (not plans, not future)."""
    out: list[MonthMention] = []
    for m in anchored(_MONTH_MENTION, _ANCHOR, text, 8, 8):
        if _PLANNED.search(text, max(0, m.start() - 12), m.start()) or _DEADLINE_AFTER.match(text, m.end()) \
                or retracted(text, m.end()) or _PLAN_SENTENCE.search(text, max(0, m.start() - 40), m.start()):
            continue
        resolved = _resolve(m, today)
        if resolved is None:
            continue
        year, month = resolved
        if (year, month) > (today.year, today.month):
            continue
        out.append(MonthMention(year, month, m.start(), m.end(), m["tail"] in _POINT_TAILS))
    return out


def _resolve(m: re.Match[str], today: dt.date) -> tuple[int, int] | None:
    rel = m["rel"]
    if rel:
        shift = 0 if rel[0] in "本这" else -1 if rel[0] == "上" else 1
        return add_months(today.year, today.month, shift)
    month = month_number(m["m"])
    if month is None:
        return None
    year = year_of(m["yr"], today)
    if year is None:
        # "The most recent such month that is not in the future": 12月份 said in January is last year's.
        year = today.year if month <= today.month else today.year - 1
    return year, month


def default_period(today: dt.date) -> tuple[int, int]:
    """Days 1–5 report on the previous month; any other day on the current one."""
    return add_months(today.year, today.month, -1) if today.day <= 5 else (today.year, today.month)


_UNFINISHED = re.compile(r"[^，,。；;]{0,12}?(?:没|未)(?:有)?(?:弄|做|搞|干|评|办)?完")


def period_of(text: str, now: dt.datetime | dt.date) -> str:
    """The month reported on, "YYYY-MM": a named month (a whole month before a point), else by date."""
    today = now.date() if isinstance(now, dt.datetime) else now
    mentions = month_mentions(text, today)
    whole = [m for m in mentions if not m.point]
    # "8月份评比没弄完，9月份补评完了": the month whose work is done, not the one it was left undone in.
    finished = [m for m in whole if not _UNFINISHED.match(text, m.end)]
    chosen = ((finished if len(whole) > 1 else whole) or whole or mentions)[:1]
    year, month = (chosen[0].year, chosen[0].month) if chosen else default_period(today)
    return f"{year:04d}-{month:02d}"
