"""The sender's writes to the outbox, each its own small commit the moment it is known: a lease on a message
about to go out (counted as an attempt), its renewal, a part or a message delivered, a retry planned, or a
message given up on (and the admins told once)."""
from __future__ import annotations

import datetime as dt
import logging
import random
import traceback
from collections.abc import Mapping, Sequence
from typing import Any

from bot.masking import mask_secrets, scrubbed
from bot.transport import SendError, Transport
from handlers.clock import Clock
from handlers.messages import OutgoingMessage
from storage.db import Database
from storage.repositories.outbox import QueuedMessage, SqlOutbox, SqlOutboxQueue
from storage.repositories.people import SqlPeople

log = logging.getLogger("bot.sender")

MAX_ATTEMPTS = 8
BACKOFF_BASE = dt.timedelta(seconds=2)
BACKOFF_CAP = dt.timedelta(minutes=30)
DEAD_NOTICE = "dead:"


def backoff(attempts: int, rng: random.Random) -> dt.timedelta:
    """Delay before the next try after `attempts` failures: exponential, capped, with jitter."""
    delay = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    return delay * rng.uniform(0.5, 1.0)


class SendRecords:
    """Leases and outcomes of sends, written through `db` on `clock`'s time."""

    def __init__(self, db: Database, transports: Mapping[str, Transport], clock: Clock, rng: random.Random) -> None:
        self._db = db
        self._transports = transports
        self._clock = clock
        self._rng = rng

    async def claim(self, items: Sequence[QueuedMessage], lease: dt.timedelta) -> set[int]:
        """Lease messages about to be sent; the ids leased. One whose earlier sender stopped mid-send is logged as
        possibly sent, with its key, before it goes again."""
        async with self._db.transaction() as session:
            leased = await SqlOutboxQueue(session).claim([item.id for item in items], self._clock.now(), lease)
        for item in items:
            if item.id in leased and item.possibly_sent:
                log.warning("outbox %s (%s) possibly sent: its sender stopped with the request in flight; "
                            "sending it again from part %d", item.id, mask_secrets(item.key), item.parts_sent + 1)
        return leased

    async def renew(self, message_ids: Sequence[int], lease: dt.timedelta) -> None:
        """Extend the leases of messages still being sent."""
        async with self._db.transaction() as session:
            await SqlOutboxQueue(session).renew(message_ids, self._clock.now() + lease)

    async def release(self, message_ids: Sequence[int]) -> None:
        """Give back leased messages with no request in flight."""
        async with self._db.transaction() as session:
            await SqlOutboxQueue(session).release(message_ids, self._clock.now())

    async def part(self, item: QueuedMessage, parts_sent: int) -> None:
        """The first `parts_sent` parts of a long message were delivered."""
        async with self._db.transaction() as session:
            await SqlOutboxQueue(session).part_sent(item.id, parts_sent)

    async def sent(self, item: QueuedMessage, platform_message_id: str | None) -> None:
        """A message was delivered."""
        async with self._db.transaction() as session:
            await SqlOutboxQueue(session).sent(item.id, self._clock.now(), platform_message_id)

    async def failed(self, item: QueuedMessage, exc: SendError) -> None:
        """An attempt failed: plan the retry (at the platform's `retry_after`, else with backoff), or give up after
        MAX_ATTEMPTS or a permanent error and tell the admins."""
        attempts = item.attempts + 1  # the lease counted this attempt
        next_try: dt.datetime | None = None
        if not exc.permanent and attempts < MAX_ATTEMPTS:
            delay = (dt.timedelta(seconds=exc.retry_after) if exc.retry_after is not None
                     else backoff(attempts, self._rng))
            next_try = self._clock.now() + delay
        async with self._db.transaction() as session:
            await SqlOutboxQueue(session).failed(item.id, str(exc), next_try)
            if next_try is None:
                log.error("outbox %s (%s) is dead after %d attempts: %s", item.id, mask_secrets(item.key), attempts,
                          mask_secrets(str(exc)))
                if not item.key.startswith(DEAD_NOTICE):
                    await self._tell_admins(session, item, str(exc))
            elif exc.possibly_sent:
                log.warning("outbox %s (%s) possibly sent: %s; attempt %d, retry at %s", item.id,
                            mask_secrets(item.key), mask_secrets(str(exc)), attempts, next_try)
            else:
                log.warning("outbox %s attempt %d failed, retry at %s: %s", item.id, attempts, next_try,
                            mask_secrets(str(exc)))

    async def _tell_admins(self, session: Any, item: QueuedMessage, error: str) -> None:
        """One notice per dead message to every admin the bot can reach (never about a notice)."""
        preview = str(item.payload.get("text", ""))[:40]
        text = (f"⚠️ 有一条消息发送失败，已停止重试：\n发往 {item.platform}:{mask_secrets(item.chat_id)}\n"
                f"内容：{preview}{'…' if len(preview) == 40 else ''}\n原因：{mask_secrets(error)[:200]}")
        notices = [
            OutgoingMessage(platform, self._transports[platform].direct_chat(user_id), text,
                            key=f"{DEAD_NOTICE}{item.id}:{platform}:{user_id}")
            for platform, user_id in await SqlPeople(session).identities_with_role("admin")
            if platform in self._transports
        ]
        await SqlOutbox(session).enqueue(notices, self._clock.now())


def unexpected(platform: str, chat_id: str, item: QueuedMessage, exc: Exception) -> SendError:
    """An exception no transport should raise, logged with its traceback and counted as a transient failure."""
    trace = "".join(traceback.format_exception(exc))
    # Not log.exception: its traceback would carry the exception's text as is, URLs with keys included.
    log.error("outbox %s to %s chat %s: unexpected error from the transport\n%s", item.id, platform,
              mask_secrets(chat_id), scrubbed(trace, chat_id).rstrip())
    # The stored error (and an admin's notice) names only the type: the text may hold what the log masks.
    return SendError(f"unexpected {type(exc).__name__}")
