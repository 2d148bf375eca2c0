"""Handed-off tasks."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.ports import TaskRef
from storage.models import Person, Task

OPEN_STATUSES = ("assigned", "acknowledged", "in_progress", "done")


class SqlTasks:
    """TaskRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def open_assigned(self, person_id: int) -> list[TaskRef]:
        """Tasks assigned to a person that are not yet verified, by deadline."""
        rows = await self._s.execute(
            select(Task.number, Task.title, Task.deadline, Task.status, Person.name)
            .outerjoin(Person, Person.id == Task.assignee_id)
            .where(Task.assignee_id == person_id, Task.status.in_(OPEN_STATUSES))
            .order_by(Task.deadline.is_(None), Task.deadline, Task.number))
        return [TaskRef(*row) for row in rows]
