"""Projects through their life: declared in chat with a plan, reviewed, approved with a weight, milestones ticked,
accepted; every step an event, every plan a new version."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.project_refs import MilestoneRef, NewPlan, NewProject, PlanStep, PlanVersion, ProjectState, TopicRef
from handlers.refs import TaskEventRef
from handlers.roles import Unit
from storage.models import (
    Inspection,
    Milestone,
    Person,
    Project,
    ProjectEvent,
    ProjectPlan,
    ProjectTopic,
    Township,
    Village,
)
from storage.repositories._lifecycle import LifecycleSteps
from storage.repositories.townships import bump_registry

_Owner = aliased(Person)
_PLANS = select(func.count()).where(ProjectPlan.project_id == Project.id).correlate(Project).scalar_subquery()
_QUERY: Select[*tuple[Any, ...]] = (
    select(Project.id, Project.township_id, Project.code, Project.title, Project.kind, Project.status,
           Project.village_id, Village.name, Project.owner_id, _Owner.name, Project.category, Project.difficulty,
           Project.start, Project.deadline, Project.weight, Project.showcase, _PLANS, Township.name,
           Township.county_id)
    .join(Township, Township.id == Project.township_id)
    .outerjoin(Village, Village.id == Project.village_id).outerjoin(_Owner, _Owner.id == Project.owner_id))


def _steps_json(steps: Sequence[PlanStep]) -> list[dict[str, Any]]:
    return [{"title": s.title, "due": s.due.isoformat() if s.due else None} for s in steps]


def _steps_of(rows: list[Any]) -> tuple[PlanStep, ...]:
    return tuple(PlanStep(r["title"], dt.date.fromisoformat(r["due"]) if r.get("due") else None) for r in rows)


class SqlProjects:
    """ProjectRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session
        self._steps = LifecycleSteps(session, Project, ProjectEvent, "project_id")

    async def get(self, project_id: int) -> ProjectState | None:
        """One project with its milestones."""
        found = await self._states(Project.id == project_id)
        return found[0] if found else None

    async def of_township(self, township_id: int, village_id: int | None = None) -> list[ProjectState]:
        """The active projects of a township (of one village, when given), in registry order."""
        where = [Project.township_id == township_id, Project.active.is_(True)]
        if village_id is not None:
            where.append(Project.village_id == village_id)
        return await self._states(*where)

    async def of_county(self, county_id: int) -> list[ProjectState]:
        """The active own projects (乡镇党委书记项目) of every township of a county, township by township."""
        return await self._states(Township.county_id == county_id, Project.village_id.is_(None),
                                  Project.active.is_(True))

    async def _states(self, *where: Any) -> list[ProjectState]:
        rows = (await self._s.execute(_QUERY.where(*where).order_by(Project.id))).all()
        milestones: dict[int, list[MilestoneRef]] = defaultdict(list)
        if rows:
            for m in await self._s.scalars(select(Milestone).where(Milestone.project_id.in_([r[0] for r in rows]))
                                           .order_by(Milestone.due.is_(None), Milestone.due, Milestone.id)):
                milestones[m.project_id].append(MilestoneRef(m.id, m.title, m.due, m.done_at))
        return [replace(ProjectState(*row), milestones=tuple(milestones[row[0]])) for row in rows]

    async def declare(self, project: NewProject, plan: NewPlan, *, now: dt.datetime, inbox_id: int | None) -> int:
        """Store a declared project (待审核) with its first plan and milestones; its id."""
        year = now.year
        taken = (await self._s.execute(select(func.count()).where(
            Project.township_id == project.township_id, Project.code.like(f"SB{year}-%")))).scalar_one()
        project_id = (await self._s.execute(insert(Project).values(
            township_id=project.township_id, code=f"SB{year}-{taken + 1:03d}", title=project.title, kind=project.kind,
            village_id=project.village_id, owner_id=project.owner_id, category=project.category,
            difficulty=project.difficulty, topic_id=project.topic_id, start=None, deadline=plan.deadline,
            weight=1.0, active=True, status="declared", updated_at=now).returning(Project.id))).scalar_one()
        await self._add_plan(project_id, plan, project.owner_id, now, inbox_id)
        await self._steps.record(project_id, "declare", actor_id=project.owner_id, now=now, inbox_id=inbox_id,
                                 data={"plan": 1})
        await bump_registry(self._s, project.township_id)
        return project_id

    async def revise(self, project_id: int, plan: NewPlan, *, author_id: int, now: dt.datetime,
                     inbox_id: int | None) -> int:
        """A new version of the plan, back to 待审核; its version number."""
        number = await self._add_plan(project_id, plan, author_id, now, inbox_id)
        fields: dict[str, Any] = {"status": "declared"}
        if plan.deadline is not None:
            fields["deadline"] = plan.deadline
        await self._steps.record(project_id, "revise", actor_id=author_id, now=now, inbox_id=inbox_id,
                                 data={"plan": number}, **fields)
        township_id = (await self._s.execute(select(Project.township_id).where(Project.id == project_id))).scalar_one()
        await bump_registry(self._s, township_id)  # its milestones may be new: the directory must know
        return number

    async def _add_plan(self, project_id: int, plan: NewPlan, author_id: int | None, now: dt.datetime,
                        inbox_id: int | None) -> int:
        number = (await self._s.execute(select(func.count()).where(ProjectPlan.project_id == project_id))
                  ).scalar_one() + 1
        await self._s.execute(insert(ProjectPlan).values(
            project_id=project_id, number=number, text=plan.text, deadline=plan.deadline,
            milestones=_steps_json(plan.steps), author_id=author_id, inbox_id=inbox_id, created_at=now))
        if plan.steps:  # the plan's steps are the milestones; ticked ones are kept whatever the new version says
            await self._s.execute(delete(Milestone).where(Milestone.project_id == project_id,
                                                          Milestone.done_at.is_(None)))
            done = set((await self._s.scalars(select(Milestone.title).where(Milestone.project_id == project_id))).all())
            # One milestone per title (the table says so): a step said twice is one step, at its first date.
            fresh = list({s.title[:200]: s for s in reversed(plan.steps) if s.title[:200] not in done}.values())[::-1]
            if fresh:
                await self._s.execute(insert(Milestone), [{"project_id": project_id, "title": s.title[:200],
                                                            "due": s.due} for s in fresh])
        return number

    async def change(self, project_id: int, kind: str, *, actor_id: int | None, now: dt.datetime,
                     inbox_id: int | None, note: str | None = None, data: dict[str, Any] | None = None,
                     **fields: Any) -> ProjectState:
        """Set project fields and record the step as an event."""
        await self._steps.record(project_id, kind, actor_id=actor_id, now=now, inbox_id=inbox_id, note=note,
                                 data=data, **fields)
        state = await self.get(project_id)
        assert state is not None
        if "status" in fields:  # the reader knows approved projects only: an approval must reach it
            await bump_registry(self._s, state.township_id)
        return state

    async def tick(self, project_id: int, milestone_id: int, *, actor_id: int, now: dt.datetime,
                   inbox_id: int | None) -> ProjectState:
        """Mark a milestone done, as an event of its project."""
        title = (await self._s.execute(update(Milestone).where(Milestone.id == milestone_id)
                                       .values(done_at=now, done_by_id=actor_id).returning(Milestone.title)
                                       )).scalar_one()
        return await self.change(project_id, "milestone", actor_id=actor_id, now=now, inbox_id=inbox_id, note=title,
                                 data={"milestone_id": milestone_id})

    async def inspect(self, project_id: int, *, inspector_id: int, note: str, findings: Sequence[str],
                      photos: Sequence[str], now: dt.datetime, inbox_id: int | None) -> int:
        """Record a supervisor's inspection of a project (and the step in its history); its id."""
        inspection_id = (await self._s.execute(insert(Inspection).values(
            project_id=project_id, inspector_id=inspector_id, at=now, note=note, findings=list(findings),
            photos=list(photos), inbox_id=inbox_id).returning(Inspection.id))).scalar_one()
        await self._steps.record(project_id, "inspect", actor_id=inspector_id, now=now, inbox_id=inbox_id,
                                 note=note, data={"inspection_id": inspection_id, "findings": list(findings)})
        return inspection_id

    async def open_milestones(self, project_id: int) -> list[MilestoneRef]:
        """A project's milestones not yet ticked (one small query: a report's card asks on every report)."""
        rows = await self._s.execute(select(Milestone.id, Milestone.title, Milestone.due).where(
            Milestone.project_id == project_id, Milestone.done_at.is_(None)).order_by(Milestone.due, Milestone.id))
        return [MilestoneRef(*row) for row in rows]

    async def plans(self, project_id: int) -> list[PlanVersion]:
        """Every version of the plan, oldest first."""
        rows = await self._s.execute(
            select(ProjectPlan.number, ProjectPlan.text, ProjectPlan.deadline, ProjectPlan.milestones, Person.name,
                   ProjectPlan.created_at)
            .outerjoin(Person, Person.id == ProjectPlan.author_id)
            .where(ProjectPlan.project_id == project_id).order_by(ProjectPlan.number))
        return [PlanVersion(n, text, deadline, _steps_of(steps), author, at)
                for n, text, deadline, steps, author, at in rows]

    async def history(self, project_id: int) -> list[TaskEventRef]:
        """Every step, oldest first."""
        return await self._steps.history(project_id)

    async def publish_topics(self, unit: Unit, year: int, titles: Sequence[str], *, by_id: int,
                             now: dt.datetime) -> list[TopicRef]:
        """Add items to a year's topic menu of a township (for its villages) or a county (for its towns), numbered
        after those already there; the whole menu."""
        last = (await self._s.execute(select(func.coalesce(func.max(ProjectTopic.number), 0)).where(
            _menu_of(unit), ProjectTopic.year == year))).scalar_one()
        owner = {"county_id": unit.county_id} if unit.level == "county" else {"township_id": unit.township_id}
        await self._s.execute(insert(ProjectTopic), [
            {**owner, "year": year, "number": last + i, "title": t[:200], "published_by_id": by_id,
             "created_at": now} for i, t in enumerate(titles, 1)])
        return await self.topics(unit, year)

    async def topics(self, unit: Unit, year: int) -> list[TopicRef]:
        """A year's topic menu of a township or a county, with the villages (or towns) that claimed each item."""
        rows = (await self._s.execute(select(ProjectTopic.id, ProjectTopic.year, ProjectTopic.number,
                                             ProjectTopic.title)
                                      .where(_menu_of(unit), ProjectTopic.year == year)
                                      .order_by(ProjectTopic.number))).all()
        claims: dict[int | None, list[str]] = defaultdict(list)
        for topic_id, village, township in await self._s.execute(
                select(Project.topic_id, Village.name, Township.name)
                .join(Township, Township.id == Project.township_id)
                .outerjoin(Village, Village.id == Project.village_id)
                .where(Project.topic_id.in_([r[0] for r in rows]), Project.active.is_(True)).order_by(Project.id)):
            claims[topic_id].append(village or township)
        return [TopicRef(*row, claimed_by=tuple(claims[row[0]])) for row in rows]


def _menu_of(unit: Unit) -> Any:
    """The topics of a county's menu (a unit at county level) or of a township's."""
    if unit.level == "county":
        return ProjectTopic.county_id == unit.county_id
    return ProjectTopic.township_id == unit.township_id
