"""The townships this installation serves: the general list jobs, the CLI and the county tier start from."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.refs import TownshipRef
from storage.models import County, Township

_QUERY = (select(Township.id, Township.name, County.name, Township.timezone, Township.registry_version,
                 Township.county_id)
          .outerjoin(County, County.id == Township.county_id))


async def bump_registry(session: AsyncSession, township_id: int) -> None:
    """Mark a township's registry changed: parsers are cached per version, and the next message must know it."""
    await session.execute(update(Township).where(Township.id == township_id)
                          .values(registry_version=Township.registry_version + 1))
    await session.flush()


class SqlTownships:
    """TownshipRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def all(self) -> list[TownshipRef]:
        """Every township, in the order they were registered."""
        rows = await self._s.execute(_QUERY.order_by(Township.id))
        return [TownshipRef(*row) for row in rows]

    async def get(self, township_id: int) -> TownshipRef | None:
        """One township by id."""
        row = (await self._s.execute(_QUERY.where(Township.id == township_id))).one_or_none()
        return None if row is None else TownshipRef(*row)
