"""A township's weight rule (认定): the factors its admins keep, category base × difficulty × time limit."""
from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import WeightFactor


class SqlWeightRule:
    """WeightRuleRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def factors(self, township_id: int) -> dict[tuple[str, str], float]:
        """The township's own factors by (factor, key); the defaults fill in what it has not set."""
        rows = await self._s.execute(select(WeightFactor.factor, WeightFactor.key, WeightFactor.value)
                                     .where(WeightFactor.township_id == township_id))
        return {(factor, key): value for factor, key, value in rows}

    async def set(self, township_id: int, factor: str, key: str, value: float | None) -> None:
        """Set one factor (None: back to the default)."""
        await self._s.execute(delete(WeightFactor).where(WeightFactor.township_id == township_id,
                                                         WeightFactor.factor == factor, WeightFactor.key == key))
        if value is not None:
            await self._s.execute(insert(WeightFactor).values(
                township_id=township_id, factor=factor, key=key, value=value))
