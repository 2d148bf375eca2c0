"""Project lifecycle rows written straight into the test database: statuses, milestones, plan versions,
inspections and 整改 items, as the project handlers (tested in tests/handlers) store them."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from bot.app import App
from storage.models import Inspection, Milestone, Person, Project, ProjectPlan, Task

CST = dt.timezone(dt.timedelta(hours=8))


def at(*args: int) -> dt.datetime:
    """Beijing time."""
    return dt.datetime(*args, tzinfo=CST)


async def project_id(app: App, code: str) -> int:
    """The id of the project with this registry code."""
    async with app.db.sessions() as session:
        return (await session.execute(select(Project.id).where(Project.code == code))).scalar_one()


async def person_id(app: App, name: str) -> int:
    """The id of the person with this name."""
    async with app.db.sessions() as session:
        return (await session.execute(select(Person.id).where(Person.name == name))).scalar_one()


async def set_status(app: App, status: str, *codes: str, showcase: str | None = None) -> None:
    """Move these projects to a lifecycle status (and mark them 示范点 when `showcase` says why)."""
    async with app.db.transaction() as session:
        await session.execute(update(Project).where(Project.code.in_(codes)).values(status=status, showcase=showcase))


async def township_project(app: App, code: str, title: str) -> int:
    """A project of the township itself (no village), approved."""
    async with app.db.transaction() as session:
        township_id = (await session.execute(select(Project.township_id).limit(1))).scalar_one()
        project = Project(township_id=township_id, code=code, title=title, kind="secretary_project")
        session.add(project)
        await session.flush()
        return project.id


async def add_milestone(app: App, project: int, title: str, due: dt.date | None,
                        done_at: dt.datetime | None = None, done_by: str | None = None) -> None:
    """A milestone of a project, ticked at `done_at` by `done_by` when given."""
    who = await person_id(app, done_by) if done_by else None
    async with app.db.transaction() as session:
        session.add(Milestone(project_id=project, title=title, due=due, done_at=done_at, done_by_id=who))


async def add_plan(app: App, project: int, number: int, text: str, deadline: dt.date | None, author: str,
                   when: dt.datetime) -> None:
    """Version `number` of a project's 实施方案."""
    who = await person_id(app, author)
    async with app.db.transaction() as session:
        session.add(ProjectPlan(project_id=project, number=number, text=text, deadline=deadline, milestones=[],
                                author_id=who, created_at=when))


async def add_inspection(app: App, project: int, inspector: str, when: dt.datetime, note: str,
                         findings: list[str]) -> int:
    """A supervisor's inspection of a project; its id."""
    who = await person_id(app, inspector)
    async with app.db.transaction() as session:
        inspection = Inspection(project_id=project, inspector_id=who, at=when, note=note, findings=findings, photos=[])
        session.add(inspection)
        await session.flush()
        return inspection.id


async def add_rectification(app: App, inspection: int, number: int, title: str, assignee: str, deadline: dt.date,
                            when: dt.datetime, *, status: str = "assigned", done_at: dt.datetime | None = None,
                            verified_at: dt.datetime | None = None) -> None:
    """A 整改 item: a task for the inspected project's village, from its inspection's supervisor."""
    async with app.db.transaction() as session:
        found = (await session.execute(select(Inspection.inspector_id, Project.township_id, Project.village_id)
                                       .join(Project, Project.id == Inspection.project_id)
                                       .where(Inspection.id == inspection))).one()
        inspector, township_id, village_id = found
        assignee_id = (await session.execute(select(Person.id).where(Person.name == assignee))).scalar_one()
        session.add(Task(township_id=township_id, number=number, title=title, assigner_id=inspector,
                         assignee_id=assignee_id, village_id=village_id, deadline=deadline, status=status,
                         created_at=when, updated_at=verified_at or done_at or when, done_at=done_at,
                         verified_at=verified_at, inspection_id=inspection))
