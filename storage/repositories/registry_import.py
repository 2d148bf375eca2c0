"""Loading a validated roster into the database: updates in place by natural key, never duplicates, and writes
nothing for what has not changed.

Everything the roster's scope already holds is read first (one query per table), compared in memory, and only
new or changed rows are written — a county of 2,000 people and 1,000 projects imports in a few queries, and a
re-import of the same file updates no row. What the file no longer lists (people, projects, villages) is
deactivated, never deleted, and only when the caller allows it: otherwise `RosterNeedsConfirmation` carries the
summary and the caller rolls back.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers import registry as reg
from storage.models import County, Grid, Identity, Membership, Milestone, Person, Project, Township, Village
from storage.repositories.roster_changes import Leaving, leaving_work

_Key = tuple[str, int | None, int | None, int | None]  # role, county, township, village


@dataclass
class ImportSummary:
    """What an import creates, changes and deactivates, by kind, with names for the office to check."""

    scope: str
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    added: list[str] = field(default_factory=list)  # "人员 李四（千佛塔村）", for the diff shown before applying
    changed: list[str] = field(default_factory=list)
    leaving: list[Leaving] = field(default_factory=list)
    applied: bool = True

    @property
    def township(self) -> str:
        """The scope's name (a township's or a county's)."""
        return self.scope


class RosterNeedsConfirmation(Exception):
    """The roster would deactivate people, projects or villages; nothing is to be written without a yes."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__(f"{len(summary.leaving)} entries would be deactivated")
        self.summary = summary


def _apply(obj: Any, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


class RegistryImporter:
    """Upserts one roster into a session; the caller's unit of work commits or rolls back the whole file."""

    def __init__(self, session: AsyncSession, now: dt.datetime) -> None:
        self._s = session
        self._now = now

    async def run(self, roster: reg.Registry | reg.Organisation, *, deactivate: bool = True) -> ImportSummary:
        """Import every entry; with `deactivate` False, raise RosterNeedsConfirmation (after the writes, which
        the caller then rolls back) when anything would be deactivated."""
        org = roster if isinstance(roster, reg.Organisation) else reg.Organisation(
            roster.county, (roster,), timezone=roster.timezone)
        s = ImportSummary(org.county if org.is_county and org.county else org.townships[0].township)
        county = await self._county(s, org)
        touched: dict[int, Township] = {}
        for registry in org.townships:
            township = await self._township(s, registry, county, org.is_county)
            before = (sum(s.created.values()), sum(s.updated.values()))
            await _TownshipImport(self._s, s, township, self._now).run(registry)
            if (sum(s.created.values()), sum(s.updated.values())) != before:
                touched[township.id] = township
        if county is not None and org.is_county:
            before = (sum(s.created.values()), sum(s.updated.values()))
            towns = {t.name: t for t in await self._s.scalars(select(Township).where(Township.county_id == county.id))}
            await _CountyPeople(self._s, s, county, towns, self._now).run(org.people)
            if (sum(s.created.values()), sum(s.updated.values())) != before:
                touched.update({t.id: t for t in towns.values()})  # the parsers know the county's cadres
        for township in touched.values():
            township.registry_version += 1
        await self._s.flush()
        if s.leaving:
            s.leaving = await leaving_work(self._s, s.leaving)
            if not deactivate:
                s.applied = False
                raise RosterNeedsConfirmation(s)
        return s

    async def _county(self, s: ImportSummary, org: reg.Organisation) -> County | None:
        if not org.county:
            return None
        county = await self._s.scalar(select(County).where(County.name == org.county))
        if county is None:
            county = County(name=org.county, aliases=list(org.aliases), level=org.level)
            self._s.add(county)
            s.created["county"] += 1
            s.added.append(f"县 {org.county}")
        elif org.is_county and _apply(county, {"aliases": list(org.aliases), "level": org.level}):
            s.updated["county"] += 1  # a township file names its county but does not describe it
        await self._s.flush()
        return county

    async def _township(self, s: ImportSummary, registry: reg.Registry, county: County | None,
                        describes: bool) -> Township:
        township = await self._s.scalar(select(Township).where(Township.name == registry.township))
        values: dict[str, Any] = {"timezone": registry.timezone, "aliases": list(registry.aliases),
                                  "level": registry.level}
        if county is not None:
            values["county_id"] = county.id
        if township is None:
            township = Township(name=registry.township, **values)
            self._s.add(township)
            s.created["township"] += 1
            s.added.append(f"乡镇 {registry.township}")
        elif _apply(township, values):
            s.updated["township"] += 1
            s.changed.append(f"乡镇 {registry.township}")
        await self._s.flush()
        return township


