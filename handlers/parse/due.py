"""What every deadline resolver shares: the moment it is read at and the past-day rule (PARSING.md, "Deadline")."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from handlers.parse.calendar_math import add_months, last_day, month_day, safe_date


@dataclass(frozen=True)
class Ctx:
    """The day (and moment, when known) a text is read at, and where calendar warnings go."""

    today: dt.date
    now: dt.datetime | None
    warnings: list[str] | None


Resolver = Callable[[re.Match[str], Ctx], dt.date | None]


def forward(day: dt.date | None, today: dt.date, step: Callable[[dt.date], dt.date | None]) -> dt.date | None:
    """A day already past under its literal reading, moved forward by its own unit (`step`)."""
    if day is not None and day < today:
        return step(day)
    return day


def next_year(day: dt.date) -> dt.date | None:
    """The same day a year later (28 February for the 29th)."""
    return safe_date(day.year + 1, day.month, day.day) or dt.date(day.year + 1, day.month, 28)


def next_month_same_part(part: int | str) -> Callable[[dt.date], dt.date]:
    """A step to the same day ("last" for the last) of the next month."""
    def step(day: dt.date) -> dt.date:
        year, month = add_months(day.year, day.month, 1)
        if part == "last":
            return month_day(year, month, "last")
        return dt.date(year, month, min(int(part), last_day(year, month)))
    return step


def ahead(word: str | None) -> int:
    """Units ahead a relative word names: 下周/下月 one, 下下周 two, 本/这 none."""
    word = word or ""
    return 2 if word.startswith("下下") else 1 if word.startswith("下") else 0


def group(m: re.Match[str], name: str) -> str | None:
    """A named group that only some of the patterns sharing a resolver define."""
    return m.groupdict().get(name)
