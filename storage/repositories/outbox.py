"""The outbox: outgoing messages, each unique by key.

A notice marked `daily` is stored `held`: the sender never sees it. The 今日待办 step
(scheduler.jobs.daily_note) queues one note per chat in place of a chat's held notices and marks them
`merged`; the note's key (one per chat and day) and that change share one transaction, so a notice is merged
into one note only, whoever runs the step.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import bindparam, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import Attachment, Button, HeldNotice, OutgoingMessage
from storage.models import OutboxMessage
from storage.repositories._insert import insert_ignoring_conflicts
from storage.repositories._result import rowcount

_TABLE = OutboxMessage.__table__


def outgoing_payload(msg: OutgoingMessage) -> dict[str, Any]:
    """What the sender needs to send `msg`, as stored JSON."""
    return {
        "text": msg.text,
        "buttons": [[asdict(b) for b in row] for row in msg.buttons],
        "attachments": [asdict(a) for a in msg.attachments],
        "reply_to": msg.reply_to,
        "edit_of": msg.edit_of,
        "card": msg.card,
    }


HELD, MERGED = "held", "merged"  # a `daily` notice waiting for its note, and one that went out in a note
MESSAGES = ("pending", "sending", "sent", "dead")  # rows that are messages of their own (not held or merged)


def _row(msg: OutgoingMessage, payload: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    return {"key": msg.key, "platform": msg.platform, "chat_id": msg.chat_id, "payload": payload,
            "urgent": msg.urgent, "status": HELD if msg.daily else "pending", "attempts": 0,
            "next_try_at": max(now, msg.not_before) if msg.not_before else now, "created_at": now}


def _message(key: str, platform: str, chat_id: str, payload: dict[str, Any]) -> OutgoingMessage:
    """The message `outgoing_payload` stored."""
    return OutgoingMessage(
        platform, chat_id, payload["text"], key,
        buttons=tuple(tuple(Button(**b) for b in row) for row in payload.get("buttons") or ()),
        attachments=tuple(Attachment(**a) for a in payload.get("attachments") or ()),
        reply_to=payload.get("reply_to"), edit_of=payload.get("edit_of"), card=bool(payload.get("card")),
        daily=True)


class SqlOutbox:
    """OutboxRepo: enqueueing is idempotent on the message key."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def actions_of(self, platform: str, chat_id: str, platform_message_id: str) -> list[str]:
        """The button data of a message the bot sent, for a reply to it (empty if none)."""
        return await SqlOutboxLookup(self._s).actions_of(platform, chat_id, platform_message_id)

    async def last_actions(self, platform: str, chat_id: str) -> list[str]:
        """The button data of the bot's latest message to a chat (for numbered answers)."""
        return await SqlOutboxLookup(self._s).last_actions(platform, chat_id)

    async def enqueue(self, messages: Sequence[OutgoingMessage], now: dt.datetime) -> int:
        """Add the messages whose key is new (a `daily` one held for its note); returns how many were added."""
        if not messages:
            return 0
        rows = [_row(m, outgoing_payload(m), now) for m in messages]
        result = await self._s.execute(insert_ignoring_conflicts(self._s, _TABLE).values(rows))
        return rowcount(result)

    async def held(self, now: dt.datetime) -> list[HeldNotice]:
        """Notices held for 今日待办 notes and due by `now`, chat by chat, each chat's in the order they came."""
        rows = await self._s.execute(
            select(_TABLE.c.id, _TABLE.c.key, _TABLE.c.platform, _TABLE.c.chat_id, _TABLE.c.payload)
            .where(_TABLE.c.status == HELD, _TABLE.c.next_try_at <= now)
            .order_by(_TABLE.c.platform, _TABLE.c.chat_id, _TABLE.c.id))
        return [HeldNotice(row_id, _message(key, platform, chat_id, payload))
                for row_id, key, platform, chat_id, payload in rows]

    async def merge(self, note: OutgoingMessage, parts: Sequence[HeldNotice], now: dt.datetime) -> bool:
        """Queue `note` in place of the held `parts`; False, and nothing changed, when its key is already taken."""
        # The note names its parts, so what it stood for can be told afterwards (bench/burden.py counts by them).
        payload = outgoing_payload(note) | {"items": [part.message.key for part in parts]}
        added = await self._s.execute(insert_ignoring_conflicts(self._s, _TABLE).values([_row(note, payload, now)]))
        if not rowcount(added):
            return False
        await self._s.execute(update(_TABLE).where(_TABLE.c.id.in_([part.id for part in parts]),
                                                   _TABLE.c.status == HELD).values(status=MERGED))
        return True


@dataclass(frozen=True)
class QueuedMessage:
    """An outbox row due for sending; `possibly_sent` when a sender stopped with it in flight (lease expired)."""

    id: int
    key: str
    platform: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int
    parts_sent: int
    possibly_sent: bool


LIVE = ("pending", "sending")  # rows a sender still has to finish; "sending" rows are leased until next_try_at
_EARLIER = _TABLE.alias("earlier")
_COLUMNS = (_TABLE.c.id, _TABLE.c.key, _TABLE.c.platform, _TABLE.c.chat_id, _TABLE.c.payload, _TABLE.c.attempts,
            _TABLE.c.parts_sent)
# Hot-path statements, built once (see storage.repositories._insert): one small commit per send.
_MARK_SENT = (update(_TABLE).where(_TABLE.c.id == bindparam("oid"))
              .values(status="sent", sent_at=bindparam("at"), platform_message_id=bindparam("mid"), last_error=None))
_MARK_PART = update(_TABLE).where(_TABLE.c.id == bindparam("oid")).values(parts_sent=bindparam("parts"))


