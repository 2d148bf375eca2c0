"""Access tokens kept in the database so that several workers share one, refreshed by one at a time."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AccessToken
from storage.repositories._insert import prepared_insert_ignoring

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class SqlTokens:
    """Read a token under a row lock (SQLite: the write lock of BEGIN IMMEDIATE) and store a new one."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def locked(self, key: str) -> tuple[str, dt.datetime]:
        """(token, expiry) of `key`, locked until the transaction ends; ("", epoch) when there is none yet."""
        await self._s.execute(prepared_insert_ignoring(self._s, AccessToken.__table__),
                              {"key": key, "token": "", "expires_at": _EPOCH})
        row = (await self._s.execute(select(AccessToken.token, AccessToken.expires_at)
                                     .where(AccessToken.key == key).with_for_update())).one()
        return row.token, row.expires_at

    async def save(self, key: str, token: str, expires_at: dt.datetime) -> None:
        """Store a freshly fetched token."""
        await self._s.execute(update(AccessToken).where(AccessToken.key == key)
                              .values(token=token, expires_at=expires_at))
