"""The console's read of work records (工作记录): one scoped, filtered, paged list."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.console_ports import Listing, Scope
from handlers.work_record_ports import WorkRecordFilter, WorkRecordRow
from storage.models import WorkRecord
from storage.repositories._scope import within
from storage.repositories.work_records import ROWS


class SqlConsoleWorkRecords:
    """ConsoleWorkRecordsRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def records(self, scope: Scope, where: WorkRecordFilter, offset: int, limit: int) -> Listing[WorkRecordRow]:
        """Records in scope matching the filter, latest day first; `limit` of them from `offset`."""
        conditions = [within(scope, WorkRecord.township_id, WorkRecord.village_id)]
        if where.village_id is not None:
            conditions.append(WorkRecord.village_id == where.village_id)
        if where.type is not None:
            conditions.append(WorkRecord.type == where.type)
        if where.days is not None:
            conditions += [WorkRecord.day >= where.days[0], WorkRecord.day <= where.days[1]]
        rows = (await self._s.execute(ROWS.where(*conditions).order_by(WorkRecord.day.desc(), WorkRecord.id.desc())
                                      .offset(offset).limit(limit + 1))).all()
        return Listing(tuple(WorkRecordRow(*row) for row in rows[:limit]), len(rows) > limit)