def _blocked(now: dt.datetime) -> Any:
    """An earlier message of the same chat is in flight or waits for its retry: this one waits behind it.

    Only a message that was tried holds back later ones; one held for working hours (never tried) does not."""
    return exists(select(_EARLIER.c.id).where(
        _EARLIER.c.platform == _TABLE.c.platform, _EARLIER.c.chat_id == _TABLE.c.chat_id,
        _EARLIER.c.id < _TABLE.c.id, _EARLIER.c.status.in_(LIVE), _EARLIER.c.attempts > 0,
        _EARLIER.c.next_try_at > now))


class SqlOutboxLookup:
    """What the bot said in a message people reply to."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def actions_of(self, platform: str, chat_id: str, platform_message_id: str) -> list[str]:
        """The button data of a message the bot sent (empty if none, or not the bot's)."""
        payload = (await self._s.execute(
            select(_TABLE.c.payload).where(_TABLE.c.platform == platform, _TABLE.c.chat_id == chat_id,
                                           _TABLE.c.platform_message_id == platform_message_id)
        )).scalar_one_or_none()
        return [b["data"] for row in (payload or {}).get("buttons") or [] for b in row]

    async def last_actions(self, platform: str, chat_id: str) -> list[str]:
        """The button data of the bot's latest message to a chat, numbered from 1 in reading order."""
        payload = (await self._s.execute(
            select(_TABLE.c.payload).where(_TABLE.c.platform == platform, _TABLE.c.chat_id == chat_id,
                                           _TABLE.c.status.in_(MESSAGES))
            .order_by(_TABLE.c.id.desc()).limit(1)
        )).scalar_one_or_none()
        return [b["data"] for row in (payload or {}).get("buttons") or [] for b in row]


class SqlOutboxQueue:
    """The sender's side of the outbox: what is due, leases on what is in flight, and what became of each send."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def due(self, now: dt.datetime, platforms: Sequence[str], *, limit: int,
                  per_chat: int) -> list[QueuedMessage]:
        """Messages whose time has come (or whose lease ran out), up to `per_chat` of each chat in order, every
        chat's first before any chat's second: a chat with a long queue hides no other. Nothing is leased."""
        ranked = (select(*_COLUMNS, _TABLE.c.status,
                         func.row_number().over(partition_by=(_TABLE.c.platform, _TABLE.c.chat_id),
                                                order_by=_TABLE.c.id).label("n"))
                  .where(_TABLE.c.status.in_(LIVE), _TABLE.c.next_try_at <= now, _TABLE.c.platform.in_(platforms),
                         ~_blocked(now))
                  .subquery())
        rows = await self._s.execute(
            select(*(ranked.c[c.name] for c in _COLUMNS), ranked.c.status)
            .where(ranked.c.n <= per_chat).order_by(ranked.c.n, ranked.c.id).limit(limit))
        return [QueuedMessage(r.id, r.key, r.platform, r.chat_id, r.payload, r.attempts, r.parts_sent,
                              possibly_sent=r.status == "sending") for r in rows]

    async def claim(self, message_ids: Sequence[int], now: dt.datetime, lease: dt.timedelta) -> set[int]:
        """Lease messages about to be sent, each counted as an attempt, if still due and first in their chat;
        the ids leased (another sender may have taken the rest)."""
        if not message_ids:
            return set()
        return set((await self._s.execute(
            update(_TABLE).where(_TABLE.c.id.in_(list(message_ids)), _TABLE.c.status.in_(LIVE),
                                 _TABLE.c.next_try_at <= now, ~_blocked(now))
            .values(status="sending", attempts=_TABLE.c.attempts + 1, next_try_at=now + lease)
            .returning(_TABLE.c.id))).scalars())

    async def renew(self, message_ids: Sequence[int], until: dt.datetime) -> None:
        """Extend the leases of messages still being sent."""
        if message_ids:
            await self._s.execute(update(_TABLE).where(_TABLE.c.id.in_(list(message_ids)), _TABLE.c.status == "sending")
                                  .values(next_try_at=until))

    async def release(self, message_ids: Sequence[int], now: dt.datetime) -> None:
        """Give back leased messages with no request in flight (a sender stopping between two parts)."""
        if message_ids:
            await self._s.execute(update(_TABLE).where(_TABLE.c.id.in_(list(message_ids)), _TABLE.c.status == "sending")
                                  .values(status="pending", next_try_at=now))

    async def part_sent(self, message_id: int, parts_sent: int) -> None:
        """Record that the first `parts_sent` parts of a long message were delivered."""
        await self._s.execute(_MARK_PART, {"oid": message_id, "parts": parts_sent})

    async def sent(self, message_id: int, at: dt.datetime, platform_message_id: str | None) -> None:
        """Record a delivery, with the platform's message id."""
        await self._s.execute(_MARK_SENT, {"oid": message_id, "at": at, "mid": platform_message_id})

    async def failed(self, message_id: int, error: str, next_try_at: dt.datetime | None) -> None:
        """Record a failed attempt: retry at `next_try_at`, or dead when that is None."""
        await self._s.execute(update(_TABLE).where(_TABLE.c.id == message_id).values(
            status="pending" if next_try_at else "dead", last_error=error[:2000],
            **({"next_try_at": next_try_at} if next_try_at else {})))

    async def next_due_at(self, platforms: Sequence[str]) -> dt.datetime | None:
        """When the earliest unfinished message becomes due (a lease's end for one in flight), None if none."""
        due: dt.datetime | None = (await self._s.execute(
            select(func.min(_TABLE.c.next_try_at))
            .where(_TABLE.c.status.in_(LIVE), _TABLE.c.platform.in_(platforms))
        )).scalar_one_or_none()
        return due
