"""The never-lose path of one message: inbox (as received, first) → read → router → handler → outbox, effects once.

A platform's payload is stored exactly as received (`accept`, committed before the platform gets its answer)
and handled after, in arrival order: its adapter (a `Reader`) reads it into the core's message, network steps
such as answering a pressed button happen next, outside any transaction, and then one unit of work claims the
row, runs the handler in a savepoint and queues the replies. Reply keys derive from the inbox row, so handling
a row again (after a crash, by the sweep, by `yuebao inbox replay`) cannot send twice. A payload that cannot be
read is marked unreadable with its error; a handler that raises is rolled back alone, the row marked failed and
an apology sent. The console and the demo, which speak the core's form already, use `handle`: stored and
handled in one unit of work.
"""
from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import logging
import re
import time
from collections.abc import Callable
from typing import NamedTuple, Protocol

from handlers.clock import Clock
from handlers.context import Context, Later, Reply
from handlers.directory import DirectoryCache
from handlers.issue_policy import IssuePolicy
from handlers.messages import IncomingMessage, OutgoingMessage, message_from_dict, message_to_dict, storable
from handlers.middleware import MAX_ERROR_CHARS, error_text, steps
from handlers.ports import LedgerFiles, RosterFiles, Store, UnitOfWorkFactory
from handlers.refs import InboxItem
from handlers.router import Handler, Router

log = logging.getLogger(__name__)

LATER_FAILED = "抱歉，文件没能生成，请稍后再发一次。"
PENDING_GRACE = dt.timedelta(seconds=60)
QUIET = 0.02  # seconds without a new delivery before background handling goes on
MAX_HOLD = 1.0
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*$")


class Unreadable(Exception):
    """A stored payload that is not a message the core can take: kept as received, marked unreadable."""


class Reader(Protocol):
    """A platform adapter's side of handling its stored payloads."""

    async def read(self, raw: str, key: str) -> IncomingMessage | None:
        """The core's message, or None for what the bot does not act on; Unreadable when the payload is not
        one, any other exception when it cannot be read just now (it stays for a later try)."""
        ...

    async def before_handling(self, raw: str, msg: IncomingMessage) -> IncomingMessage:
        """Network steps after the payload is stored (answering a pressed button, keeping file copies)."""
        ...


class Outcome(NamedTuple):
    """How one try at a stored message ended: its status now, and the error if any."""

    status: str  # done | failed | unreadable | missing, or the status it had when it was not handled now
    error: str | None = None
    tried: bool = True  # False when it was not handled now: missing, handled already, or another worker's


def _outgoing(msg: IncomingMessage, replies: list[Reply], tag: str, inbox_id: int) -> list[OutgoingMessage]:
    # Keys derive from the inbox row, so handling it again cannot reply twice.
    return [
        OutgoingMessage(platform=msg.platform, chat_id=msg.chat.id, text=r.text, buttons=r.buttons,
                        attachments=r.attachments, key=f"{tag}:inbox:{inbox_id}:{i}",
                        edit_of=msg.reply_to if r.in_place and msg.action else None)
        for i, r in enumerate(replies)
    ]


