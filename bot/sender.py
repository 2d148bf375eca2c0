"""The outbox sender shared by every platform: drains due messages, retries with backoff, gives up after 8.

A message is marked sent only after the platform accepted it, so a crash between the two sends it again
on restart: delivery is at least once at the network edge and exactly once everywhere before it.
"""
from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Mapping

from bot.transport import SendError, Transport
from handlers.clock import Clock
from storage.db import Database
from storage.repositories.outbox import QueuedMessage, SqlOutboxQueue

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BACKOFF_BASE = dt.timedelta(seconds=2)
BACKOFF_CAP = dt.timedelta(minutes=30)


def backoff(attempts: int, rng: random.Random) -> dt.timedelta:
    """Delay before the next try after `attempts` failures: exponential, capped, with jitter."""
    delay = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    return delay * rng.uniform(0.5, 1.0)


class OutboxSender:
    """Sends what the outbox holds through the platform transports."""

    def __init__(self, db: Database, transports: Mapping[str, Transport], clock: Clock,
                 *, batch: int = 100, rng: random.Random | None = None) -> None:
        self._db = db
        self._transports = dict(transports)
        self._clock = clock
        self._batch = batch
        self._rng = rng or random.Random()

    async def drain(self) -> int:
        """Send every message due now; returns how many were delivered."""
        delivered = 0
        while True:
            async with self._db.transaction() as session:
                batch = await SqlOutboxQueue(session).due(self._clock.now(), self._batch, list(self._transports))
            for item in batch:
                delivered += await self._send_one(item)
            if len(batch) < self._batch:
                return delivered

    async def _send_one(self, item: QueuedMessage) -> int:
        # No transaction is held while the platform is called: SQLite has a single writer.
        try:
            message_id = await self._transports[item.platform].send(item.chat_id, item.payload)
        except SendError as exc:
            await self._record_failure(item, exc)
            return 0
        async with self._db.transaction() as session:
            await SqlOutboxQueue(session).sent(item.id, self._clock.now(), message_id)
        return 1

    async def _record_failure(self, item: QueuedMessage, exc: SendError) -> None:
        attempts = item.attempts + 1
        next_try: dt.datetime | None = None
        if not exc.permanent and attempts < MAX_ATTEMPTS:
            delay = (dt.timedelta(seconds=exc.retry_after) if exc.retry_after is not None
                     else backoff(attempts, self._rng))
            next_try = self._clock.now() + delay
        if next_try is None:
            log.error("outbox %s (%s) is dead after %d attempts: %s", item.id, item.key, attempts, exc)
        else:
            log.warning("outbox %s attempt %d failed, retry at %s: %s", item.id, attempts, next_try, exc)
        async with self._db.transaction() as session:
            await SqlOutboxQueue(session).failed(item.id, str(exc), next_try)
