"""Each township's reporting calendar: the defaults of DESIGN.md with the township's own changes."""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.reporting_calendar import DEFAULT_CALENDAR, CalendarEntry
from storage.models import CalendarSetting
from storage.repositories._insert import prepared_upsert


class SqlCalendar:
    """CalendarRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def entries(self, township_id: int) -> tuple[CalendarEntry, ...]:
        """The township's calendar: every default job, as the township changed it."""
        changes = {c.job: c for c in await self._s.scalars(select(CalendarSetting)
                                                           .where(CalendarSetting.township_id == township_id))}
        out = []
        for entry in DEFAULT_CALENDAR:
            change = changes.get(entry.job)
            if change is not None:
                at = dt.time.fromisoformat(change.at) if change.at else entry.at
                entry = dataclasses.replace(entry, day=entry.day if change.day is None else change.day, at=at,
                                            enabled=change.enabled)
            out.append(entry)
        return tuple(out)

    async def change(self, township_id: int, entry: CalendarEntry, by_id: int | None, now: dt.datetime) -> None:
        """Store a township's version of one job (its day, time and whether it runs)."""
        stmt = prepared_upsert(self._s, CalendarSetting.__table__, ("township_id", "job"),
                               ("day", "at", "enabled", "changed_by_id", "changed_at"))
        await self._s.execute(stmt, {"township_id": township_id, "job": entry.job, "day": entry.day,
                                     "at": entry.at.strftime("%H:%M"), "enabled": entry.enabled,
                                     "changed_by_id": by_id, "changed_at": now})
