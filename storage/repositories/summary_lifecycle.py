"""Reads of the project lifecycle for the calendar and the 台账: status, milestones, plans, 督导 and 整改."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.summary_lifecycle import (
    APPROVED,
    COLLECTIVE_ECONOMY,
    InspectionRow,
    MilestoneRow,
    PlanRow,
    ProjectState,
    RectificationRow,
    ReportAmounts,
)
from handlers.summary_ports import REPORTED
from storage.models import Inspection, Milestone, Person, Project, ProjectPlan, Report, Task, Village

_DoneBy, _Author, _Inspector, _Assignee = aliased(Person), aliased(Person), aliased(Person), aliased(Person)


_MilestoneSelect = Select[str | None, str, str, str, dt.date | None, dt.datetime | None, str | None]


def _milestones(township_id: int, *where: Any) -> _MilestoneSelect:
    # Outer joins: a township's own project has no village, and a milestone may be ticked by nobody on record.
    return (select(Village.name, Project.code, Project.title, Milestone.title, Milestone.due, Milestone.done_at,
                   _DoneBy.name)
            .join(Project, Project.id == Milestone.project_id)
            .outerjoin(Village, Village.id == Project.village_id)
            .outerjoin(_DoneBy, _DoneBy.id == Milestone.done_by_id)
            .where(Project.township_id == township_id, Project.active, *where))


class LifecycleSummary:
    """handlers.summary_lifecycle.LifecycleReads, for SqlSummary."""

    _s: AsyncSession

    async def project_states(self, township_id: int) -> dict[int, ProjectState]:
        """Every active project of the township by id: kind, category, status and 示范点."""
        rows = await self._s.execute(
            select(Project.id, Project.kind, Project.category, Project.status, Project.showcase)
            .where(Project.township_id == township_id, Project.active))
        return {project_id: ProjectState(kind, category, status, showcase)
                for project_id, kind, category, status, showcase in rows}

    async def _milestone_rows(self, query: _MilestoneSelect) -> list[MilestoneRow]:
        return [MilestoneRow(*row) for row in await self._s.execute(query)]

    async def milestones_due(self, township_id: int, window: tuple[dt.date, dt.date]) -> list[MilestoneRow]:
        """Milestones of approved projects due within the window (both days included), ticked or not, by date."""
        first, last = window
        return await self._milestone_rows(
            _milestones(township_id, Project.status.in_(APPROVED), Milestone.due >= first, Milestone.due <= last)
            .order_by(Milestone.due, Project.id, Milestone.id))

    async def milestones_overdue(self, township_id: int, today: dt.date) -> list[MilestoneRow]:
        """Milestones of approved projects due before `today` and not ticked, by date."""
        return await self._milestone_rows(
            _milestones(township_id, Project.status.in_(APPROVED), Milestone.done_at.is_(None), Milestone.due < today)
            .order_by(Milestone.due, Project.id, Milestone.id))

    async def milestones(self, township_id: int) -> list[MilestoneRow]:
        """Every milestone of the township's active projects, whatever their status, by project and due date."""
        # Undated ones last on both engines (SQLite sorts NULL first, PostgreSQL last).
        return await self._milestone_rows(
            _milestones(township_id).order_by(Project.id, Milestone.due.is_(None), Milestone.due, Milestone.id))

    async def plans(self, township_id: int, before: dt.datetime) -> list[PlanRow]:
        """Every version of the active projects' plans written before then, by project and version."""
        rows = await self._s.execute(
            select(Village.name, Project.code, Project.title, ProjectPlan.number, ProjectPlan.created_at,
                   _Author.name, ProjectPlan.deadline, ProjectPlan.text)
            .join(Project, Project.id == ProjectPlan.project_id)
            .outerjoin(Village, Village.id == Project.village_id)
            .outerjoin(_Author, _Author.id == ProjectPlan.author_id)
            .where(Project.township_id == township_id, Project.active, ProjectPlan.created_at < before)
            .order_by(Project.id, ProjectPlan.number))
        return [PlanRow(*row) for row in rows]

    async def inspections(self, township_id: int, start: dt.datetime, end: dt.datetime) -> list[InspectionRow]:
        """Inspections of the township's active projects from `start` until `end`, in order."""
        rows = await self._s.execute(
            select(Village.name, Project.code, Project.title, Inspection.at, _Inspector.name, Inspection.note,
                   Inspection.findings)
            .join(Project, Project.id == Inspection.project_id)
            .outerjoin(Village, Village.id == Project.village_id)
            .outerjoin(_Inspector, _Inspector.id == Inspection.inspector_id)
            .where(Project.township_id == township_id, Project.active, Inspection.at >= start, Inspection.at < end)
            .order_by(Inspection.at, Inspection.id))
        return [InspectionRow(village, code, title, at, inspector, note, tuple(str(f) for f in findings or ()))
                for village, code, title, at, inspector, note, findings in rows]

    async def rectifications(self, township_id: int, start: dt.datetime,
                             end: dt.datetime) -> list[RectificationRow]:
        """整改 tasks created before `end` and not verified before `start` (as tasks_between), by number."""
        rows = await self._s.execute(
            select(Task.number, Village.name, Project.code, Project.title, Inspection.at, Task.title, _Assignee.name,
                   Task.deadline, Task.status, Task.done_at, Task.verified_at)
            .join(Inspection, Inspection.id == Task.inspection_id)
            .join(Project, Project.id == Inspection.project_id)
            .outerjoin(Village, Village.id == Project.village_id)
            .outerjoin(_Assignee, _Assignee.id == Task.assignee_id)
            .where(Task.township_id == township_id, Task.created_at < end,
                   or_(Task.verified_at.is_(None), Task.verified_at >= start))
            .order_by(Task.number))
        return [RectificationRow(*row) for row in rows]

    async def collective_amounts(self, township_id: int, until: str) -> list[ReportAmounts]:
        """Confirmed reports up to the month `until` that name sums of money, of approved 村集体经济 projects."""
        rows = await self._s.execute(
            select(Report.project_id, Report.amounts, Report.done)
            .join(Project, Project.id == Report.project_id)
            .where(Project.township_id == township_id, Project.active, Project.status.in_(APPROVED),
                   Project.category.contains(COLLECTIVE_ECONOMY, autoescape=True), Report.status == REPORTED,
                   Report.period <= until)
            .order_by(Report.project_id, Report.period))
        return [ReportAmounts(project_id, tuple(amounts), done) for project_id, amounts, done in rows if amounts]
