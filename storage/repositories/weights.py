"""A weight rule (认定): the factors a township's admins keep for village projects, or a county's for its towns'
own projects; category base × difficulty × time limit."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.roles import Unit
from storage.models import WeightFactor


def _rule_of(unit: Unit) -> Any:
    if unit.level == "county":
        return WeightFactor.county_id == unit.county_id
    return WeightFactor.township_id == unit.township_id


class SqlWeightRule:
    """WeightRuleRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def factors(self, unit: Unit) -> dict[tuple[str, str], float]:
        """The township's (or county's) own factors by (factor, key); the defaults fill in what it has not set."""
        rows = await self._s.execute(select(WeightFactor.factor, WeightFactor.key, WeightFactor.value)
                                     .where(_rule_of(unit)))
        return {(factor, key): value for factor, key, value in rows}

    async def set(self, unit: Unit, factor: str, key: str, value: float | None) -> None:
        """Set one factor of a township's or a county's rule (None: back to the default)."""
        await self._s.execute(delete(WeightFactor).where(_rule_of(unit), WeightFactor.factor == factor,
                                                         WeightFactor.key == key))
        if value is not None:
            owner = {"county_id": unit.county_id} if unit.level == "county" else {"township_id": unit.township_id}
            await self._s.execute(insert(WeightFactor).values(**owner, factor=factor, key=key, value=value))
