"""The inbox: incoming messages as received, unique per (platform, delivery key)."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, cast

from sqlalchemy import String, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import IncomingMessage
from handlers.refs import InboxItem
from storage.models import InboxMessage
from storage.repositories._insert import insert_ignoring_conflicts
from storage.repositories._result import rowcount

_TABLE = InboxMessage.__table__
_KEY_CHARS = cast(String, _TABLE.c.message_key.type).length or 0
_ID_CHARS = cast(String, _TABLE.c.chat_id.type).length
AGAIN = ("failed", "unreadable")  # statuses `yuebao inbox replay` takes


def stored_key(key: str) -> str:
    """The delivery key as the column holds it: a longer one (no platform sends one) by its SHA-256."""
    if len(key) <= _KEY_CHARS:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _said(message: IncomingMessage) -> dict[str, Any]:
    # Descriptive columns for people reading the inbox; the raw payload stays whole whatever is cut here.
    return {"chat_id": message.chat.id[:_ID_CHARS], "sender_id": message.sender.id[:_ID_CHARS],
            "text": message.text}


def _item(row: Any) -> InboxItem:
    return InboxItem(row.id, row.platform, row.message_key, row.raw, row.form, row.status, row.error,
                     row.received_at, row.text)


_COLUMNS = (_TABLE.c.id, _TABLE.c.platform, _TABLE.c.message_key, _TABLE.c.raw, _TABLE.c.form, _TABLE.c.status,
            _TABLE.c.error, _TABLE.c.received_at, _TABLE.c.text)


class SqlInbox:
    """InboxRepo on SQLAlchemy Core (the hot path: no ORM objects)."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, platform: str, key: str, raw: str, now: dt.datetime, *, form: str = "payload",
                  message: IncomingMessage | None = None) -> InboxItem | None:
        """Store as received (with `message`, already read and handled in this transaction: stored as done);
        None when this delivery was stored before."""
        key = stored_key(key)
        status = "new" if message is None else "done"
        stmt = insert_ignoring_conflicts(self._s, _TABLE).values(
            platform=platform, message_key=key, raw=raw, form=form, received_at=now, status=status,
            processed_at=None if message is None else now, **(_said(message) if message is not None else {}),
        ).returning(_TABLE.c.id)
        inbox_id = (await self._s.execute(stmt)).scalar_one_or_none()
        if inbox_id is None:
            return None
        return InboxItem(inbox_id, platform, key, raw, form, status, received_at=now,
                         text=message.text if message is not None else None)

    async def claim(self, inbox_id: int, *, again: bool = False) -> bool:
        """Take a stored message for handling (`again`: one that failed or was unreadable); False when another
        worker has it or it needs nothing more."""
        statuses = AGAIN if again else ("new",)
        result = await self._s.execute(update(_TABLE).where(_TABLE.c.id == inbox_id, _TABLE.c.status.in_(statuses))
                                       .values(status="handling"))
        return rowcount(result) == 1

    async def finish(self, inbox_id: int, now: dt.datetime, status: str, error: str | None = None,
                     message: IncomingMessage | None = None) -> None:
        """Record how handling ended (done | failed | unreadable), with what was read when there is one."""
        await self._s.execute(
            update(_TABLE).where(_TABLE.c.id == inbox_id)
            .values(status=status, error=error, processed_at=now, **(_said(message) if message is not None else {}))
        )

    async def get(self, inbox_id: int) -> InboxItem | None:
        """One stored message by its id."""
        row = (await self._s.execute(select(*_COLUMNS).where(_TABLE.c.id == inbox_id))).one_or_none()
        return None if row is None else _item(row)

    async def pending(self, limit: int, received_before: dt.datetime) -> list[InboxItem]:
        """Messages stored but never handled, oldest first."""
        rows = await self._s.execute(
            select(*_COLUMNS).where(_TABLE.c.status == "new", _TABLE.c.received_at < received_before)
            .order_by(_TABLE.c.id).limit(limit)
        )
        return [_item(row) for row in rows]

    async def failed(self, limit: int) -> list[InboxItem]:
        """Messages whose handling failed or that could not be read, oldest first."""
        rows = await self._s.execute(select(*_COLUMNS).where(_TABLE.c.status.in_(AGAIN)).order_by(_TABLE.c.id)
                                     .limit(limit))
        return [_item(row) for row in rows]
