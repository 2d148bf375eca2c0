"""Who holds a role across a county: its own cadres (who review towns' own projects), and the leaders of its towns
(who are told of the county's project menu)."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Membership, Person, Township


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
