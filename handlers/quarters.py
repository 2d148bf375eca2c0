"""Months and quarters (季度) as reports, bulletins and ledgers speak of them: '2026Q1' is January to March 2026."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.parse.calendar_math import add_months

_PATTERN = re.compile(r"^\s*(\d{4})\s*[Qq季]\s*([1-4])\s*$")


@dataclass(frozen=True, order=True)
class Quarter:
    """One calendar quarter of one year."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """'2026Q1' (or '2026q1', '2026季1'); ValueError for anything else."""
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"季度格式应为 2026Q1，收到：{text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def of_period(cls, period: str) -> Quarter:
        """The quarter of a 'YYYY-MM' month."""
        year, month = map(int, period.split("-"))
        return cls(year, (month - 1) // 3 + 1)

    @property
    def months(self) -> tuple[str, str, str]:
        """Its three months as 'YYYY-MM'."""
        first = 3 * self.number - 2
        return tuple(f"{self.year:04d}-{m:02d}" for m in range(first, first + 3))  # type: ignore[return-value]

    @property
    def start(self) -> dt.date:
        """Its first day."""
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """Its last day."""
        month = 3 * self.number
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def previous(self) -> Quarter:
        """The quarter before."""
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def code(self) -> str:
        """'2026Q1'."""
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        """'2026年第1季度'."""
        return f"{self.year}年第{self.number}季度"


def month_end(period: str) -> dt.date:
    """The last day of a 'YYYY-MM' month."""
    year, month = map(int, period.split("-"))
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_period(period: str, months: int) -> str:
    """'2026-03' moved by a number of months."""
    year, month = add_months(int(period[:4]), int(period[5:7]), months)
    return f"{year:04d}-{month:02d}"


def period_label(period: str) -> str:
    """'2026-03' → '2026年3月'."""
    year, month = period.split("-")
    return f"{year}年{int(month)}月"


def local_midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """00:00 of a local day, as an aware time."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone)
