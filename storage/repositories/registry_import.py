"""Loading a validated `Registry` into the database: updates in place by natural key, never duplicates."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers import registry as reg
from storage.models import Base, Grid, Identity, Milestone, Person, Project, Township, Village

M = TypeVar("M", bound=Base)


@dataclass
class ImportSummary:
    """How many rows of each kind were created or changed."""

    township: str
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)


def _apply(obj: object, values: dict[str, object]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


class RegistryImporter:
    """Upserts one registry into a session; the caller's unit of work commits or rolls back the whole file."""

    def __init__(self, session: AsyncSession, now: dt.datetime) -> None:
        self._s = session
        self._now = now

    async def _upsert(self, summary: ImportSummary, model: type[M], key: dict[str, object],
                      values: dict[str, object], on_create: dict[str, object] | None = None) -> M:
        obj = (await self._s.execute(select(model).filter_by(**key))).scalar_one_or_none()
        kind = model.__tablename__
        if obj is None:
            obj = model(**key, **values, **(on_create or {}))
            self._s.add(obj)
            summary.created[kind] += 1
        elif _apply(obj, values):
            summary.updated[kind] += 1
        await self._s.flush()
        return obj

    async def run(self, registry: reg.Registry) -> ImportSummary:
        """Import every entry of `registry`."""
        s = ImportSummary(registry.township)
        township = await self._upsert(s, Township, {"name": registry.township},
                                      {"county": registry.county, "timezone": registry.timezone})
        villages: dict[str, Village] = {}
        grids: dict[tuple[str, str], Grid] = {}
        for v in registry.villages:
            village = await self._upsert(s, Village, {"township_id": township.id, "name": v.name},
                                         {"aliases": list(v.aliases)})
            villages[v.name] = village
            for grid_name in v.grids:
                grids[v.name, grid_name] = await self._upsert(
                    s, Grid, {"village_id": village.id, "name": grid_name}, {})
        people: dict[str, Person] = {}
        for p in registry.people:
            person = await self._upsert(s, Person, {"township_id": township.id, "name": p.name}, {
                "role": p.role, "title": p.title, "active": True,
                "village_id": villages[p.village].id if p.village else None})
            await self._s.refresh(person, ["grids"])
            wanted = [grids[p.village, g] for g in p.grids] if p.village else []
            if {g.id for g in person.grids} != {g.id for g in wanted}:
                person.grids = wanted
                s.updated["person_grid"] += 1
            people[p.name] = person
            for platform, user_id in p.platform_ids:
                await self._upsert(s, Identity, {"platform": platform, "platform_user_id": user_id},
                                   {"person_id": person.id}, on_create={"linked_at": self._now})
        for pr in registry.projects:
            project = await self._upsert(s, Project, {"township_id": township.id, "code": pr.id}, {
                "title": pr.title, "kind": pr.kind, "village_id": villages[pr.village].id,
                "owner_id": people[pr.owner].id if pr.owner else None, "category": pr.category,
                "start": pr.start, "deadline": pr.deadline, "weight": pr.weight, "active": True})
            for m in pr.milestones:
                await self._upsert(s, Milestone, {"project_id": project.id, "title": m.title}, {"due": m.due})
        if s.created or s.updated:
            township.registry_version += 1
        await self._s.flush()
        return s
