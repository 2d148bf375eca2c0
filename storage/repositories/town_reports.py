"""Townships' month-end reports to their county (月末报送)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.county_ports import TownReportRef
from storage.models import Person, TownReport, Township
from storage.repositories._insert import insert_ignoring_conflicts
from storage.repositories._result import rowcount


def _views() -> Select[TownReport, str, str | None]:
    return (select(TownReport, Township.name, Person.name).join(Township, Township.id == TownReport.township_id)
            .outerjoin(Person, Person.id == TownReport.confirmed_by_id))


def _ref(row: TownReport, township: str, confirmed_by: str | None) -> TownReportRef:
    return TownReportRef(row.id, row.township_id, township, row.period, row.status, dict(row.figures), row.addendum,
                         confirmed_by, row.confirmed_at, row.late, row.reminded_at)


class SqlTownReports:
    """TownReportRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, township_id: int, period: str) -> TownReportRef | None:
        """The township's report for a month, if one was built."""
        row = (await self._s.execute(_views().where(TownReport.township_id == township_id,
                                                    TownReport.period == period))).first()
        return None if row is None else _ref(*row)

    async def draft(self, township_id: int, period: str, figures: dict[str, Any], now: dt.datetime) -> TownReportRef:
        """Store freshly assembled figures on the month's draft (a confirmed report is left as sent)."""
        # Insert-or-skip then a guarded update: two runs at once (the job and an admin asking) cannot clash.
        await self._s.execute(insert_ignoring_conflicts(self._s, TownReport.__table__).values(
            township_id=township_id, period=period, status="draft", figures=figures, built_at=now, late=False))
        await self._s.execute(update(TownReport).where(TownReport.township_id == township_id,
                                                       TownReport.period == period, TownReport.status == "draft")
                              .values(figures=figures, built_at=now))
        found = await self.get(township_id, period)
        assert found is not None
        return found

    async def amend(self, report_id: int, addendum: str | None) -> bool:
        """Set the admin's correction or addition (None clears it) while it is a draft; whether it was one."""
        done = await self._s.execute(update(TownReport).where(TownReport.id == report_id,
                                                              TownReport.status == "draft").values(addendum=addendum))
        return rowcount(done) > 0

    async def confirm(self, report_id: int, by_id: int, figures: dict[str, Any], now: dt.datetime,
                      late: bool) -> bool:
        """Mark it sent, with the figures as they stood when confirmed; False when it was sent already (the
        condition makes two confirmations at once leave the first one standing)."""
        done = await self._s.execute(update(TownReport).where(TownReport.id == report_id,
                                                              TownReport.status == "draft").values(
            status="confirmed", figures=figures, built_at=now, confirmed_by_id=by_id, confirmed_at=now, late=late))
        return rowcount(done) > 0

    async def reminded(self, report_id: int, now: dt.datetime) -> None:
        """Note the one reminder on the due day."""
        await self._s.execute(update(TownReport).where(TownReport.id == report_id).values(reminded_at=now))

    async def of_county(self, county_id: int, period: str) -> list[TownReportRef]:
        """Every report of the county's townships for a month."""
        rows = await self._s.execute(_views().where(Township.county_id == county_id, TownReport.period == period)
                                     .order_by(Township.id))
        return [_ref(*row) for row in rows]
