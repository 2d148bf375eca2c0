"""What the bot is waiting for from one person in one chat."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Conversation
from storage.repositories._insert import prepared_upsert

_TABLE = Conversation.__table__


class SqlConversations:
    """ConversationRepo: one row per (platform, chat, person), replaced on each new question."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def put(self, platform: str, chat_id: str, person_id: int, kind: str, data: dict[str, Any],
                  now: dt.datetime, expires_at: dt.datetime) -> None:
        """Open (or replace) the question."""
        stmt = prepared_upsert(self._s, _TABLE, ("platform", "chat_id", "person_id"),
                               ("kind", "data", "updated_at", "expires_at"))
        await self._s.execute(stmt, {"platform": platform, "chat_id": chat_id, "person_id": person_id, "kind": kind,
                                     "data": data, "updated_at": now, "expires_at": expires_at})

    async def clear(self, platform: str, chat_id: str, person_id: int) -> None:
        """Close the question."""
        await self._s.execute(delete(_TABLE).where(
            _TABLE.c.platform == platform, _TABLE.c.chat_id == chat_id, _TABLE.c.person_id == person_id))
