"""The outbox sender shared by every platform: each chat on its own schedule, within its platform's limits.

Nothing waits for what it does not need: a chat held by a 429 (its message's retry time), a slow answer or a
long queue delays that chat only, and every other chat and platform keeps going. Each chat gets its messages
in order. A message is leased only while it is being sent, the lease renewed while the work goes on, and
each outcome is committed the moment it is known (bot.send_records); a lease whose sender died runs out
within LEASE and the message goes again. What a crash can repeat is a request that had reached the platform
when the process died: at most the requests in flight then, each logged as "possibly sent" with its key.
"""
from __future__ import annotations

import asyncio
import bisect
import contextlib
import datetime as dt
import logging
import math
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.pacing import Pacer
from bot.send_records import MAX_ATTEMPTS, SendRecords, unexpected
from bot.transport import SendError, Transport
from handlers.clock import Clock
from storage.db import Database
from storage.repositories.outbox import QueuedMessage, SqlOutboxQueue

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=10)  # how soon a message whose sender died goes again; renewed every third of it
SEND_TIMEOUT = 30.0  # seconds one request may take before it counts as failed (and possibly sent)
IN_FLIGHT = 32  # requests in flight per platform at most: also what a crash can repeat
REFRESH = 1.0  # seconds between looks at the outbox when nothing says new messages are queued
FETCH_GAP = 0.1  # seconds at least between two looks while there is other work
PER_CHAT = 5  # messages of one chat read ahead


@dataclass
class _Job:
    """A leased message going out part by part (parts are made when its first send begins)."""

    item: QueuedMessage
    next_part: int
    parts: list[dict[str, Any]] | None = None
    message_id: str | None = None


@dataclass
class _Chat:
    """One chat as this sender sees it: due messages read and not yet leased (by id), and the one going out."""

    platform: str
    chat_id: str
    is_group: bool
    waiting: list[QueuedMessage] = field(default_factory=list)
    job: _Job | None = None
    busy: bool = False  # a task is sending to it or recording what became of that
    more: bool = False  # the outbox may hold more of this chat than was read

    def first(self) -> int:
        return self.job.item.id if self.job else self.waiting[0].id


class OutboxSender:
    """Sends what the outbox holds through the platform transports."""

    def __init__(self, db: Database, transports: Mapping[str, Transport], clock: Clock, *, batch: int = 1000,
                 rng: random.Random | None = None, monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep, lease: dt.timedelta = LEASE) -> None:
        self.db = db
        self.transports = dict(transports)
        self.clock = clock
        self.batch = batch
        self.monotonic = monotonic
        self.sleep = sleep
        self.lease = lease
        self.records = SendRecords(db, self.transports, clock, rng or random.Random())
        self.pacers = {name: Pacer(t.limits) for name, t in self.transports.items() if t.limits is not None}

    async def drain(self) -> int:
        """Send every message due now, as fast as the limits allow; returns how many were delivered. A chat
        held until later (a retry, a 429's retry_after) is left for a later drain."""
        dispatch = _Dispatch(self, until_idle=True)
        await dispatch.run(asyncio.Event(), None, lambda: True)
        return dispatch.delivered

    async def run(self, stop: asyncio.Event, wake: asyncio.Event, leading: Callable[[], bool]) -> None:
        """Send messages as they come due until `stop` (`wake`: new ones are queued), starting sends only while
        `leading()`; returns once the sends in flight are recorded."""
        await _Dispatch(self, until_idle=False).run(stop, wake, leading)


