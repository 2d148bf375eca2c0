"""The outbox sender shared by every platform: paces each platform's limits, retries with backoff, gives up after 8.

A message (or one part of a long one) is marked sent only after the platform accepted it, so a crash
between the two sends it again on restart: delivery is at least once at the network edge and exactly
once everywhere before it. Each chat gets its messages in order; a 429 holds only the chat it names.
"""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import math
import random
import re
import time
import traceback
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.pacing import Pacer
from bot.transport import SendError, Transport
from handlers.clock import Clock
from handlers.messages import OutgoingMessage
from storage.db import Database
from storage.repositories.outbox import QueuedMessage, SqlOutbox, SqlOutboxQueue
from storage.repositories.people import SqlPeople

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BACKOFF_BASE = dt.timedelta(seconds=2)
BACKOFF_CAP = dt.timedelta(minutes=30)
MAX_RETRY_AFTER_IN_DRAIN = 3  # 429s waited out inside one drain before the retry goes back to the table
DEAD_NOTICE = "dead:"
ROBOT = "robot:"  # a WeCom robot's chat id carries its webhook key, which is all it takes to post there
_ROBOT_KEY = re.compile(re.escape(ROBOT) + r"([^\s:/?&'\"…]+)")  # "…": masked already
_SECRET_PARAM = re.compile(r"\b(key|access_token|token|secret)=[^\s&'\"]+", re.IGNORECASE)
_BOT_TOKEN = re.compile(r"/bot\d+:[\w-]+")  # a Telegram bot token inside a Bot API URL


def _masked_key(key: str) -> str:
    return f"…{key[-4:]}" if len(key) > 8 else "…"


def mask_secrets(text: str) -> str:
    """The text with every robot webhook key (robot:<key>) cut to its last 4 characters."""
    return _ROBOT_KEY.sub(lambda m: ROBOT + _masked_key(m.group(1)), text)


def _scrubbed(text: str, chat_id: str) -> str:
    """Exception text fit for logs: keys masked, including this chat's key and tokens inside URLs."""
    if chat_id.startswith(ROBOT) and len(chat_id) > len(ROBOT):
        key = chat_id[len(ROBOT):]
        text = text.replace(chat_id, mask_secrets(chat_id)).replace(key, _masked_key(key))
    text = _SECRET_PARAM.sub(lambda m: f"{m.group(1)}=…", mask_secrets(text))
    return _BOT_TOKEN.sub("/bot…", text)


def backoff(attempts: int, rng: random.Random) -> dt.timedelta:
    """Delay before the next try after `attempts` failures: exponential, capped, with jitter."""
    delay = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    return delay * rng.uniform(0.5, 1.0)


@dataclass
class _Job:
    """One outbox message being sent, part by part."""

    item: QueuedMessage
    parts: list[dict[str, Any]]
    next_part: int
    waits: int = 0
    message_id: str | None = None


@dataclass
class _ChatQueue:
    jobs: deque[_Job] = field(default_factory=deque)
    busy: bool = False


class _Recorder:
    """Writes deliveries in batches off the sending path (SQLite writes one at a time)."""

    FLUSH_EVERY = 0.2

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sent: list[tuple[int, dt.datetime, str | None]] = []
        self._parts: dict[int, int] = {}
        self._wake = asyncio.Event()
        self._closing = False

    def sent(self, outbox_id: int, at: dt.datetime, message_id: str | None) -> None:
        self._sent.append((outbox_id, at, message_id))
        self._parts.pop(outbox_id, None)

    def part(self, outbox_id: int, parts_sent: int) -> None:
        self._parts[outbox_id] = parts_sent

    async def run(self) -> None:
        """Flush every FLUSH_EVERY seconds until closed, then once more."""
        while not self._closing:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.FLUSH_EVERY)
            await self.flush()
        await self.flush()

    async def close(self) -> None:
        self._closing = True
        self._wake.set()

    async def flush(self) -> None:
        sent, parts = self._sent, self._parts
        if not sent and not parts:
            return
        self._sent, self._parts = [], {}
        async with self._db.transaction() as session:
            queue = SqlOutboxQueue(session)
            for outbox_id, count in parts.items():
                await queue.part_sent(outbox_id, count)
            await queue.sent(sent)


