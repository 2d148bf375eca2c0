"""Everyday upkeep of a township's roster from chat or the command line: add, deactivate, hand over, add projects."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.admin_ports import Post, RosterRow
from handlers.refs import Handover, OpenWork, RosterChange, RosterPerson
from handlers.registry import Organisation
from handlers.roles import ROLE_LABELS
from storage.models import County, Identity, Invite, Membership, Person, Project, Township, Village
from storage.repositories.registry_import import RegistryImporter, RosterNeedsConfirmation
from storage.repositories.registry_read import SqlRegistryReader
from storage.repositories.roster_changes import hand_over, open_work
from storage.repositories.townships import bump_registry

LEAVING = {"person": "人员", "project": "项目", "village": "村（社区）"}


class SqlRoster:
    """RosterRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def person(self, township_id: int, name: str) -> RosterPerson | None:
        """Someone of this township by name, active or not."""
        person = await self._s.scalar(select(Person).where(Person.township_id == township_id, Person.name == name))
        if person is None:
            return None
        posts = await self._s.execute(
            select(Membership.role, Village.name).outerjoin(Village, Village.id == Membership.village_id)
            .where(Membership.person_id == person.id).order_by(Membership.id))
        return RosterPerson(person.id, person.name, person.active,
                            tuple("·".join(filter(None, (ROLE_LABELS.get(role, role), village)))
                                  for role, village in posts))

    async def add_person(self, township_id: int, name: str, role: str, village_id: int | None,
                         title: str | None) -> int:
        """Add someone with one post (or bring back a deactivated namesake with that post only); their id."""
        person = await self._s.scalar(select(Person).where(Person.township_id == township_id, Person.name == name))
        if person is None:
            person = Person(township_id=township_id, name=name, active=True, grids=[])
            self._s.add(person)
            await self._s.flush()
        else:
            person.active = True
            for old in await self._s.scalars(select(Membership).where(Membership.person_id == person.id)):
                await self._s.delete(old)
        self._s.add(Membership(person_id=person.id, role=role, title=title, village_id=village_id,
                               township_id=None if village_id else township_id))
        await self._bump(township_id)
        return person.id

    async def table(self, township_id: int, now: dt.datetime) -> list[RosterRow]:
        """Everyone of a township, active first then in roster order, with their posts, the platforms of their
        accounts and their latest open invite: four statements, however many people."""
        mine = select(Person.id).where(Person.township_id == township_id).scalar_subquery()
        people = (await self._s.execute(select(Person.id, Person.name, Person.active)
                                        .where(Person.township_id == township_id)
                                        .order_by(Person.active.desc(), Person.id))).all()
        posts: dict[int, list[Post]] = defaultdict(list)
        for person_id, role, village, title in await self._s.execute(
                select(Membership.person_id, Membership.role, Village.name, Membership.title)
                .outerjoin(Village, Village.id == Membership.village_id)
                .where(Membership.person_id.in_(mine)).order_by(Membership.id)):
            posts[person_id].append(Post(role, village, title))
        platforms: dict[int, list[str]] = defaultdict(list)
        for person_id, platform in await self._s.execute(
                select(Identity.person_id, Identity.platform).where(Identity.person_id.in_(mine))
                .distinct().order_by(Identity.person_id, Identity.platform)):
            platforms[person_id].append(platform)
        invites = dict((await self._s.execute(
            select(Invite.person_id, func.max(Invite.expires_at))
            .where(Invite.person_id.in_(mine), Invite.used_at.is_(None), Invite.expires_at > now)
            .group_by(Invite.person_id))).all())
        return [RosterRow(pid, name, active, tuple(posts[pid]), tuple(platforms[pid]), invites.get(pid))
                for pid, name, active in people]

    async def deactivate(self, township_id: int, person_id: int) -> None:
        """Take someone off the roster (kept for history; their accounts stop acting)."""
        await self._s.execute(update(Person).where(Person.id == person_id).values(active=False))
        await self._bump(township_id)

    async def open_work(self, person_id: int) -> OpenWork:
        """Their open tasks, projects and issues."""
        return await open_work(self._s, person_id)

    async def hand_over(self, township_id: int, old_id: int, new_id: int, actor_id: int | None,
                        now: dt.datetime) -> Handover:
        """Move someone's open work to someone else."""
        moved = await hand_over(self._s, old_id, new_id, actor_id, now)
        await self._bump(township_id)
        return moved

    async def village_people(self, village_id: int) -> list[RosterPerson]:
        """The active people holding a post on a village, in roster order."""
        rows = await self._s.execute(
            select(Person.id, Person.name, Membership.role).join(Membership, Membership.person_id == Person.id)
            .where(Membership.village_id == village_id, Person.active.is_(True)).order_by(Person.id))
        return [RosterPerson(pid, name, True, (ROLE_LABELS.get(role, role),)) for pid, name, role in rows]

    async def project_code_taken(self, township_id: int, code: str) -> bool:
        """Whether a project of this township already has this code."""
        return await self._s.scalar(select(Project.id).where(Project.township_id == township_id,
                                                             Project.code == code)) is not None

    async def add_project(self, township_id: int, code: str, title: str, kind: str, village_id: int | None,
                          owner_id: int | None, deadline: dt.date | None) -> int:
        """Add a project; its id."""
        project = Project(township_id=township_id, code=code, title=title, kind=kind, village_id=village_id,
                          owner_id=owner_id, deadline=deadline, weight=1.0, active=True)
        self._s.add(project)
        await self._bump(township_id)
        return project.id

    async def _bump(self, township_id: int) -> None:
        await bump_registry(self._s, township_id)

    async def import_roster(self, roster: Organisation, now: dt.datetime, *, apply: bool) -> RosterChange:
        """Import a roster; without `apply`, nothing is written when something would be deactivated (the writes
        are made in a savepoint, to learn what would change, and undone)."""
        try:
            async with self._s.begin_nested():
                summary = await RegistryImporter(self._s, now).run(roster, deactivate=apply)
        except RosterNeedsConfirmation as held:
            summary = held.summary
        return RosterChange(summary.scope, tuple(summary.added), tuple(summary.changed),
                            tuple(f"{LEAVING[i.kind]} {i.name}（{i.where}）" + (f"— {'；'.join(i.work.lines())}"
                                                                           if i.work.lines() else "")
                                  for i in summary.leaving), summary.applied,
                            any(i.work.lines() for i in summary.leaving))

    async def as_file(self, township_id: int, county: bool) -> Organisation | None:
        """What the database holds for a township (or its whole county), as a roster file would."""
        town = await self._s.get(Township, township_id)
        if town is None:
            return None
        reader = SqlRegistryReader(self._s)
        if county and town.county_id is not None:
            name = await self._s.scalar(select(County.name).where(County.id == town.county_id))
            return await reader.organisation(county=name)
        return await reader.organisation(township=town.name)
