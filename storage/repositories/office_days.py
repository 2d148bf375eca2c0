"""The office's holiday tables: a year at a time, replaced whole when a newer notice is loaded."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.refs import HolidayYear
from storage.models import OfficeDay


class SqlOfficeDays:
    """OfficeDayRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def all(self) -> dict[dt.date, bool]:
        """Every loaded day: True for a make-up working day, False for a day off."""
        return {day: working for day, working in await self._s.execute(select(OfficeDay.day, OfficeDay.working))}

    async def replace_year(self, year: int, days: Mapping[dt.date, bool], source: str, by: int | None,
                           now: dt.datetime) -> None:
        """Make `days` the year's table (an earlier one of that year is replaced whole)."""
        await self._s.execute(delete(OfficeDay).where(OfficeDay.year == year))
        self._s.add_all(OfficeDay(day=day, year=year, working=working, source=source, loaded_by_id=by, loaded_at=now)
                        for day, working in sorted(days.items()))
        await self._s.flush()

    async def years(self) -> list[HolidayYear]:
        """The loaded years with their source and when they were loaded."""
        rows = await self._s.execute(
            select(OfficeDay.year, func.min(OfficeDay.source), func.max(OfficeDay.loaded_at), func.count())
            .group_by(OfficeDay.year).order_by(OfficeDay.year))
        return [HolidayYear(year, source, loaded_at, count) for year, source, loaded_at, count in rows]
