"""What a county's calendar jobs share: the county's townships, and who at each level is told."""
from __future__ import annotations

from dataclasses import dataclass

from handlers.refs import PersonRef, TownshipRef
from handlers.roles import COUNTY_ROLES, TOWNSHIP_LEADERS
from scheduler.context import JobContext
from scheduler.stores import CountyStore


@dataclass(frozen=True)
class County:
    """A county a calendar job runs for, with its townships in registry order."""

    id: int
    name: str
    towns: tuple[TownshipRef, ...]
    # Its leaders and 目督办; none: a county named only as a label, with no one to report to.
    cadres: tuple[PersonRef, ...]

    @property
    def town_ids(self) -> list[int]:
        """Its townships' ids."""
        return [t.id for t in self.towns]


async def county_of(ctx: JobContext[object], store: CountyStore) -> County:
    """The county the job runs for."""
    assert ctx.county_id is not None
    towns = tuple(t for t in await store.townships.all() if t.county_id == ctx.county_id)
    if not towns:
        raise LookupError(f"county {ctx.county_id} has no township in the database")
    cadres = await store.people.by_ids(await store.county_people.of_county(ctx.county_id, COUNTY_ROLES))
    return County(ctx.county_id, towns[0].county or "", towns, tuple(cadres))


async def town_leaders(store: CountyStore, county: County) -> list[PersonRef]:
    """Every township's leaders and admins."""
    return await store.people.by_ids(await store.county_people.of_towns(county.id, TOWNSHIP_LEADERS))
