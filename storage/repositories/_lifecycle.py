"""What task and issue repositories share: a step is a field update plus an event, and a history to read."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.refs import TaskEventRef
from storage.models import Person


class LifecycleSteps:
    """Steps of one kind of record (`model`) kept in its event table (`events`, linked by `link`)."""

    def __init__(self, session: AsyncSession, model: Any, events: Any, link: str) -> None:
        self._s = session
        self._model = model
        self._events = events
        self._link = link

    async def record(self, record_id: int, kind: str, *, actor_id: int | None, now: dt.datetime,
                     inbox_id: int | None, note: str | None = None, data: dict[str, Any] | None = None,
                     **fields: Any) -> None:
        """Set fields of the record (if any) and append the step to its history."""
        if fields:
            await self._s.execute(update(self._model).where(self._model.id == record_id)
                                  .values(updated_at=now, **fields))
        await self._s.execute(insert(self._events).values(**{self._link: record_id}, kind=kind, actor_id=actor_id,
                                                          at=now, note=note, data=data or {}, inbox_id=inbox_id))

    async def history(self, record_id: int) -> list[TaskEventRef]:
        """Every step, oldest first."""
        events = self._events
        rows = await self._s.execute(
            select(events.kind, Person.name, events.at, events.note, events.data)
            .outerjoin(Person, Person.id == events.actor_id)
            .where(getattr(events, self._link) == record_id).order_by(events.id))
        return [TaskEventRef(*row) for row in rows]
