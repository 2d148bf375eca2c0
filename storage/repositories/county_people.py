"""Who holds a role across a county: its own cadres (who review towns' own projects), and the leaders of its towns
(who are told of the county's project menu)."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.roles import COUNTY_ROLES
from storage.models import Membership, Person, Township


def county_cadres() -> Select[int]:
    """Ids of the people who act for a county (its leaders and admins on the county itself): whose tasks are the
    county's hand-offs. A supervisor posted by the county, or anyone merely on its roster, is not one."""
    return select(Membership.person_id).where(Membership.county_id.is_not(None), Membership.role.in_(COUNTY_ROLES))


class SqlCountyPeople:
    """CountyPeopleRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def of_county(self, county_id: int, roles: Sequence[str]) -> list[int]:
        """Ids of active people holding one of `roles` on the county itself."""
        return await self._holders(Membership.county_id == county_id, roles)

    async def of_towns(self, county_id: int, roles: Sequence[str]) -> list[int]:
        """Ids of active people holding one of `roles` on a township of the county."""
        towns = select(Township.id).where(Township.county_id == county_id)
        return await self._holders(Membership.township_id.in_(towns), roles)

    async def _holders(self, on_unit: ColumnElement[bool], roles: Sequence[str]) -> list[int]:
        rows = await self._s.scalars(
            select(Person.id).distinct().join(Membership, Membership.person_id == Person.id)
            .where(on_unit, Membership.role.in_(roles), Person.active.is_(True)).order_by(Person.id))
        return list(rows)
