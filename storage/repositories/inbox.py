"""The inbox: raw incoming messages, unique per (platform, message key)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import IncomingMessage, message_from_dict, message_to_dict
from handlers.ports import InboxItem
from storage.models import InboxMessage
from storage.repositories._insert import insert_ignoring_conflicts

_TABLE = InboxMessage.__table__


class SqlInbox:
    """InboxRepo on SQLAlchemy Core (the hot path: no ORM objects)."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, message: IncomingMessage, now: dt.datetime, *, handled: bool = False) -> int | None:
        """Store raw; the new id, or None when this delivery is already stored."""
        stmt = insert_ignoring_conflicts(self._s, _TABLE).values(
            platform=message.platform, message_key=message.key, chat_id=message.chat.id,
            sender_id=message.sender.id, text=message.text, payload=message_to_dict(message),
            received_at=now, status="done" if handled else "new", processed_at=now if handled else None,
        ).returning(_TABLE.c.id)
        return (await self._s.execute(stmt)).scalar_one_or_none()

    async def claim(self, inbox_id: int) -> bool:
        """Take a stored message for handling; False when another worker already has (or had) it."""
        result = await self._s.execute(update(_TABLE).where(_TABLE.c.id == inbox_id, _TABLE.c.status == "new")
                                       .values(status="handling"))
        return result.rowcount == 1

    async def finish(self, inbox_id: int, now: dt.datetime, error: str | None = None) -> None:
        """Mark handled, or failed with its error (the raw message stays either way)."""
        await self._s.execute(
            update(_TABLE).where(_TABLE.c.id == inbox_id)
            .values(status="failed" if error else "done", error=error, processed_at=now)
        )

    async def pending(self, limit: int, received_before: dt.datetime) -> list[InboxItem]:
        """Messages stored but never handled, oldest first."""
        rows = await self._s.execute(
            select(_TABLE.c.id, _TABLE.c.payload)
            .where(_TABLE.c.status == "new", _TABLE.c.received_at < received_before)
            .order_by(_TABLE.c.id).limit(limit)
        )
        return [InboxItem(row.id, message_from_dict(row.payload)) for row in rows]
