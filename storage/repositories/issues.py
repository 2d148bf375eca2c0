"""Grid issues (网格事件), numbered per township, each step kept as an event, repeats linked."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, and_, exists, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.refs import IssueRef, NewIssue, TaskEventRef
from storage.models import Grid, Issue, IssueEvent, Person, Township, Village
from storage.repositories._lifecycle import LifecycleSteps

OPEN_STATUSES = ("reported", "accepted", "in_progress")
_Earlier = aliased(Issue)


def _query() -> Select[*tuple[Any, ...]]:
    return (select(Issue.id, Issue.number, Issue.category, Issue.village_id, Village.name, Grid.name,
                   Issue.location, Issue.urgent, Issue.summary, Issue.status, Issue.reporter_id, Person.name,
                   Issue.created_at, Issue.due_at, _Earlier.number, Issue.township_id)
            .outerjoin(Village, Village.id == Issue.village_id).outerjoin(Grid, Grid.id == Issue.grid_id)
            .outerjoin(Person, Person.id == Issue.reporter_id).outerjoin(_Earlier, _Earlier.id == Issue.repeat_of_id))


class SqlIssues:
    """IssueRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session
        self._steps = LifecycleSteps(session, Issue, IssueEvent, "issue_id")

    async def _one(self, query: Select[*tuple[Any, ...]]) -> IssueRef | None:
        row = (await self._s.execute(query)).first()
        return IssueRef(*row) if row else None

    async def _grid_id(self, village_id: int | None, grid: str | None) -> int | None:
        if village_id is None or grid is None:
            return None
        return (await self._s.execute(select(Grid.id).where(Grid.village_id == village_id, Grid.name == grid))
                ).scalar_one_or_none()

    async def create(self, township_id: int, reporter_id: int, issue: NewIssue, *, repeat_since: dt.datetime,
                     inbox_id: int | None, now: dt.datetime) -> IssueRef:
        """Number and store an issue, linked to the latest one of its grid and category since `repeat_since`."""
        number = (await self._s.execute(
            update(Township).where(Township.id == township_id)
            .values(next_issue_no=Township.next_issue_no + 1).returning(Township.next_issue_no))).scalar_one() - 1
        grid_id = await self._grid_id(issue.village_id, issue.grid)
        place = (Issue.grid_id == grid_id) if grid_id is not None else (
            (Issue.village_id == issue.village_id) & (Issue.location == issue.location))
        earlier = (await self._s.execute(
            select(Issue.id).where(Issue.township_id == township_id, Issue.category == issue.category, place,
                                   Issue.created_at >= repeat_since).order_by(Issue.id.desc()).limit(1)
        )).scalar_one_or_none() if (grid_id is not None or issue.location) else None
        issue_id = (await self._s.execute(insert(Issue).values(
            township_id=township_id, number=number, category=issue.category, village_id=issue.village_id,
            grid_id=grid_id, location=issue.location, latitude=issue.latitude, longitude=issue.longitude,
            urgent=issue.urgent, summary=issue.summary, status="reported", reporter_id=reporter_id,
            created_at=now, updated_at=now, due_at=issue.due_at, repeat_of_id=earlier).returning(Issue.id))
        ).scalar_one()
        await self._steps.record(issue_id, "reported", actor_id=reporter_id, now=now, inbox_id=inbox_id)
        found = await self.get(issue_id)
        assert found is not None
        return found

    async def by_number(self, township_id: int, number: int) -> IssueRef | None:
        """An issue by its number in a township."""
        return await self._one(_query().where(Issue.township_id == township_id, Issue.number == number))

    async def get(self, issue_id: int) -> IssueRef | None:
        """An issue by id."""
        return await self._one(_query().where(Issue.id == issue_id))

    async def change(self, issue_id: int, kind: str, *, actor_id: int | None, now: dt.datetime,
                     inbox_id: int | None, note: str | None = None, data: dict[str, Any] | None = None,
                     **fields: Any) -> IssueRef:
        """Set issue fields (a `grid` name is looked up in the issue's village) and record the step."""
        if "grid" in fields:
            village_id = (await self._s.execute(select(Issue.village_id).where(Issue.id == issue_id))).scalar_one()
            fields["grid_id"] = await self._grid_id(village_id, fields.pop("grid"))
        await self._steps.record(issue_id, kind, actor_id=actor_id, now=now, inbox_id=inbox_id, note=note, data=data,
                                 **fields)
        found = await self.get(issue_id)
        assert found is not None
        return found

    async def history(self, issue_id: int) -> list[TaskEventRef]:
        """Every step, oldest first."""
        return await self._steps.history(issue_id)

    async def open_issues(self, township_id: int, village_id: int | None = None) -> list[IssueRef]:
        """Open issues of a township (or one village), most urgent and oldest first."""
        query = _query().where(Issue.township_id == township_id, Issue.status.in_(OPEN_STATUSES))
        if village_id is not None:
            query = query.where(Issue.village_id == village_id)
        rows = await self._s.execute(query.order_by(Issue.urgent.desc(), Issue.id))
        return [IssueRef(*row) for row in rows]

    async def needing_action(self, accept_before: dt.datetime, now: dt.datetime) -> list[IssueRef]:
        """Open issues of every township not accepted since before `accept_before`, or past their time limit
        at `now` and not yet escalated for that limit (for the time-limit check, every tick)."""
        # An escalation is recorded after the limit it was for; a later limit (an extension) is set after it.
        escalated = exists().where(IssueEvent.issue_id == Issue.id, IssueEvent.kind == "overdue",
                                   IssueEvent.at >= Issue.due_at)
        rows = await self._s.execute(
            _query().where(Issue.status.in_(OPEN_STATUSES),
                           or_(and_(Issue.status == "reported", Issue.created_at <= accept_before),
                               and_(Issue.due_at < now, ~escalated)))
            .order_by(Issue.id))
        return [IssueRef(*row) for row in rows]

    async def repeats(self, issue_id: int) -> int:
        """How many issues in the chain of repeats this one belongs to, itself included."""
        count, current = 1, issue_id
        while (earlier := (await self._s.execute(select(Issue.repeat_of_id).where(Issue.id == current))
                           ).scalar_one_or_none()) is not None:
            count, current = count + 1, earlier
        return count
