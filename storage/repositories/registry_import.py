"""Loading a validated roster into the database: updates in place by natural key, never duplicates, and writes
nothing for what has not changed.

Everything the roster's scope already holds is read first (one query per table for all its townships), compared
in memory, and only new or changed rows are written, new ones in one statement per table — a county of 2,000
people and 1,000 projects imports in a few dozen statements, and a re-import of the same file writes nothing.
What the file no longer lists (people, projects, villages) is deactivated, never deleted, and only when the
caller allows it: otherwise `RosterNeedsConfirmation` carries the summary and the caller rolls back. An account
already registered to someone outside the roster's scope is never taken over (RegistryError; roll back).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers import registry as reg
from handlers.registry import RegistryError, RegistryProblem
from storage.models import (
    County,
    Grid,
    Identity,
    Membership,
    Milestone,
    Person,
    Project,
    Township,
    Village,
    person_grid,
)
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
        towns = [(await self._township(s, registry, county), registry) for registry in org.townships]
        importer = _Towns(self._s, s, self._now)
        villages = await importer.villages(towns)
        people = await importer.people(towns, villages)
        await importer.projects(towns, villages, people)
        touched = {t.id: t for t, _ in towns}
        if county is not None and org.is_county:
            by_name = {t.name: t for t in await self._s.scalars(select(Township).where(Township.county_id == county.id))}
            await _CountyPeople(self._s, s, county, by_name, self._now).run(org.people)
            touched.update({t.id: t for t in by_name.values()})  # the parsers know the county's cadres
        if s.created or s.updated or s.leaving:
            for township in touched.values():  # cached parsers rebuild on the next message
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

    async def _township(self, s: ImportSummary, registry: reg.Registry, county: County | None) -> Township:
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


async def _insert(session: AsyncSession, model: type[Any], rows: list[dict[str, Any]]) -> None:
    # One statement for all of them: the ORM would insert new objects one by one to read back their ids.
    if rows:
        await session.execute(insert(model).execution_options(render_nulls=True), rows)


class _People:
    """Upserting people with their memberships and accounts (shared by townships' and a county's people)."""

    def __init__(self, session: AsyncSession, s: ImportSummary, now: dt.datetime) -> None:
        self._s, self.summary, self._now = session, s, now
        self._new_posts: list[dict[str, Any]] = []

    async def sync(self, home: str, existing: dict[tuple[int, str], Person],
                   entries: list[_Entry]) -> dict[tuple[int, str], int]:
        """Make the people of some homes (`existing`, by home id and name) match `entries`, adding who is new;
        every entry's person id."""
        s = self.summary
        fresh = [e for e in entries if (e.home, e.person.name) not in existing]
        ids = {key: person.id for key, person in existing.items()}
        if fresh:
            await _insert(self._s, Person, [{"name": e.person.name, "active": True, home: e.home} for e in fresh])
            # Their ids only: the new people need no ORM objects (loading thousands of them is most of the time).
            column = getattr(Person, home)
            for person_id, home_id, name in await self._s.execute(select(Person.id, column, Person.name).where(
                    column.in_({e.home for e in fresh}), Person.name.in_({e.person.name for e in fresh}))):
                ids.setdefault((home_id, name), person_id)
            s.created["person"] += len(fresh)
            s.added += [f"人员 {e.person.name}（{e.where}）" for e in fresh]
        held: dict[int, list[Membership]] = {}
        for m in await self._s.scalars(select(Membership).where(
                Membership.person_id.in_([p.id for p in existing.values()])).order_by(Membership.id)):
            held.setdefault(m.person_id, []).append(m)
        accounts = {(i.platform, i.platform_user_id): i for i in await self._s.scalars(select(Identity).where(
            Identity.platform_user_id.in_([uid for e in entries for _, uid in e.person.platform_ids])))}
        scope = set(ids.values())  # the people of the homes this roster describes
        conflicts: list[RegistryProblem] = []
        new_accounts: list[dict[str, Any]] = []
        new_grids: list[dict[str, int]] = []
        for e in entries:
            person_id = ids[e.home, e.person.name]
            person = existing.get((e.home, e.person.name))
            changed = False
            if person is None:
                self._new_posts += [self._post(person_id, key, title) for key, title in e.posts]
                s.created["membership"] += len(e.posts)
                new_grids += [{"person_id": person_id, "grid_id": g.id} for g in e.grids]
                s.created["person_grid"] += bool(e.grids)
            else:
                changed = _apply(person, {"active": True})
                changed |= await self._memberships(person, held.get(person.id, []), e.posts)
                if {g.id for g in person.grids} != {g.id for g in e.grids}:
                    person.grids = e.grids
                    s.updated["person_grid"] += 1
                    changed = True
            for platform, user_id in e.person.platform_ids:
                account = accounts.get((platform, user_id))
                if account is None:
                    new_accounts.append({"person_id": person_id, "platform": platform,
                                         "platform_user_id": user_id, "linked_at": self._now})
                    s.created["identity"] += 1
                elif account.person_id != person_id:
                    if account.person_id not in scope:  # someone of another township or county: never taken over
                        conflicts.append(RegistryProblem(f"人员 {e.person.name}（{e.where}）", platform,
                                                         f"账号 {user_id} 已登记给本名册以外的人员，不能改登记"))
                        continue
                    account.person_id = person_id
                    s.updated["identity"] += 1
                    s.changed.append(f"账号 {platform}:{user_id} 改由{e.person.name}使用")
                    changed = True
            if changed:
                s.updated["person"] += 1
                s.changed.append(f"人员 {e.person.name}（{e.where}）")
        if conflicts:
            raise RegistryError(conflicts)
        await _insert(self._s, Membership, self._new_posts)
        await _insert(self._s, Identity, new_accounts)
        if new_grids:
            await self._s.execute(insert(person_grid), new_grids)
        await self._s.flush()
        return ids

    @staticmethod
    def _post(person_id: int, key: _Key, title: str | None) -> dict[str, Any]:
        role, county_id, township_id, village_id = key
        return {"person_id": person_id, "role": role, "title": title, "county_id": county_id,
                "township_id": township_id, "village_id": village_id}

    async def _memberships(self, person: Person, held: list[Membership],
                           wanted: list[tuple[_Key, str | None]]) -> bool:
        have = {(m.role, m.county_id, m.township_id, m.village_id): m for m in held}
        changed = False
        for key, title in wanted:
            m = have.pop(key, None)
            if m is None:
                self._new_posts.append(self._post(person.id, key, title))
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

    def leave(self, people: list[Person], where: dict[int, str], home: str) -> None:
        """Deactivate people the roster no longer lists, noting each one."""
        for person in people:
            person.active = False
            self.summary.leaving.append(Leaving("person", person.id, person.name, where[getattr(person, home)]))


