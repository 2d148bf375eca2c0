"""Handed-off tasks (交办), numbered per township, with every step kept as an event."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, case, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.refs import NewTask, TaskEventRef, TaskRef
from storage.models import Person, Task, TaskEvent, Township, Village
from storage.repositories._lifecycle import LifecycleSteps
from storage.repositories.county_people import county_cadres

OPEN_STATUSES = ("assigned", "acknowledged", "in_progress", "done")
_Assignee, _Assigner = aliased(Person), aliased(Person)


def _query() -> Select[*tuple[Any, ...]]:
    return (select(Task.id, Task.number, Task.title, Task.deadline, Task.status, Task.assignee_id,
                   _Assignee.name, Task.assigner_id, _Assigner.name, Village.name, Task.progress,
                   Task.requested_deadline, Task.created_at, Task.township_id, Task.parent_id,
                   case((Task.assigner_id.in_(county_cadres()), _Assigner.county_id)), Township.name)
            .outerjoin(_Assignee, _Assignee.id == Task.assignee_id)
            .outerjoin(_Assigner, _Assigner.id == Task.assigner_id)
            .outerjoin(Village, Village.id == Task.village_id)
            .join(Township, Township.id == Task.township_id))


class SqlTasks:
    """TaskRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session
        self._steps = LifecycleSteps(session, Task, TaskEvent, "task_id")

    async def _list(self, query: Select[*tuple[Any, ...]]) -> list[TaskRef]:
        rows = await self._s.execute(query.order_by(Task.deadline.is_(None), Task.deadline, Task.number))
        return [TaskRef(*row) for row in rows]

    async def open_assigned(self, person_id: int) -> list[TaskRef]:
        """Tasks assigned to a person that are not yet verified, by deadline."""
        return await self._list(_query().where(Task.assignee_id == person_id, Task.status.in_(OPEN_STATUSES)))

    async def open_handed_off(self, person_id: int) -> list[TaskRef]:
        """Tasks a person handed off that are not yet verified, by deadline."""
        return await self._list(_query().where(Task.assigner_id == person_id, Task.status.in_(OPEN_STATUSES)))

    async def awaiting_answer(self, township_id: int) -> list[TaskRef]:
        """Tasks of a township waiting for the assigner's word: done and not verified, or an extension asked for."""
        return await self._list(_query().where(
            Task.township_id == township_id, Task.status.in_(OPEN_STATUSES),
            or_(Task.status == "done", Task.requested_deadline.is_not(None))))

    async def with_deadlines(self, township_id: int | None = None) -> list[TaskRef]:
        """Every task still open (not done or verified) that has a deadline (of one township, when given)."""
        query = _query().where(Task.deadline.is_not(None), Task.status.in_(("assigned", "acknowledged", "in_progress")))
        if township_id is not None:
            query = query.where(Task.township_id == township_id)
        return await self._list(query)

    async def create(self, township_id: int, assigner_id: int, tasks: Sequence[NewTask], *,
                     inbox_id: int | None, now: dt.datetime) -> list[TaskRef]:
        """Number (per township) and store new tasks, each with its 'assigned' event."""
        # Reserve the numbers with one conditional update, so concurrent hand-offs never share a number.
        last = (await self._s.execute(
            update(Township).where(Township.id == township_id)
            .values(next_task_no=Township.next_task_no + len(tasks)).returning(Township.next_task_no)
        )).scalar_one() - 1
        first = last - len(tasks) + 1
        ids = []
        for number, task in enumerate(tasks, first):
            task_id = (await self._s.execute(insert(Task).values(
                township_id=township_id, number=number, title=task.title, assigner_id=assigner_id,
                assignee_id=task.assignee_id, village_id=task.village_id, deadline=task.deadline, status="assigned",
                inspection_id=task.inspection_id, parent_id=task.parent_id,
                created_at=now, updated_at=now).returning(Task.id))).scalar_one()
            await self._steps.record(task_id, "assigned", actor_id=assigner_id, now=now, inbox_id=inbox_id)
            ids.append(task_id)
        return await self._list(_query().where(Task.id.in_(ids)))

    async def by_number(self, township_id: int, number: int) -> TaskRef | None:
        """A task by its number in a township."""
        row = (await self._s.execute(_query().where(Task.township_id == township_id, Task.number == number))).first()
        return TaskRef(*row) if row else None

    async def get(self, task_id: int) -> TaskRef | None:
        """A task by id."""
        row = (await self._s.execute(_query().where(Task.id == task_id))).first()
        return TaskRef(*row) if row else None

    async def change(self, task_id: int, kind: str, *, actor_id: int, now: dt.datetime, inbox_id: int | None,
                     note: str | None = None, data: dict[str, Any] | None = None, **fields: Any) -> TaskRef:
        """Set task fields and record the step as an event."""
        await self._steps.record(task_id, kind, actor_id=actor_id, now=now, inbox_id=inbox_id, note=note, data=data,
                                 **fields)
        task = await self.get(task_id)
        assert task is not None
        return task

    async def history(self, task_id: int) -> list[TaskEventRef]:
        """Every step, oldest first."""
        return await self._steps.history(task_id)

    async def from_county(self, township_ids: Sequence[int]) -> list[TaskRef]:
        """Tasks a county cadre handed to these towns (not sub-tasks), by deadline."""
        return await self._list(_query().where(Task.township_id.in_(township_ids), Task.parent_id.is_(None),
                                               Task.village_id.is_(None), Task.inspection_id.is_(None),
                                               Task.assigner_id.in_(county_cadres())))

    async def sub_tasks(self, parent_ids: Sequence[int]) -> list[TaskRef]:
        """The tasks these were passed down as, by deadline."""
        if not parent_ids:
            return []
        return await self._list(_query().where(Task.parent_id.in_(parent_ids)))