class _People:
    """Upserting people with their memberships and accounts (shared by a township's and a county's people)."""

    def __init__(self, session: AsyncSession, s: ImportSummary, now: dt.datetime) -> None:
        self._s, self.summary, self._now = session, s, now

    async def sync(self, existing: dict[str, Person], people: tuple[reg.Person, ...], home: dict[str, int],
                   wanted: dict[str, list[tuple[_Key, str | None]]], grids: dict[str, list[Grid]],
                   where: str) -> None:
        """Make the people of one home (`existing`, by name) match `people`, adding who is new."""
        s = self.summary
        fresh = [p.name for p in people if p.name not in existing]
        if fresh:
            # One statement for all of them (the ORM would insert them one by one to read back their ids).
            await self._s.execute(insert(Person).execution_options(render_nulls=True), [{"name": name, "active": True, **home} for name in fresh])
            column, value = next(iter(home.items()))
            for person in await self._s.scalars(select(Person).where(getattr(Person, column) == value,
                                                                     Person.name.in_(fresh))):
                existing[person.name] = person
            s.created["person"] += len(fresh)
            s.added += [f"人员 {name}（{where}）" for name in fresh]
        ids = [existing[p.name].id for p in people]
        held: dict[int, list[Membership]] = {}
        for m in await self._s.scalars(select(Membership).where(Membership.person_id.in_(ids))
                                       .order_by(Membership.id)):
            held.setdefault(m.person_id, []).append(m)
        accounts = {(i.platform, i.platform_user_id): i for i in await self._s.scalars(
            select(Identity).where(Identity.platform_user_id.in_([uid for p in people for _, uid in p.platform_ids])))}
        fresh_ids = {existing[name].id for name in fresh}
        self._new_posts: list[dict[str, Any]] = []
        new_accounts: list[dict[str, Any]] = []
        for p in people:
            person = existing[p.name]
            changed = _apply(person, {"active": True})
            changed |= await self._memberships(person, held.get(person.id, []), wanted[p.name])
            if {g.id for g in person.grids} != {g.id for g in grids[p.name]}:
                person.grids = grids[p.name]
                s.updated["person_grid"] += 1
                changed = True
            for platform, user_id in p.platform_ids:
                account = accounts.get((platform, user_id))
                if account is None:
                    new_accounts.append({"person_id": person.id, "platform": platform,
                                         "platform_user_id": user_id, "linked_at": self._now})
                    s.created["identity"] += 1
                elif account.person_id != person.id:
                    account.person_id = person.id
                    s.updated["identity"] += 1
            if changed and person.id not in fresh_ids:
                s.updated["person"] += 1
                s.changed.append(f"人员 {p.name}（{where}）")
        for model, rows in ((Membership, self._new_posts), (Identity, new_accounts)):
            if rows:
                await self._s.execute(insert(model).execution_options(render_nulls=True), rows)
        await self._s.flush()

    async def _memberships(self, person: Person, held: list[Membership],
                           wanted: list[tuple[_Key, str | None]]) -> bool:
        have = {(m.role, m.county_id, m.township_id, m.village_id): m for m in held}
        changed = False
        for key, title in wanted:
            m = have.pop(key, None)
            if m is None:
                role, county_id, township_id, village_id = key
                self._new_posts.append({"person_id": person.id, "role": role, "title": title, "county_id": county_id,
                                        "township_id": township_id, "village_id": village_id})
                self.summary.created["membership"] += 1
                changed = True
            elif _apply(m, {"title": title}):
                self.summary.updated["membership"] += 1
                changed = True
        for dropped in have.values():  # a post the roster no longer gives them (their history keeps the name)
            await self._s.delete(dropped)
            self.summary.updated["membership"] += 1
            changed = True
        return changed

    def leave(self, people: list[Person], where: str) -> None:
        """Deactivate people the roster no longer lists, noting each one."""
        for person in people:
            person.active = False
            self.summary.leaving.append(Leaving("person", person.id, person.name, where))


