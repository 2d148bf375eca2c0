"""The townships this installation serves: the general list jobs, the CLI and (later) the county tier start from."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.refs import TownshipRef
from storage.models import Township

_COLUMNS = (Township.id, Township.name, Township.county, Township.timezone, Township.registry_version)


class SqlTownships:
    """TownshipRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def all(self) -> list[TownshipRef]:
        """Every township, in the order they were registered."""
        rows = await self._s.execute(select(*_COLUMNS).order_by(Township.id))
        return [TownshipRef(*row) for row in rows]

    async def get(self, township_id: int) -> TownshipRef | None:
        """One township by id."""
        row = (await self._s.execute(select(*_COLUMNS).where(Township.id == township_id))).one_or_none()
        return None if row is None else TownshipRef(*row)