@dataclass(frozen=True)
class _Entry:
    """One person of the roster with what the database should hold for them."""

    home: int  # their township's (or county's) id
    person: reg.Person
    posts: list[tuple[_Key, str | None]]
    grids: list[Grid]
    where: str


_Pairs = list[tuple[Township, reg.Registry]]
_People_ = tuple[dict[tuple[int, str], int], set[int]]  # person ids by (township id, name); those not active


class _Towns:
    """The townships of a roster: villages, grids, people and projects, each kind read and written at once."""

    def __init__(self, session: AsyncSession, s: ImportSummary, now: dt.datetime) -> None:
        self._s, self.summary, self._now = session, s, now
        self._grid: dict[tuple[int, str], Grid] = {}  # by (village id, name)

    async def villages(self, towns: _Pairs) -> dict[tuple[int, str], Village]:
        """The townships' villages by (township id, name), added, updated or deactivated to match the roster."""
        ids = [t.id for t, _ in towns]
        mine = select(Village).where(Village.township_id.in_(ids))
        have = {(v.township_id, v.name): v for v in await self._s.scalars(mine)}
        fresh = []
        for town, registry in towns:
            fresh += self._match("village", "name", have, town, lambda v: v.name, [
                (v.name, {"aliases": list(v.aliases), "level": v.level, "active": True}, f"{v.level} {v.name}（{town.name}）")
                for v in registry.villages])
        if fresh:
            await _insert(self._s, Village, fresh)
            have = {(v.township_id, v.name): v for v in await self._s.scalars(mine)}
        await self._grids(towns, have)
        return have

    def _match(self, kind: str, key_column: str, have: dict[tuple[int, str], Any], town: Township,
               name_of: Callable[[Any], str], wanted: list[tuple[str, dict[str, Any], str]]) -> list[dict[str, Any]]:
        """Update the township's rows of `have` to `wanted` (key, values, label for the office); the rows to insert
        for new keys; rows the roster no longer lists are deactivated and noted as leaving."""
        s, fresh = self.summary, []
        for key, values, label in wanted:
            row = have.get((town.id, key))
            if row is None:
                fresh.append({"township_id": town.id, key_column: key, **values})
                s.created[kind] += 1
                s.added.append(label)
            elif _apply(row, values):
                s.updated[kind] += 1
                s.changed.append(label)
        listed = {key for key, _, _ in wanted}
        for (town_id, key), row in have.items():
            if town_id == town.id and key not in listed and row.active:
                row.active = False
                s.leaving.append(Leaving(kind, row.id, name_of(row), town.name))
        return fresh

    async def _grids(self, towns: _Pairs, villages: dict[tuple[int, str], Village]) -> None:
        mine = select(Grid).where(Grid.village_id.in_([v.id for v in villages.values()]))
        have = {(g.village_id, g.name): g for g in await self._s.scalars(mine)}
        fresh = [{"village_id": villages[town.id, v.name].id, "name": grid} for town, registry in towns
                 for v in registry.villages for grid in v.grids if (villages[town.id, v.name].id, grid) not in have]
        if fresh:
            await _insert(self._s, Grid, fresh)
            self.summary.created["grid"] += len(fresh)
            have = {(g.village_id, g.name): g for g in await self._s.scalars(mine)}
        self._grid = have

    async def people(self, towns: _Pairs, villages: dict[tuple[int, str], Village]) -> _People_:
        """The townships' people matching the roster (who it no longer lists leaves): every person's id by
        (township id, name), and the ids of those not active."""
        ids = [t.id for t, _ in towns]
        existing = {(p.township_id or 0, p.name): p
                    for p in await self._s.scalars(select(Person).where(Person.township_id.in_(ids)))}
        entries = []
        for town, registry in towns:
            for p in registry.people:
                posts: list[tuple[_Key, str | None]] = [
                    ((m.role, None, town.id if m.village is None else None,
                      villages[town.id, m.village].id if m.village else None), m.title) for m in p.memberships]
                grids = [self._grid[villages[town.id, p.village].id, g] for g in p.grids] if p.village else []
                entries.append(_Entry(town.id, p, posts, grids, town.name))
        sync = _People(self._s, self.summary, self._now)
        person_ids = await sync.sync("township_id", existing, entries)
        listed = {(e.home, e.person.name) for e in entries}
        sync.leave([p for key, p in existing.items() if key not in listed and p.active],
                   {t.id: t.name for t, _ in towns}, "township_id")
        return person_ids, {p.id for p in existing.values() if not p.active}

    async def projects(self, towns: _Pairs, villages: dict[tuple[int, str], Village], people: _People_) -> None:
        """The townships' projects and milestones, matching the roster; projects it no longer lists leave."""
        ids = [t.id for t, _ in towns]
        mine = select(Project).where(Project.township_id.in_(ids))
        have = {(p.township_id, p.code): p for p in await self._s.scalars(mine)}
        fresh: list[dict[str, Any]] = []
        # A deactivated owner is not in an exported roster: their projects keep them until they are handed over.
        person_ids, gone = people

        def owner(town: Township, pr: reg.Project) -> int | None:
            if pr.owner:
                return person_ids[town.id, pr.owner]
            held = have.get((town.id, pr.id))
            return held.owner_id if held is not None and held.owner_id in gone else None

        for town, registry in towns:
            fresh += self._match("project", "code", have, town, lambda p: f"{p.code} {p.title}", [
                (pr.id, {"title": pr.title, "kind": pr.kind,
                         "village_id": villages[town.id, pr.village].id if pr.village else None,
                         "owner_id": owner(town, pr), "category": pr.category,
                         "start": pr.start, "deadline": pr.deadline, "weight": pr.weight, "active": True},
                 f"项目 {pr.id} {pr.title}") for pr in registry.projects])
        project_ids = {key: p.id for key, p in have.items()}
        if fresh:
            await _insert(self._s, Project, fresh)
            rows = await self._s.execute(select(Project.id, Project.township_id, Project.code).where(
                Project.township_id.in_(ids), Project.code.in_([row["code"] for row in fresh])))
            project_ids.update({(town_id, code): project_id for project_id, town_id, code in rows})
        await self._milestones(towns, project_ids)

    async def _milestones(self, towns: _Pairs, projects: dict[tuple[int, str], int]) -> None:
        s = self.summary
        listed = [(projects[town.id, pr.id], m) for town, registry in towns for pr in registry.projects
                  for m in pr.milestones]
        have = {(m.project_id, m.title): m for m in await self._s.scalars(
            select(Milestone).where(Milestone.project_id.in_({pid for pid, _ in listed})))}
        fresh = []
        for project_id, m in listed:
            milestone = have.get((project_id, m.title))
            if milestone is None:
                fresh.append({"project_id": project_id, "title": m.title, "due": m.due})
                s.created["milestone"] += 1
            elif _apply(milestone, {"due": m.due}):
                s.updated["milestone"] += 1
        await _insert(self._s, Milestone, fresh)
        await self._s.flush()


class _CountyPeople:
    """The county's own people: county cadres and county supervisors, on the county or on one of its townships."""

    def __init__(self, session: AsyncSession, s: ImportSummary, county: County, towns: dict[str, Township],
                 now: dt.datetime) -> None:
        self._s, self.summary, self._c, self._towns, self._now = session, s, county, towns, now

    async def run(self, people: tuple[reg.Person, ...]) -> None:
        """Upsert them and deactivate county people the file no longer lists."""
        existing = {(self._c.id, p.name): p
                    for p in await self._s.scalars(select(Person).where(Person.county_id == self._c.id))}
        entries = [_Entry(self._c.id, p, [((m.role, None if m.township else self._c.id,
                                            self._towns[m.township].id if m.township else None, None), m.title)
                                          for m in p.memberships], [], self._c.name) for p in people]
        sync = _People(self._s, self.summary, self._now)
        await sync.sync("county_id", existing, entries)
        listed = {p.name for p in people}
        sync.leave([p for (_, name), p in existing.items() if name not in listed and p.active],
                   {self._c.id: self._c.name}, "county_id")
