"""When a township's month-end report is due on its county's calendar (月末报送截止)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from handlers.reporting_calendar import CalendarEntry, fire_time


def due_time(entries: tuple[CalendarEntry, ...], period: str, zone: ZoneInfo) -> dt.datetime | None:
    """When the month's report is due on the county's calendar (its 月末报送截止), moved off non-working days."""
    entry = next((e for e in entries if e.job == "town_report_due"), None)
    if entry is None:
        return None
    year, month = map(int, period.split("-"))
    return fire_time(entry, year, month, zone)


def due_words(when: dt.datetime | None) -> str:
    """'12月31日16:00' (or 月底 when the county keeps no due time)."""
    return "月底" if when is None else f"{when.month}月{when.day}日{when:%H:%M}"
