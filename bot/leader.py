"""Which instance leads: exactly one runs the calendar and the sender; the others only serve webhooks.

On PostgreSQL the leader holds a session-level advisory lock on a connection kept open for it. When the
leader dies its session ends, the server drops the lock, and another instance takes it at its next try
(every `every` seconds, well within 30). SQLite deployments are a single instance, which always leads.
Two instances briefly both believing they lead do not double anything: calendar runs are claimed in
scheduled_run, every message has an outbox key, and the sender leases the rows it is sending.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.db import Database

log = logging.getLogger(__name__)

LOCK_KEY = 0x7975_6562  # "yueb": one lock for the whole deployment
TRY_EVERY = 5.0


class Leadership:
    """Tries for the lock, keeps it while alive, and says whether this instance leads."""

    def __init__(self, db: Database, *, every: float = TRY_EVERY, key: int = LOCK_KEY) -> None:
        self._db = db
        self._every = every
        self._key = key
        self._held: AsyncConnection | None = None
        self.leading = asyncio.Event()

    @property
    def is_leader(self) -> bool:
        """Whether this instance leads now."""
        return self.leading.is_set()

    async def run(self, stop: asyncio.Event) -> None:
        """Try, hold and re-check the lock until `stop`; then let it go."""
        if self._db.is_sqlite:
            self.leading.set()
            await stop.wait()
            return
        try:
            while not stop.is_set():
                try:
                    await (self._check() if self._held is not None else self._try())
                except Exception:  # the database is unreachable: try again at the next round, never give up
                    log.warning("leader lock: database unreachable; trying again in %ss", self._every)
                    await self.resign()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self._every)
        finally:
            await self.resign()

    async def _try(self) -> None:
        conn = await self._db.engine.connect()
        try:
            got = (await conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key})).scalar()
            await conn.commit()
        except Exception:
            await conn.close()
            raise
        if got:
            self._held = conn
            self.leading.set()
            log.info("this instance now leads (calendar and sender)")
        else:
            await conn.close()

    async def _check(self) -> None:
        assert self._held is not None
        try:
            await self._held.execute(text("SELECT 1"))
            await self._held.commit()
        except Exception:  # the connection (and with it the lock) is gone: stop leading, try again later
            log.warning("lost the leader lock's connection; no longer leading")
            self.leading.clear()
            self._held = None

    async def resign(self) -> None:
        """Let the lock go by ending the session that holds it (returning it to the pool would keep it)."""
        self.leading.clear()
        if self._held is not None:
            held, self._held = self._held, None
            with contextlib.suppress(Exception):
                await held.invalidate()