class OutboxSender:
    """Sends what the outbox holds through the platform transports."""

    def __init__(self, db: Database, transports: Mapping[str, Transport], clock: Clock, *, batch: int = 1000,
                 rng: random.Random | None = None, monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> None:
        self._db = db
        self._transports = dict(transports)
        self._clock = clock
        self._batch = batch
        self._rng = rng or random.Random()
        self._monotonic = monotonic
        self._sleep = sleep
        self._pacers = {name: Pacer(t.limits) for name, t in self._transports.items() if t.limits is not None}

    async def drain(self) -> int:
        """Send every message due now; returns how many were delivered."""
        delivered = 0
        while True:
            async with self._db.transaction() as session:
                batch = await SqlOutboxQueue(session).due(self._clock.now(), self._batch, list(self._transports))
            if not batch:
                return delivered
            by_platform: dict[str, list[QueuedMessage]] = {}
            for item in batch:
                by_platform.setdefault(item.platform, []).append(item)
            counts = await asyncio.gather(*(self._send_all(self._transports[p], items)
                                            for p, items in by_platform.items()))
            delivered += sum(counts)
            if len(batch) < self._batch:
                return delivered

    async def _send_all(self, transport: Transport, items: list[QueuedMessage]) -> int:
        """Send one platform's messages: chats in parallel, each chat in order, within the platform's limits."""
        chats: dict[str, _ChatQueue] = {}
        for item in items:
            parts = transport.split(item.payload)
            chats.setdefault(item.chat_id, _ChatQueue()).jobs.append(_Job(item, parts, item.parts_sent))
        recorder = _Recorder(self._db)
        writer = asyncio.create_task(recorder.run())
        try:
            return await self._dispatch(transport, chats, recorder)
        finally:
            await recorder.close()
            await writer

    async def _dispatch(self, transport: Transport, chats: dict[str, _ChatQueue], recorder: _Recorder) -> int:
        pacer = self._pacers.get(transport.platform)
        running: set[asyncio.Task[int]] = set()
        try:
            return await self._loop(transport, chats, recorder, pacer, running)
        finally:
            # Leaving early (a failed write, a cancel) must not orphan sends in flight: each one that
            # lands is recorded before the recorder closes, or it would go out again after the lease.
            if running:
                await asyncio.wait(running)

    async def _loop(self, transport: Transport, chats: dict[str, _ChatQueue], recorder: _Recorder,
                    pacer: Pacer | None, running: set[asyncio.Task[int]]) -> int:
        delivered = 0
        while True:
            now, wake = self._monotonic(), None
            # Oldest message first across chats: a fixed chat order would starve the chats at the end.
            waiting = sorted((q.jobs[0].item.id, chat_id, q) for chat_id, q in chats.items() if q.jobs and not q.busy)
            for _, chat_id, queue in waiting:
                is_group = transport.is_group(chat_id)
                ready = pacer.ready_at(chat_id, is_group, now) if pacer else now
                if ready > now:
                    if ready != math.inf:  # inf: it waits for a send in flight, which wakes the loop anyway
                        wake = ready if wake is None else min(wake, ready)
                    continue
                if pacer:
                    pacer.started(chat_id)
                queue.busy = True
                running.add(asyncio.create_task(self._send_part(transport, chat_id, queue, pacer, recorder)))
            if not running and wake is None:
                return delivered
            timeout = None if wake is None else max(0.0, wake - self._monotonic())
            if running:
                done, _ = await asyncio.wait(running, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
                running -= done  # the same set: the caller waits for whatever is still in it
                delivered += sum(task.result() for task in done)
            else:
                await self._sleep(timeout or 0.0)

    async def _send_part(self, transport: Transport, chat_id: str, queue: _ChatQueue, pacer: Pacer | None,
                         recorder: _Recorder) -> int:
        job = queue.jobs[0]
        try:
            message_id = await transport.send(chat_id, job.parts[job.next_part])
        except SendError as exc:
            return await self._failed(transport, chat_id, queue, pacer, job, exc)
        except Exception as exc:  # a transport bug must cost one attempt, not stop the drain with sends in flight
            return await self._failed(transport, chat_id, queue, pacer, job, _unexpected(transport, chat_id, job, exc))
        finally:
            queue.busy = False
            if pacer:
                pacer.finished(chat_id, transport.is_group(chat_id), self._monotonic())
        job.message_id = message_id or job.message_id
        job.next_part += 1
        if job.next_part < len(job.parts):
            recorder.part(job.item.id, job.next_part)
            return 0
        queue.jobs.popleft()
        recorder.sent(job.item.id, self._clock.now(), job.message_id)
        return 1

    async def _failed(self, transport: Transport, chat_id: str, queue: _ChatQueue, pacer: Pacer | None,
                      job: _Job, exc: SendError) -> int:
        if exc.retry_after is not None and pacer is not None and job.waits < MAX_RETRY_AFTER_IN_DRAIN:
            job.waits += 1  # the platform counted differently: wait it out for this chat only, then go on
            pacer.block(chat_id, self._monotonic() + exc.retry_after)
            log.warning("%s chat %s: 429, retry after %ss", transport.platform, mask_secrets(chat_id),
                        exc.retry_after)
            return 0
        queue.jobs.popleft()
        held_back = [] if exc.permanent else [j.item.id for j in queue.jobs]
        if held_back:
            queue.jobs.clear()  # later messages to this chat wait for this one, to keep their order
        await self._record_failure(job.item, exc)
        if held_back:
            async with self._db.transaction() as session:
                await SqlOutboxQueue(session).release(held_back, self._clock.now())
        return 0

    async def _record_failure(self, item: QueuedMessage, exc: SendError) -> None:
        attempts = item.attempts + 1
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


def _unexpected(transport: Transport, chat_id: str, job: _Job, exc: Exception) -> SendError:
    """An exception no transport should raise, logged with its traceback and counted as a transient failure."""
    trace = "".join(traceback.format_exception(exc))
    # Not log.exception: its traceback would carry the exception's text as is, URLs with keys included.
    log.error("outbox %s to %s chat %s: unexpected error from the transport\n%s", job.item.id, transport.platform,
              mask_secrets(chat_id), _scrubbed(trace, chat_id).rstrip())
    # The stored error (and an admin's notice) names only the type: the text may hold what the log masks.
    return SendError(f"unexpected {type(exc).__name__}")