class _Dispatch:
    """One sending session: reads due messages per chat, leases and sends each chat's next when its platform's
    limits allow, and keeps the leases of messages in progress alive."""

    def __init__(self, sender: OutboxSender, *, until_idle: bool) -> None:
        self._s = sender
        self._until_idle = until_idle
        self._chats: dict[tuple[str, str], _Chat] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._flying: Counter[str] = Counter()  # requests in flight per platform
        self._stale = True
        self._read_at = -math.inf
        self.delivered = 0

    async def run(self, stop: asyncio.Event, wake: asyncio.Event | None, leading: Callable[[], bool]) -> None:
        renewing = asyncio.create_task(self._renew())
        try:
            while not stop.is_set():
                if wake is not None and wake.is_set():
                    wake.clear()  # before reading, so that news during the read is not lost
                    self._stale = True
                pace_at = None
                if leading():
                    await self._read_if_due()
                    pace_at = await self._start_ready()
                else:  # another instance may lead now: keep only what is in flight, look again after REFRESH
                    self._read_at = self.now()
                    await self._let_go()
                if self._until_idle and not self._tasks and not self._stale and not self._has_work():
                    return
                await self._wait(pace_at, wake, stop)
        finally:
            renewing.cancel()
            if self._tasks:  # a send in flight is recorded before leaving, or it would go again after its lease
                await asyncio.wait(self._tasks)
            await self._let_go()

    async def _let_go(self) -> None:
        """Forget what was read and give back the leases of messages with no request in flight (between parts)."""
        ids: list[int] = []
        for chat in self._chats.values():
            chat.waiting.clear()
            if chat.job and not chat.busy:
                ids.append(chat.job.item.id)
                chat.job = None
        if not ids:
            return
        try:
            await self._s.records.release(ids)
        except Exception:  # their leases run out instead: they go again a little later
            log.warning("outbox %s: leases could not be given back", ids, exc_info=True)

    def now(self) -> float:
        return self._s.monotonic()

    def _has_work(self) -> bool:
        return any(chat.job or chat.waiting for chat in self._chats.values())

    async def _read_if_due(self) -> None:
        since = self.now() - self._read_at
        if not self._until_idle and since >= REFRESH:
            self._stale = True  # retries and held messages come due, other senders' leases run out
        busy = self._tasks or self._has_work()
        if self._stale and (since >= FETCH_GAP or not busy):
            await self._read()

    async def _read(self) -> None:
        """Read what is due into the chats' queues (a chat being sent to, or held, gets nothing)."""
        self._stale, self._read_at = False, self.now()
        s = self._s
        async with s.db.transaction() as session:
            found = await SqlOutboxQueue(session).due(s.clock.now(), list(s.transports), limit=s.batch,
                                                      per_chat=PER_CHAT)
        truncated = len(found) >= s.batch
        counts = Counter((item.platform, item.chat_id) for item in found)
        for item in found:
            chat = self._chat(item.platform, item.chat_id)
            known = {m.id for m in chat.waiting} | ({chat.job.item.id} if chat.job else set())
            if item.id not in known:
                bisect.insort(chat.waiting, item, key=lambda m: m.id)
        for (platform, chat_id), count in counts.items():
            self._chats[platform, chat_id].more = truncated or count >= PER_CHAT
        for key in [k for k, c in self._chats.items() if not (c.job or c.waiting or c.busy)]:
            del self._chats[key]

    def _chat(self, platform: str, chat_id: str) -> _Chat:
        chat = self._chats.get((platform, chat_id))
        if chat is None:
            is_group = self._s.transports[platform].is_group(chat_id)
            chat = self._chats[platform, chat_id] = _Chat(platform, chat_id, is_group)
        return chat

    async def _start_ready(self) -> float | None:
        """Start every chat's next send that its platform's limits allow now; when the next one will be allowed."""
        now, pace_at = self.now(), None
        to_lease: list[_Chat] = []
        # Oldest message first across chats: a fixed chat order would starve the chats at the end.
        for chat in sorted((c for c in self._chats.values() if not c.busy and (c.job or c.waiting)),
                           key=_Chat.first):
            if self._flying[chat.platform] >= IN_FLIGHT:
                continue  # a send finishing wakes the loop
            pacer = self._s.pacers.get(chat.platform)
            ready = pacer.ready_at(chat.chat_id, chat.is_group, now) if pacer else now
            if ready > now:
                if ready != math.inf:  # inf: it waits for a send in flight, which wakes the loop anyway
                    pace_at = ready if pace_at is None else min(pace_at, ready)
                continue
            self._take_off(chat)
            if chat.job:
                self._launch(chat)
            else:
                to_lease.append(chat)
        if to_lease:
            await self._lease(to_lease)
        return pace_at

    def _take_off(self, chat: _Chat) -> None:
        pacer = self._s.pacers.get(chat.platform)
        if pacer:
            pacer.started(chat.chat_id)
        chat.busy = True
        self._flying[chat.platform] += 1

    def _land(self, chat: _Chat, at: float | None) -> None:
        """The send began by `_take_off` is over: answered at `at`, or never made (None)."""
        pacer = self._s.pacers.get(chat.platform)
        if pacer:
            if at is None:
                pacer.abandoned(chat.chat_id)
            else:
                pacer.finished(chat.chat_id, chat.is_group, at)
        self._flying[chat.platform] -= 1

    def _abort(self, chat: _Chat) -> None:
        self._land(chat, None)
        chat.busy = False

    async def _lease(self, chats: list[_Chat]) -> None:
        heads = [chat.waiting[0] for chat in chats]
        try:
            leased = await self._s.records.claim(heads, self._s.lease)
        except BaseException:
            for chat in chats:
                self._abort(chat)
            raise
        for chat, item in zip(chats, heads, strict=True):
            if item.id in leased:
                chat.waiting.pop(0)
                chat.job = _Job(item, item.parts_sent)
                self._launch(chat)
            else:  # another sender has it, or an earlier message of the chat came first: read again
                self._abort(chat)
                chat.waiting.clear()
                self._stale = True

    def _launch(self, chat: _Chat) -> None:
        task = asyncio.create_task(self._send(chat))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, chat: _Chat) -> None:
        """Send the chat's next part and record what became of it."""
        job = chat.job
        assert job is not None
        transport = self._s.transports[chat.platform]
        requested = False
        try:
            try:
                if job.item.attempts >= MAX_ATTEMPTS:  # every lease so far ended with its sender gone
                    raise SendError("the sender stopped during every attempt", permanent=True)
                if job.parts is None:
                    job.parts = transport.split(job.item.payload)
                message_id = None
                if job.next_part < len(job.parts):  # else every part went before: only the record is missing
                    requested = True
                    async with asyncio.timeout(SEND_TIMEOUT):
                        message_id = await transport.send(chat.chat_id, job.parts[job.next_part])
            except SendError as exc:
                error: SendError | None = exc
            except TimeoutError:
                error = SendError(f"no answer within {SEND_TIMEOUT:.0f} s", possibly_sent=True)
            except Exception as exc:  # a transport bug costs one attempt, not the sender
                error = unexpected(chat.platform, chat.chat_id, job.item, exc)
            else:
                error = None
            finally:
                self._land(chat, self.now() if requested else None)
            await (self._failed(chat, job, error) if error else self._delivered(chat, job, message_id))
        except Exception:  # the outbox could not be written: the lease runs out and the message goes again
            log.exception("outbox %s: the outcome of a send could not be recorded", job.item.id)
            chat.job = None
            chat.waiting.clear()
            self._stale = True
        finally:
            chat.busy = False

    async def _delivered(self, chat: _Chat, job: _Job, message_id: str | None) -> None:
        assert job.parts is not None
        job.message_id = message_id or job.message_id
        job.next_part += 1
        if job.next_part < len(job.parts):
            await self._s.records.part(job.item, job.next_part)
            return
        await self._s.records.sent(job.item, job.message_id)
        chat.job = None
        self.delivered += 1
        if not chat.waiting and chat.more:
            self._stale = True

    async def _failed(self, chat: _Chat, job: _Job, exc: SendError) -> None:
        chat.job = None
        if not exc.permanent:
            chat.waiting.clear()  # later messages to this chat wait for this one's retry, to keep their order
        await self._s.records.failed(job.item, exc)

    async def _renew(self) -> None:
        every = self._s.lease.total_seconds() / 3
        while True:
            await asyncio.sleep(every)
            held = [chat.job.item.id for chat in self._chats.values() if chat.job]
            if held:
                try:
                    await self._s.records.renew(held, self._s.lease)
                except Exception:
                    log.warning("outbox leases could not be renewed; trying again in %.0f s", every, exc_info=True)

    async def _wait(self, pace_at: float | None, wake: asyncio.Event | None, stop: asyncio.Event) -> None:
        """Until a send finishes, a chat's limit allows its next, it is time to read, or `wake` or `stop`."""
        deadlines = [] if pace_at is None else [pace_at]
        if self._stale:
            deadlines.append(self._read_at + FETCH_GAP)
        if not self._until_idle:
            deadlines.append(self._read_at + REFRESH)
        timeout = max(0.0, min(deadlines) - self.now()) if deadlines else None
        if self._until_idle and not self._tasks:
            await self._s.sleep(timeout or 0.0)  # nothing in flight: only the limits' time passes (tests fake it)
            return
        events = [asyncio.ensure_future(e.wait()) for e in (wake, stop) if e is not None and not self._until_idle]
        try:
            await asyncio.wait([*self._tasks, *events], timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in events:
                waiter.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await waiter
