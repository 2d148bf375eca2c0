"""The console's reads of tasks and issues: scoped lists with their filters, and one record at a time (its history
is read through the task and issue repositories, as chat reads it)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.console_ports import IssueFilter, IssueLine, Listing, Scope, TaskFilter, TaskLine
from storage.models import Grid, Inspection, Issue, Person, Task, Township, Village
from storage.repositories import issues as issue_store
from storage.repositories import tasks as task_store
from storage.repositories._scope import within

_Assignee, _Assigner, _Reporter = aliased(Person), aliased(Person), aliased(Person)
_Earlier, _Inspection = aliased(Issue), aliased(Inspection)
_STILL_OPEN = ("assigned", "acknowledged", "in_progress")  # not yet done (办结): the assignee's to do

TASKS: Select[*tuple[Any, ...]] = (
    select(Task.id, Task.township_id, Township.name, Task.number, Task.title, Task.village_id, Village.name,
           Task.assignee_id, _Assignee.name, _Assigner.name, Task.deadline, Task.requested_deadline, Task.status,
           Task.progress, Task.created_at, Task.done_at, Task.verified_at, Task.parent_id, _Inspection.project_id)
    .join(Township, Township.id == Task.township_id)
    .outerjoin(_Inspection, _Inspection.id == Task.inspection_id)
    .outerjoin(Village, Village.id == Task.village_id)
    .outerjoin(_Assignee, _Assignee.id == Task.assignee_id)
    .outerjoin(_Assigner, _Assigner.id == Task.assigner_id))

_ISSUES: Select[*tuple[Any, ...]] = (
    select(Issue.number, Issue.category, Village.name, Grid.name, Issue.location, Issue.summary, Issue.urgent,
           Issue.status, _Reporter.name, Issue.created_at, Issue.due_at, Issue.resolved_at, Issue.closed_at,
           _Earlier.number, Issue.id, Issue.township_id, Township.name, Issue.village_id)
    .join(Township, Township.id == Issue.township_id)
    .outerjoin(Village, Village.id == Issue.village_id)
    .outerjoin(Grid, Grid.id == Issue.grid_id)
    .outerjoin(_Reporter, _Reporter.id == Issue.reporter_id)
    .outerjoin(_Earlier, _Earlier.id == Issue.repeat_of_id))


def task_line(row: Any) -> TaskLine:
    """A row of TASKS as a TaskLine."""
    return TaskLine(*row)


def _task_scope(scope: Scope) -> ColumnElement[bool]:
    # A village's viewer sees their villages' tasks and those assigned to them (a 包村干部 may be given one for a
    # village they do not cover, or one of the township's).
    return within(scope, Task.township_id, Task.village_id, Task.assignee_id == scope.person_id)


class SqlConsoleWork:
    """ConsoleWorkRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def tasks(self, scope: Scope, where: TaskFilter, limit: int) -> Listing[TaskLine]:
        """Tasks in scope matching the filter: open ones first, by deadline; at most `limit`."""
        conditions = [_task_scope(scope)]
        if where.status is not None:
            conditions.append(Task.status == where.status)
        if where.overdue_on is not None:
            conditions += [Task.status.in_(_STILL_OPEN), Task.deadline < where.overdue_on]
        finished = case((Task.status.in_(task_store.OPEN_STATUSES), 0), else_=1)
        rows = (await self._s.execute(
            TASKS.where(*conditions)
            .order_by(finished, Task.deadline.is_(None), Task.deadline, Task.township_id, Task.number)
            .limit(limit + 1))).all()
        return Listing(tuple(task_line(row) for row in rows[:limit]), len(rows) > limit)

    async def task(self, task_id: int, scope: Scope) -> TaskLine | None:
        """One task; None when missing or out of scope."""
        row = (await self._s.execute(TASKS.where(Task.id == task_id, _task_scope(scope)))).first()
        return task_line(row) if row else None

    async def sub_tasks(self, task_id: int, scope: Scope) -> list[TaskLine]:
        """The tasks in scope this one was passed down as, by village."""
        rows = await self._s.execute(TASKS.where(Task.parent_id == task_id, _task_scope(scope))
                                     .order_by(Task.village_id, Task.number))
        return [task_line(row) for row in rows]

    async def issues(self, scope: Scope, where: IssueFilter, limit: int) -> Listing[IssueLine]:
        """Issues in scope matching the filters, newest first; at most `limit`."""
        conditions = [within(scope, Issue.township_id, Issue.village_id)]
        if where.status is not None:
            conditions.append(Issue.status == where.status)
        if where.category is not None:
            conditions.append(Issue.category == where.category)
        if where.over_limit_at is not None:  # as IssueLine.over_limit says it
            conditions += [Issue.due_at.is_not(None), or_(
                and_(Issue.resolved_at.is_(None), Issue.status.in_(issue_store.OPEN_STATUSES),
                     Issue.due_at < where.over_limit_at),
                Issue.resolved_at > Issue.due_at)]
        rows = (await self._s.execute(_ISSUES.where(*conditions).order_by(Issue.created_at.desc(), Issue.id.desc())
                                      .limit(limit + 1))).all()
        return Listing(tuple(IssueLine(*row) for row in rows[:limit]), len(rows) > limit)

    async def issue(self, issue_id: int, scope: Scope) -> IssueLine | None:
        """One issue; None when missing or out of scope."""
        row = (await self._s.execute(_ISSUES.where(
            Issue.id == issue_id, within(scope, Issue.township_id, Issue.village_id)))).first()
        return IssueLine(*row) if row else None
