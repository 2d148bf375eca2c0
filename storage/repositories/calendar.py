"""Each township's (and county's) reporting calendar: the defaults of DESIGN.md with the unit's own changes."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.reporting_calendar import COUNTY_CALENDAR, DEFAULT_CALENDAR, CalendarEntry
from storage.models import CalendarSetting
from storage.repositories._insert import prepared_upsert

_CHANGED = ("day", "at", "enabled", "changed_by_id", "changed_at")


class SqlCalendar:
    """CalendarRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def entries(self, township_id: int) -> tuple[CalendarEntry, ...]:
        """The township's calendar: every default job, as the township changed it."""
        return await self._entries("township_id", township_id, DEFAULT_CALENDAR)

    async def county_entries(self, county_id: int) -> tuple[CalendarEntry, ...]:
        """The county's own calendar (月末报送, 县月报告, 县季通报), as the county changed it."""
        return await self._entries("county_id", county_id, COUNTY_CALENDAR)

    async def change(self, township_id: int, entry: CalendarEntry, by_id: int | None, now: dt.datetime) -> None:
        """Store a township's version of one job (its day, time and whether it runs)."""
        await self._change("township_id", township_id, entry, by_id, now)

    async def change_county(self, county_id: int, entry: CalendarEntry, by_id: int | None, now: dt.datetime) -> None:
        """Store a county's version of one of its jobs."""
        await self._change("county_id", county_id, entry, by_id, now)

    async def _entries(self, unit: str, unit_id: int,
                       defaults: Sequence[CalendarEntry]) -> tuple[CalendarEntry, ...]:
        changes = {c.job: c for c in await self._s.scalars(select(CalendarSetting)
                                                           .where(getattr(CalendarSetting, unit) == unit_id))}
        out = []
        for entry in defaults:
            change = changes.get(entry.job)
            if change is not None:
                at = dt.time.fromisoformat(change.at) if change.at else entry.at
                entry = dataclasses.replace(entry, day=entry.day if change.day is None else change.day, at=at,
                                            enabled=change.enabled)
            out.append(entry)
        return tuple(out)

    async def _change(self, unit: str, unit_id: int, entry: CalendarEntry, by_id: int | None,
                      now: dt.datetime) -> None:
        stmt = prepared_upsert(self._s, CalendarSetting.__table__, (unit, "job"), _CHANGED)
        await self._s.execute(stmt, {unit: unit_id, "job": entry.job, "day": entry.day,
                                     "at": entry.at.strftime("%H:%M"), "enabled": entry.enabled,
                                     "changed_by_id": by_id, "changed_at": now})
