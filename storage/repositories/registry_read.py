"""The registry as it stands in the database, for the parser (which only knows `handlers.registry`)."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers import registry as reg
from handlers.refs import ProjectRef
from storage.models import Grid, Person, Project, Township, Village, person_grid


class SqlRegistryReader:
    """RegistryReader."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def snapshot(self, township_id: int) -> reg.Registry:
        """Every active village, person and project of one township."""
        township = await self._s.get(Township, township_id)
        if township is None:
            raise LookupError(f"no township with id {township_id}")
        villages = (await self._s.scalars(select(Village).where(Village.township_id == township_id)
                                          .order_by(Village.id))).all()
        village_names = {v.id: v.name for v in villages}
        grids: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for grid in await self._s.scalars(select(Grid).where(Grid.village_id.in_(village_names)).order_by(Grid.id)):
            grids[grid.village_id].append((grid.id, grid.name))
        grid_names = {gid: name for items in grids.values() for gid, name in items}
        person_grids: dict[int, list[str]] = defaultdict(list)
        for person_id, grid_id in await self._s.execute(
                select(person_grid.c.person_id, person_grid.c.grid_id).where(person_grid.c.grid_id.in_(grid_names))):
            person_grids[person_id].append(grid_names[grid_id])
        people = (await self._s.scalars(select(Person).where(Person.township_id == township_id,
                                                             Person.active.is_(True)).order_by(Person.id))).all()
        person_names = {p.id: p.name for p in people}
        projects = (await self._s.scalars(select(Project).where(Project.township_id == township_id,
                                                                Project.active.is_(True)).order_by(Project.id))).all()
        return reg.Registry(
            township=township.name, county=township.county, timezone=township.timezone,
            villages=tuple(reg.Village(v.name, tuple(v.aliases or ()), tuple(n for _, n in grids[v.id]))
                           for v in villages),
            people=tuple(reg.Person(p.name, p.role, village_names.get(p.village_id) if p.village_id else None,
                                    tuple(person_grids[p.id]), p.title) for p in people),
            projects=tuple(reg.Project(p.code, p.title, p.kind, village_names[p.village_id],
                                       person_names.get(p.owner_id) if p.owner_id else None, p.category,
                                       p.deadline, p.weight, (), p.start) for p in projects),
        )

    async def projects(self, township_id: int) -> list[ProjectRef]:
        """The township's active projects with their database ids."""
        owner = aliased(Person)
        rows = await self._s.execute(
            select(Project.id, Project.code, Project.title, Project.village_id, Village.name, owner.name,
                   Project.start, Project.deadline, Project.weight)
            .join(Village, Village.id == Project.village_id).outerjoin(owner, owner.id == Project.owner_id)
            .where(Project.township_id == township_id, Project.active.is_(True)).order_by(Project.id))
        return [ProjectRef(*row) for row in rows]

    async def village_ids(self, township_id: int) -> dict[str, int]:
        """Village name → database id."""
        rows = await self._s.execute(select(Village.name, Village.id).where(Village.township_id == township_id))
        return {name: village_id for name, village_id in rows}