class Pipeline:
    """Runs messages through storage and handlers; one unit of work per step."""

    def __init__(self, uow: UnitOfWorkFactory[Store], router: Router, clock: Clock, unknown_sender: Handler, *,
                 directories: DirectoryCache, issue_policy: IssuePolicy, ledger_files: LedgerFiles | None,
                 roster_files: RosterFiles | None = None, console_url: str | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self._steps = steps(router, unknown_sender)
        self._directories = directories
        self._issue_policy = issue_policy
        self._ledger_files = ledger_files
        self._roster_files = roster_files
        self._console_url = console_url
        self._readers: dict[str, Reader] = {}
        self._numbered: set[str] = set()
        self._to_store: list[tuple[tuple[str, str, str], asyncio.Future[InboxItem | None]]] = []
        self._store_task: asyncio.Task[None] | None = None
        # One worker handles stored messages in order, so the stores a platform waits on are not crowded out.
        self._queue: asyncio.Queue[tuple[InboxItem, Callable[[], None]]] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self._last_intake = 0.0

    def register(self, platform: str, reader: Reader, *, numbered_answers: bool = False) -> None:
        """Let `reader` read `platform`'s payloads; `numbered_answers` where there are no buttons and a bare
        number answers the numbered choices of the bot's last message in the chat."""
        self._readers[platform] = reader
        if numbered_answers:
            self._numbered.add(platform)

    async def handle(self, msg: IncomingMessage) -> bool:
        """Store a message in the core's form and handle it in one unit of work; False for a repeat delivery."""
        msg, now = storable(msg), self._clock.now()
        async with self._uow() as store:
            item = await store.inbox.add(msg.platform, msg.key, json.dumps(message_to_dict(msg), ensure_ascii=False),
                                         now, form="message", message=msg)
            if item is None:
                return False
            error, later = await self._run(store, item.id, msg, now)
            if error:
                await store.inbox.finish(item.id, now, "failed", error, msg)
        await self._send_later(msg, item.id, later)
        return True

    async def accept(self, platform: str, key: str, raw: str, then: Callable[[], None]) -> bool:
        """Store a payload as received (committed before this returns) and handle it in the background, calling
        `then` after; False for a repeat delivery."""
        self._last_intake = time.monotonic()
        item = await self.receive(platform, key, raw)
        if item is None:
            return False
        self._queue.put_nowait((item, then))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._work())
        return True

    async def receive(self, platform: str, key: str, raw: str) -> InboxItem | None:
        """Store a payload as received (committed before this returns); None when this delivery is stored already.

        Payloads arriving while a store is under way are stored together in the next transaction (group
        commit): under a burst each waits for one commit, not for everyone ahead of it."""
        waiter: asyncio.Future[InboxItem | None] = asyncio.get_running_loop().create_future()
        self._to_store.append(((platform, key, raw), waiter))
        if self._store_task is None or self._store_task.done():
            self._store_task = asyncio.create_task(self._store_waiting())  # kept: a bare task may be collected
        return await waiter

    async def _store_waiting(self) -> None:
        while self._to_store:
            batch, self._to_store = self._to_store, []
            try:
                async with self._uow(urgent=True) as store:
                    items = [await store.inbox.add(*payload, self._clock.now()) for payload, _ in batch]
            except Exception as exc:  # nothing of the batch was stored: every sender gets the error
                for _, waiter in batch:
                    if not waiter.done():
                        waiter.set_exception(exc)
                continue
            for (_, waiter), item in zip(batch, items, strict=True):
                if not waiter.done():
                    waiter.set_result(item)

    async def _work(self) -> None:
        while not self._queue.empty():
            await self._lull()
            item, then = self._queue.get_nowait()
            try:
                await self.process(item)
            except Exception:  # stays "new" in the inbox; the sweep handles it later
                log.exception("inbox #%s (%s): handling failed; it stays for the sweep", item.id, item.platform)
            finally:
                self._queue.task_done()
            then()

    async def _lull(self) -> None:
        # Handling can wait a moment; answering the platform cannot. During a burst of deliveries, hold back
        # (never longer than MAX_HOLD) so the event loop serves the requests first.
        started = time.monotonic()
        while time.monotonic() - self._last_intake < QUIET and time.monotonic() - started < MAX_HOLD:
            await asyncio.sleep(QUIET)

    async def drain(self) -> None:
        """Wait until every accepted message has been handled (tests and shutdown)."""
        await self._queue.join()

    async def process(self, item: InboxItem, *, again: bool = False) -> Outcome:
        """Read and handle one stored message (`again`: one that failed or was unreadable before)."""
        try:
            msg = await self._read(item)
        except Unreadable as exc:
            log.warning("inbox #%s (%s) is unreadable: %s", item.id, item.platform, exc)
            return await self._give_up(item, "unreadable", str(exc)[:MAX_ERROR_CHARS], again)
        now = self._clock.now()
        error: str | None = None
        later: list[Later] = []
        try:
            async with self._uow() as store:
                # The claim row-locks the message until this transaction ends: the sweep, or another
                # instance, waits and then finds it taken, so its effects happen once.
                if not await store.inbox.claim(item.id, again=again):
                    return Outcome(item.status, tried=False)
                if msg is not None:
                    msg = await self._numbered_answer(store, msg)
                    error, later = await self._run(store, item.id, msg, now)
                await store.inbox.finish(item.id, now, "failed" if error else "done", error, msg)
        except Exception as exc:  # the unit of work itself failed: marked, so it does not come back every sweep
            log.exception("inbox #%s (%s) could not be handled", item.id, item.platform)
            return await self._give_up(item, "failed", error_text(exc), again)
        if msg is not None:
            await self._send_later(msg, item.id, later)
        return Outcome("failed" if error else "done", error)

    async def _read(self, item: InboxItem) -> IncomingMessage | None:
        if item.form == "message":
            try:
                return storable(message_from_dict(json.loads(item.raw)))
            except Exception as exc:
                raise Unreadable(error_text(exc)) from exc
        reader = self._readers.get(item.platform)
        if reader is None:
            raise LookupError(f"{item.platform} is not configured in this process")
        msg = await reader.read(item.raw, item.key)
        if msg is None:
            return None
        try:
            msg = storable(msg)
        except ValueError as exc:
            raise Unreadable(str(exc)) from exc
        return await reader.before_handling(item.raw, msg)

    async def _give_up(self, item: InboxItem, status: str, error: str, again: bool) -> Outcome:
        async with self._uow() as store:
            if not await store.inbox.claim(item.id, again=again):
                return Outcome(item.status, tried=False)
            await store.inbox.finish(item.id, self._clock.now(), status, error)
        return Outcome(status, error)

    async def _numbered_answer(self, store: Store, msg: IncomingMessage) -> IncomingMessage:
        # No buttons here: "1" answers the numbered choices of the bot's last message in this chat.
        match = _NUMBER.match(msg.text)
        if msg.platform not in self._numbered or msg.action is not None or not match:
            return msg
        actions = await store.outbox.last_actions(msg.platform, msg.chat.id)
        index = int(match.group(1)) - 1
        return dataclasses.replace(msg, action=actions[index]) if 0 <= index < len(actions) else msg

    async def _send_later(self, msg: IncomingMessage, inbox_id: int, later: list[Later]) -> None:
        """Make the files of deferred replies, now that the message's transaction has committed, and queue them."""
        if not later:
            return
        messages = []
        for i, item in enumerate(later):
            key = f"later:inbox:{inbox_id}:{i}"  # from the inbox row: handling the row again sends nothing twice
            try:
                attachment = await item.render()
            except Exception:  # the message itself is handled; only its file is missing, and the sender is told
                log.exception("inbox #%s: a deferred file could not be made", inbox_id)
                messages.append(OutgoingMessage(msg.platform, msg.chat.id, LATER_FAILED, key=key))
                continue
            messages.append(OutgoingMessage(msg.platform, msg.chat.id, item.text, key=key, attachments=(attachment,)))
        async with self._uow() as store:
            await store.outbox.enqueue(messages, self._clock.now())

    async def _run(self, store: Store, inbox_id: int, msg: IncomingMessage,
                   now: dt.datetime) -> tuple[str | None, list[Later]]:
        """Run the message's steps and handler (handlers.middleware), queue its replies; the error text if the
        handler raised, and the replies whose files are made after the commit."""
        ctx = Context(msg=msg, store=store, now=now, inbox_id=inbox_id, directories=self._directories,
                      issue_policy=self._issue_policy, ledger_files=self._ledger_files,
                      roster_files=self._roster_files, console_url=self._console_url)
        await self._steps(ctx)
        tag = "apology" if ctx.error else "reply"  # a replay after a fix answers under its own keys
        await store.outbox.enqueue(_outgoing(msg, ctx.replies, tag, inbox_id) + ctx.outgoing, now)
        return ctx.error, ctx.later

    async def drain_pending(self, limit: int = 100) -> int:
        """Handle stored messages that never were (e.g. after a crash); returns how many were tried."""
        # The grace period keeps this from racing a message that is being handled right now.
        before = self._clock.now() - PENDING_GRACE
        async with self._uow() as store:
            items = await store.inbox.pending(limit, before)
        for item in items:
            try:
                await self.process(item)
            except Exception:  # cannot be read now, or storage trouble: it stays "new" for the next sweep
                log.exception("inbox #%s could not be handled; it stays for the next sweep", item.id)
        return len(items)

    async def replay(self, inbox_id: int) -> Outcome:
        """Handle a failed or unreadable message again through the current code; its effects happen once."""
        async with self._uow() as store:
            item = await store.inbox.get(inbox_id)
        if item is None:
            return Outcome("missing", tried=False)
        if item.status not in ("failed", "unreadable"):
            return Outcome(item.status, tried=False)
        try:
            return await self.process(item, again=True)
        except Exception as exc:  # cannot be read just now (e.g. the platform unreachable): left as it was
            return Outcome(item.status, error_text(exc), tried=False)
