"""Work records (工作记录): stored once confirmed in chat, read back by day for the 台账."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.work_record_ports import NewWorkRecord, WorkRecordRow
from storage.models import Person, Township, Village, WorkRecord

ROWS: Select[*tuple[Any, ...]] = (
    select(WorkRecord.id, WorkRecord.township_id, Township.name, WorkRecord.type, WorkRecord.village_id, Village.name,
           WorkRecord.day, WorkRecord.place, WorkRecord.people, WorkRecord.summary, Person.name,
           WorkRecord.created_at)
    .join(Township, Township.id == WorkRecord.township_id)
    .outerjoin(Village, Village.id == WorkRecord.village_id)
    .outerjoin(Person, Person.id == WorkRecord.person_id))


class SqlWorkRecords:
    """WorkRecordRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, township_id: int, person_id: int, record: NewWorkRecord, *, inbox_id: int | None,
                  now: dt.datetime) -> WorkRecordRow:
        """Store one confirmed work record."""
        record_id = (await self._s.execute(insert(WorkRecord).values(
            township_id=township_id, village_id=record.village_id, person_id=person_id, type=record.type,
            day=record.day, place=record.place, people=record.people, summary=record.summary, inbox_id=inbox_id,
            created_at=now).returning(WorkRecord.id))).scalar_one()
        return WorkRecordRow(*(await self._s.execute(ROWS.where(WorkRecord.id == record_id))).one())

    async def between(self, township_id: int, first: dt.date, last: dt.date) -> list[WorkRecordRow]:
        """The township's work records done from `first` to `last` (both included), by day."""
        rows = await self._s.execute(ROWS.where(WorkRecord.township_id == township_id, WorkRecord.day >= first,
                                                WorkRecord.day <= last).order_by(WorkRecord.day, WorkRecord.id))
        return [WorkRecordRow(*row) for row in rows]

    async def counts(self, township_ids: Sequence[int], first: dt.date, last: dt.date) -> dict[int, dict[str, int]]:
        """How many records of each type each township has from `first` to `last` (townships with none left out)."""
        rows = await self._s.execute(
            select(WorkRecord.township_id, WorkRecord.type, func.count())
            .where(WorkRecord.township_id.in_(township_ids), WorkRecord.day >= first, WorkRecord.day <= last)
            .group_by(WorkRecord.township_id, WorkRecord.type))
        found: dict[int, dict[str, int]] = {}
        for township_id, kind, n in rows:
            found.setdefault(township_id, {})[kind] = n
        return found
