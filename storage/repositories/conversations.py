"""What the bot is waiting for from one person in one chat."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Conversation

_TABLE = Conversation.__table__


class SqlConversations:
    """ConversationRepo: one row per (platform, chat, person), replaced on each new question."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, platform: str, chat_id: str, person_id: int,
                  now: dt.datetime) -> tuple[str, dict[str, Any]] | None:
        """(kind, data) of the open question, unless it has expired."""
        row = (await self._s.execute(
            select(_TABLE.c.kind, _TABLE.c.data).where(
                _TABLE.c.platform == platform, _TABLE.c.chat_id == chat_id, _TABLE.c.person_id == person_id,
                _TABLE.c.expires_at > now)
        )).first()
        return (row.kind, row.data) if row else None

    async def put(self, platform: str, chat_id: str, person_id: int, kind: str, data: dict[str, Any],
                  now: dt.datetime, expires_at: dt.datetime) -> None:
        """Open (or replace) the question."""
        dialect = sqlite if self._s.bind.dialect.name == "sqlite" else postgresql
        values = {"kind": kind, "data": data, "updated_at": now, "expires_at": expires_at}
        stmt = dialect.insert(_TABLE).values(platform=platform, chat_id=chat_id, person_id=person_id, **values)
        await self._s.execute(stmt.on_conflict_do_update(
            index_elements=["platform", "chat_id", "person_id"], set_=values))

    async def clear(self, platform: str, chat_id: str, person_id: int) -> None:
        """Close the question."""
        await self._s.execute(delete(_TABLE).where(
            _TABLE.c.platform == platform, _TABLE.c.chat_id == chat_id, _TABLE.c.person_id == person_id))