class _TownshipImport:
    """One township's villages, grids, people and projects."""

    def __init__(self, session: AsyncSession, s: ImportSummary, township: Township, now: dt.datetime) -> None:
        self._s, self.summary, self._t, self._now = session, s, township, now

    async def run(self, registry: reg.Registry) -> None:
        """Upsert the township's entries and deactivate what it no longer lists."""
        villages = await self._villages(registry)
        grids = await self._grids(registry, villages)
        people = {p.name: p for p in await self._s.scalars(select(Person).where(Person.township_id == self._t.id))}
        wanted: dict[str, list[tuple[_Key, str | None]]] = {p.name: [((m.role, None, self._t.id if m.village is None else None,
                             villages[m.village].id if m.village else None), m.title) for m in p.memberships]
                  for p in registry.people}
        their_grids = {p.name: [grids[p.village, g] for g in p.grids] if p.village else [] for p in registry.people}
        sync = _People(self._s, self.summary, self._now)
        await sync.sync(people, registry.people, {"township_id": self._t.id}, wanted, their_grids, self._t.name)
        listed = {p.name for p in registry.people}
        sync.leave([p for name, p in people.items() if name not in listed and p.active], self._t.name)
        await self._projects(registry, villages, people)
        await self._s.flush()

    async def _villages(self, registry: reg.Registry) -> dict[str, Village]:
        s = self.summary
        have = {v.name: v for v in await self._s.scalars(select(Village).where(Village.township_id == self._t.id))}
        fresh = []
        for v in registry.villages:
            values = {"aliases": list(v.aliases), "level": v.level, "active": True}
            village = have.get(v.name)
            if village is None:
                fresh.append({"township_id": self._t.id, "name": v.name, **values})
                s.created["village"] += 1
                s.added.append(f"{v.level} {v.name}（{self._t.name}）")
            elif _apply(village, values):
                s.updated["village"] += 1
                s.changed.append(f"{v.level} {v.name}（{self._t.name}）")
        listed = {v.name for v in registry.villages}
        for name, village in have.items():
            if name not in listed and village.active:
                village.active = False
                s.leaving.append(Leaving("village", village.id, name, self._t.name))
        if fresh:
            await self._s.execute(insert(Village).execution_options(render_nulls=True), fresh)
            have = {v.name: v for v in await self._s.scalars(select(Village).where(Village.township_id == self._t.id))}
        await self._s.flush()
        return have

    async def _grids(self, registry: reg.Registry, villages: dict[str, Village]) -> dict[tuple[str, str], Grid]:
        names = {v.id: v.name for v in villages.values()}
        have = {(names[g.village_id], g.name): g for g in await self._s.scalars(
            select(Grid).where(Grid.village_id.in_(list(names))))}
        fresh = [{"village_id": villages[v.name].id, "name": grid} for v in registry.villages for grid in v.grids
                 if (v.name, grid) not in have]
        if fresh:
            await self._s.execute(insert(Grid).execution_options(render_nulls=True), fresh)
            self.summary.created["grid"] += len(fresh)
            have = {(names[g.village_id], g.name): g for g in await self._s.scalars(
                select(Grid).where(Grid.village_id.in_(list(names))))}
        return have

    async def _projects(self, registry: reg.Registry, villages: dict[str, Village], people: dict[str, Person]) -> None:
        s = self.summary
        mine = select(Project).where(Project.township_id == self._t.id)
        have = {p.code: p for p in await self._s.scalars(mine)}
        fresh: list[dict[str, Any]] = []
        for pr in registry.projects:
            values = {"title": pr.title, "kind": pr.kind, "village_id": villages[pr.village].id if pr.village else None,
                      "owner_id": people[pr.owner].id if pr.owner else None, "category": pr.category,
                      "start": pr.start, "deadline": pr.deadline, "weight": pr.weight, "active": True}
            project = have.get(pr.id)
            if project is None:
                fresh.append({"township_id": self._t.id, "code": pr.id, **values})
                s.created["project"] += 1
                s.added.append(f"项目 {pr.id} {pr.title}")
            elif _apply(project, values):
                s.updated["project"] += 1
                s.changed.append(f"项目 {pr.id} {pr.title}")
        listed = {pr.id for pr in registry.projects}
        for code, project in have.items():
            if code not in listed and project.active:
                project.active = False
                s.leaving.append(Leaving("project", project.id, f"{code} {project.title}", self._t.name))
        if fresh:
            await self._s.execute(insert(Project).execution_options(render_nulls=True), fresh)
            have = {p.code: p for p in await self._s.scalars(mine)}
        await self._s.flush()
        ids = [have[pr.id].id for pr in registry.projects]
        milestones = {(m.project_id, m.title): m for m in await self._s.scalars(
            select(Milestone).where(Milestone.project_id.in_(ids)))}
        steps = []
        for pr in registry.projects:
            for m in pr.milestones:
                milestone = milestones.get((have[pr.id].id, m.title))
                if milestone is None:
                    steps.append({"project_id": have[pr.id].id, "title": m.title, "due": m.due})
                    s.created["milestone"] += 1
                elif _apply(milestone, {"due": m.due}):
                    s.updated["milestone"] += 1
        if steps:
            await self._s.execute(insert(Milestone).execution_options(render_nulls=True), steps)


class _CountyPeople:
    """The county's own people: county cadres and county supervisors, on the county or on one of its townships."""

    def __init__(self, session: AsyncSession, s: ImportSummary, county: County, towns: dict[str, Township],
                 now: dt.datetime) -> None:
        self._s, self.summary, self._c, self._towns, self._now = session, s, county, towns, now

    async def run(self, people: tuple[reg.Person, ...]) -> None:
        """Upsert them and deactivate county people the file no longer lists."""
        have = {p.name: p for p in await self._s.scalars(select(Person).where(Person.county_id == self._c.id))}
        wanted: dict[str, list[tuple[_Key, str | None]]] = {p.name: [((m.role, None if m.township else self._c.id,
                             self._towns[m.township].id if m.township else None, None), m.title)
                           for m in p.memberships] for p in people}
        sync = _People(self._s, self.summary, self._now)
        await sync.sync(have, people, {"county_id": self._c.id}, wanted, {p.name: [] for p in people}, self._c.name)
        listed = {p.name for p in people}
        sync.leave([p for name, p in have.items() if name not in listed and p.active], self._c.name)
