"""What leaves with a 换届: the open work of people no longer on the roster, and handing it over to someone."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.refs import Handover, OpenWork
from storage.models import Conversation, Issue, Project, Task, TaskEvent
from storage.repositories._result import rowcount
from storage.repositories.issues import OPEN_STATUSES as OPEN_ISSUES
from storage.repositories.tasks import OPEN_STATUSES as OPEN_TASKS


@dataclass(frozen=True)
class Leaving:
    """A person, project or village the roster no longer lists (deactivated, kept for history)."""

    kind: str  # person | project | village
    id: int
    name: str
    where: str  # the township (or county) it belonged to
    work: OpenWork = OpenWork()  # a leaving person's open work, for the hand-over


async def open_work(session: AsyncSession, person_id: int) -> OpenWork:
    """A person's open tasks (held, or handed off and awaiting their word), active projects and open issues."""
    tasks = await session.execute(select(Task.number, Task.title).where(
        (Task.assignee_id == person_id) | (Task.assigner_id == person_id), Task.status.in_(OPEN_TASKS))
        .order_by(Task.number))
    projects = await session.execute(select(Project.code, Project.title).where(
        Project.owner_id == person_id, Project.active.is_(True)).order_by(Project.id))
    issues = await session.execute(select(Issue.number, Issue.summary).where(
        Issue.reporter_id == person_id, Issue.status.in_(OPEN_ISSUES)).order_by(Issue.number))
    return OpenWork(tuple(f"#{n} {t}" for n, t in tasks), tuple(f"{c} {t}" for c, t in projects),
                    tuple(f"#E{n} {s[:20]}" for n, s in issues))


async def leaving_work(session: AsyncSession, leaving: list[Leaving]) -> list[Leaving]:
    """`leaving`, each person with their open work."""
    return [replace(item, work=await open_work(session, item.id)) if item.kind == "person" else item
            for item in leaving]


async def hand_over(session: AsyncSession, old_id: int, new_id: int, actor_id: int | None,
                    now: dt.datetime) -> Handover:
    """Move a person's open tasks (held or awaiting their word), their projects and their pending questions to
    someone else, each task's move recorded as an event."""
    tasks: list[str] = []
    for task in await session.scalars(select(Task).where(
            (Task.assignee_id == old_id) | (Task.assigner_id == old_id), Task.status.in_(OPEN_TASKS))
            .order_by(Task.number)):
        moved = {"assignee_id": new_id} if task.assignee_id == old_id else {}
        if task.assigner_id == old_id:
            moved["assigner_id"] = new_id
        await session.execute(update(Task).where(Task.id == task.id).values(**moved, updated_at=now))
        session.add(TaskEvent(task_id=task.id, kind="handover", actor_id=actor_id, at=now,
                              note=None, data={"from": old_id, "to": new_id, "fields": sorted(moved)}))
        tasks.append(f"#{task.number} {task.title}")
    projects = [f"{code} {title}" for code, title in await session.execute(select(Project.code, Project.title).where(
        Project.owner_id == old_id, Project.active.is_(True)).order_by(Project.id))]
    await session.execute(update(Project).where(Project.owner_id == old_id, Project.active.is_(True))
                          .values(owner_id=new_id))
    # A card waiting for the old person's answer cannot be answered by anyone else in their private chat:
    # the new holder is asked afresh by the next reminder, so the stale question is dropped.
    result = await session.execute(delete(Conversation).where(Conversation.person_id == old_id))
    await session.flush()
    return Handover(tuple(tasks), tuple(projects), rowcount(result))
