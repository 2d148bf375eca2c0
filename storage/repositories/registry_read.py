"""The registry as it stands in the database: one township for the parser (which only knows `handlers.registry`),
and a whole county or township as an `Organisation` for exports and the import's diff."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers import registry as reg
from handlers.project_refs import APPROVED, STATUS
from handlers.refs import ProjectRef
from handlers.roles import Unit, acting_role
from storage.models import County, Grid, Identity, Milestone, Person, Project, Township, Village, person_grid
from storage.repositories.person_refs import memberships_of


class SqlRegistryReader:
    """RegistryReader."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def snapshot(self, township_id: int) -> reg.Registry:
        """Every active village, person and project of one township (with county cadres acting in it)."""
        township = await self._s.get(Township, township_id)
        if township is None:
            raise LookupError(f"no township with id {township_id}")
        return await self._township(township, for_parser=True)

    async def _county_name(self, county_id: int | None) -> str | None:
        return None if county_id is None else await self._s.scalar(select(County.name).where(County.id == county_id))

    async def _township(self, township: Township, *, for_parser: bool) -> reg.Registry:
        villages = (await self._s.scalars(select(Village).where(Village.township_id == township.id,
                                                                Village.active.is_(True)).order_by(Village.id))).all()
        village_names = {v.id: v.name for v in villages}
        grids: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for grid in await self._s.scalars(select(Grid).where(Grid.village_id.in_(village_names)).order_by(Grid.id)):
            grids[grid.village_id].append((grid.id, grid.name))
        grid_names = {gid: name for items in grids.values() for gid, name in items}
        person_grids: dict[int, list[str]] = defaultdict(list)
        for person_id, grid_id in await self._s.execute(
                select(person_grid.c.person_id, person_grid.c.grid_id).where(person_grid.c.grid_id.in_(grid_names))
                .order_by(person_grid.c.grid_id)):
            person_grids[person_id].append(grid_names[grid_id])
        # The parser knows everyone who acts here, county cadres included; a file lists the township's own.
        home = Person.township_id == township.id
        if for_parser and township.county_id is not None:
            home = home | (Person.county_id == township.county_id)
        people = (await self._s.scalars(select(Person).where(home, Person.active.is_(True))
                                        .order_by(Person.id))).all()
        held = await memberships_of(self._s, [p.id for p in people])
        ids = await self._platform_ids([p.id for p in people]) if not for_parser else {}
        out_people = []
        for p in people:
            if for_parser:  # their posts here, the one they act in first
                unit = Unit(township.county_id, township.id)
                here = [m for m in held.get(p.id, []) if unit.within(m.unit) or m.unit.within(unit)]
                acting = acting_role(here, unit)
                if acting is None:
                    continue
                mine = [acting, *(m for m in here if m is not acting)]
            else:
                mine = held.get(p.id, [])
            ms = tuple(reg.Membership(m.role, m.village, m.title,
                                      tuple(person_grids[p.id]) if m.role == "grid_worker" and m.village else ())
                       for m in mine)
            if not ms:
                continue
            out_people.append(reg.Person(p.name, ms[0].role, ms[0].village, ms[0].grids, ms[0].title,
                                         ids.get(p.id, ()), ms[1:]))
        person_names = {p.id: p.name for p in people}
        live = [Project.township_id == township.id, Project.active.is_(True)]
        if for_parser:  # reports are filed on approved projects only; the lifecycle reads the others itself
            live.append(Project.status.in_(APPROVED))
        projects = (await self._s.scalars(select(Project).where(*live).order_by(Project.id))).all()
        milestones = await self._milestones([p.id for p in projects]) if not for_parser else {}
        return reg.Registry(
            township=township.name, county=await self._county_name(township.county_id), timezone=township.timezone,
            villages=tuple(reg.Village(v.name, tuple(v.aliases or ()), tuple(n for _, n in grids[v.id]), v.level)
                           for v in villages),
            people=tuple(out_people),
            projects=tuple(reg.Project(p.code, p.title, p.kind, village_names.get(p.village_id) if p.village_id
                                       else None, person_names.get(p.owner_id) if p.owner_id else None,
                                       p.category, p.deadline, p.weight, milestones.get(p.id, ()), p.start)
                           # The township's own projects too: its leaders report on them (for the county).
                           for p in projects if p.village_id in village_names or p.village_id is None),
            aliases=tuple(township.aliases or ()), level=township.level,
        )

    async def _platform_ids(self, person_ids: list[int]) -> dict[int, tuple[tuple[str, str], ...]]:
        # The roster names accounts of the chat platforms only (a console link is a technician's).
        rows = await self._s.execute(select(Identity.person_id, Identity.platform, Identity.platform_user_id)
                                     .where(Identity.person_id.in_(person_ids), Identity.platform.in_(reg.PLATFORMS))
                                     .order_by(Identity.id))
        out: dict[int, dict[str, str]] = defaultdict(dict)
        for person_id, platform, user_id in rows:
            out[person_id].setdefault(platform, user_id)
        return {k: tuple(sorted(v.items())) for k, v in out.items()}

    async def with_milestones(self, township_id: int) -> set[int]:
        """Ids of the township's projects that have milestones (ticked or not)."""
        rows = await self._s.scalars(select(Milestone.project_id).distinct().join(Project)
                                     .where(Project.township_id == township_id))
        return set(rows)

    async def _milestones(self, project_ids: list[int]) -> dict[int, tuple[reg.Milestone, ...]]:
        rows = await self._s.execute(select(Milestone.project_id, Milestone.title, Milestone.due)
                                     .where(Milestone.project_id.in_(project_ids)).order_by(Milestone.id))
        out: dict[int, list[reg.Milestone]] = defaultdict(list)
        for project_id, title, due in rows:
            out[project_id].append(reg.Milestone(title, due))
        return {k: tuple(v) for k, v in out.items()}

    async def organisation(self, county: str | None = None, township: str | None = None) -> reg.Organisation | None:
        """A county with its people and townships, or one township, as a roster file would hold it (None when
        there is no such unit)."""
        if township is not None:
            row = await self._s.scalar(select(Township).where(Township.name == township))
            if row is None:
                return None
            one = await self._township(row, for_parser=False)
            return reg.Organisation(one.county, (one,), timezone=one.timezone)
        unit = await self._s.scalar(select(County).where(County.name == county))
        if unit is None:
            return None
        towns = (await self._s.scalars(select(Township).where(Township.county_id == unit.id)
                                       .order_by(Township.id))).all()
        registries = tuple([await self._township(t, for_parser=False) for t in towns])
        people = (await self._s.scalars(select(Person).where(Person.county_id == unit.id, Person.active.is_(True))
                                        .order_by(Person.id))).all()
        held = await memberships_of(self._s, [p.id for p in people])
        ids = await self._platform_ids([p.id for p in people])
        names = {t.id: t.name for t in towns}
        county_people = []
        for p in people:
            ms = tuple(reg.Membership(m.role, None, m.title, (), names.get(m.unit.township_id or -1))
                       for m in held.get(p.id, []))
            if ms:
                county_people.append(reg.Person(p.name, ms[0].role, None, (), ms[0].title, ids.get(p.id, ()),
                                                ms[1:], ms[0].township))
        timezone = registries[0].timezone if registries else reg.DEFAULT_TIMEZONE
        return reg.Organisation(unit.name, registries, tuple(county_people), tuple(unit.aliases or ()), timezone,
                                is_county=True, level=unit.level)

    async def projects(self, township_id: int, *, approved_only: bool = True, own: bool = False) -> list[ProjectRef]:
        """The township's active village projects with their database ids: approved ones (reported on), or all
        (the 台账 lists those under review too); `own`: the township's own projects instead (named by it)."""
        owner = aliased(Person)
        columns = (Project.id, Project.code, Project.title)
        rest = (owner.name, Project.start, Project.deadline, Project.weight, Project.kind)
        query: Select[*tuple[Any, ...]] = (
            select(*columns, Project.village_id, Township.name, *rest)
            .join(Township, Township.id == Project.township_id).where(Project.village_id.is_(None))
            if own else
            select(*columns, Village.id, Village.name, *rest)
            .join(Village, Village.id == Project.village_id).where(Village.active.is_(True)))
        query = (query.outerjoin(owner, owner.id == Project.owner_id)
                 .where(Project.township_id == township_id, Project.active.is_(True),
                        Project.status.in_(APPROVED if approved_only else tuple(STATUS)))
                 .order_by(Project.id))
        rows = await self._s.execute(query)
        return [ProjectRef(*row) for row in rows]

    async def village_ids(self, township_id: int) -> dict[str, int]:
        """Village name → database id (active villages)."""
        rows = await self._s.execute(select(Village.name, Village.id).where(Village.township_id == township_id,
                                                                           Village.active.is_(True)))
        return {name: village_id for name, village_id in rows}

