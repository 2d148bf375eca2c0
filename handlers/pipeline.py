"""The never-lose path of one message: inbox (raw, first) → router → handler → outbox, each effect once.

`handle` is an idempotent consumer: the raw inbox row, the handler's effects and the replies commit in
one transaction, the raw row written first and the handler run in a savepoint. A handler that raises
is rolled back alone; the raw row stays with its error and the apology goes out. If the commit itself
fails, the adapter answers the platform with an error and the platform re-delivers, so nothing is lost
and nothing is done twice. Adapters that must answer before handling (WeCom's 5-second rule) use
`receive` (raw row committed on its own) and later `process`.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging

from handlers.clock import Clock
from handlers.context import Context, Reply
from handlers.directory import DirectoryCache
from handlers.issue_policy import IssuePolicy
from handlers.messages import IncomingMessage, OutgoingMessage
from handlers.ports import InboxItem, LedgerFiles, Store, UnitOfWorkFactory
from handlers.router import Handler, Router

log = logging.getLogger(__name__)

APOLOGY = "抱歉，处理这条消息时出了问题。消息已保存，工作人员会尽快处理，请稍后再试。"
MAX_ERROR_CHARS = 2000
PENDING_GRACE = dt.timedelta(seconds=60)


def _outgoing(msg: IncomingMessage, replies: list[Reply], tag: str) -> list[OutgoingMessage]:
    # Keys derive from the incoming delivery, so re-processing the same message cannot reply twice.
    return [
        OutgoingMessage(platform=msg.platform, chat_id=msg.chat.id, text=r.text, buttons=r.buttons,
                        attachments=r.attachments, key=f"{tag}:{msg.platform}:{msg.key}:{i}",
                        edit_of=msg.reply_to if r.in_place and msg.action else None)
        for i, r in enumerate(replies)
    ]


class Pipeline:
    """Runs messages through storage and handlers; one unit of work per step."""

    def __init__(self, uow: UnitOfWorkFactory, router: Router, clock: Clock, unknown_sender: Handler,
                 directories: DirectoryCache | None = None, issue_policy: IssuePolicy | None = None,
                 ledger_files: LedgerFiles | None = None) -> None:
        self._uow = uow
        self._router = router
        self._clock = clock
        self._unknown_sender = unknown_sender
        self._directories = directories or DirectoryCache()
        self._issue_policy = issue_policy or IssuePolicy()
        self._ledger_files = ledger_files
        self._to_store: list[tuple[IncomingMessage, asyncio.Future[int | None]]] = []
        self._storing = False
        self._store_task: asyncio.Task[None] | None = None

    async def handle(self, msg: IncomingMessage) -> bool:
        """Store `msg` raw and handle it in one unit of work; False when it was a repeat delivery."""
        now = self._clock.now()
        async with self._uow() as store:
            inbox_id = await store.inbox.add(msg, now, handled=True)
            if inbox_id is None:
                return False
            error = await self._run(store, InboxItem(inbox_id, msg), now)
            if error:
                await store.inbox.finish(inbox_id, now, error)
        return True

    async def receive(self, msg: IncomingMessage) -> int | None:
        """Store the raw message (committed before this returns); None when this delivery is already stored.

        Messages arriving while a store is under way are stored together in the next transaction (group
        commit): under a burst each waits for one commit, not for everyone ahead of it."""
        waiter: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._to_store.append((msg, waiter))
        if not self._storing:
            self._storing = True
            self._store_task = asyncio.create_task(self._store_waiting())  # kept: a bare task may be collected
        return await waiter

    async def _store_waiting(self) -> None:
        try:
            while self._to_store:
                batch, self._to_store = self._to_store, []
                try:
                    async with self._uow(urgent=True) as store:
                        ids = [await store.inbox.add(msg, self._clock.now()) for msg, _ in batch]
                except Exception as exc:  # nothing of the batch was stored: every sender gets the error
                    for _, waiter in batch:
                        if not waiter.done():
                            waiter.set_exception(exc)
                    continue
                for (_, waiter), inbox_id in zip(batch, ids, strict=True):
                    if not waiter.done():
                        waiter.set_result(inbox_id)
        finally:
            self._storing = False

    async def process(self, item: InboxItem) -> None:
        """Handle one message stored earlier by `receive`, and mark it done or failed."""
        now = self._clock.now()
        async with self._uow() as store:
            # The claim row-locks the message until this transaction ends: the sweep, or another
            # instance, waits and then finds it taken, so its effects happen once.
            if not await store.inbox.claim(item.id):
                return
            error = await self._run(store, item, now)
            await store.inbox.finish(item.id, now, error)

    async def _run(self, store: Store, item: InboxItem, now: dt.datetime) -> str | None:
        """Route and run the handler in a savepoint, queue its replies; the error text if it raised."""
        msg = item.message
        sender, question, direct_chat = await store.people.sender_in_chat(msg.platform, msg.sender.id, msg.chat.id,
                                                                          now)
        if sender is not None and not msg.chat.is_group and msg.event is None and direct_chat != msg.chat.id:
            await store.people.set_direct_chat(msg.platform, msg.sender.id, msg.chat.id)
        chat = await store.places.binding(msg.platform, msg.chat.id) if msg.chat.is_group else None
        if msg.event is not None:
            handler, args = self._router.event_handler(msg.event), ""
        elif sender is None:
            handler, args = self._unknown_sender, msg.text.strip()
        else:
            handler, args, _ = self._router.match(msg.text)
        replied = (tuple(await store.outbox.actions_of(msg.platform, msg.chat.id, msg.reply_to))
                   if msg.reply_to and not msg.action and sender is not None else ())
        ctx = Context(msg=msg, store=store, now=now, sender=sender, chat=chat, args=args, inbox_id=item.id,
                      question=question, replied_actions=replied, directories=self._directories,
                      issue_policy=self._issue_policy, ledger_files=self._ledger_files)
        error, tag = None, "reply"
        try:
            async with store.savepoint():
                if handler is not None:
                    await handler(ctx)
        except Exception as exc:  # any handler bug: keep the raw message, apologise, keep serving
            log.exception("handler failed on inbox #%s (%s/%s)", item.id, msg.platform, msg.key)
            error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
            ctx.replies[:] = [Reply(APOLOGY)]
            ctx.outgoing.clear()
            tag = "apology"
        await store.outbox.enqueue(_outgoing(msg, ctx.replies, tag) + ctx.outgoing, now)
        return error

    async def drain_pending(self, limit: int = 100) -> int:
        """Process stored messages that were never handled (e.g. after a crash); returns how many."""
        # The grace period keeps this from racing a message that `handle` is processing right now.
        before = self._clock.now() - PENDING_GRACE
        async with self._uow() as store:
            items = await store.inbox.pending(limit, before)
        for item in items:
            try:
                await self.process(item)
            except Exception:  # storage trouble with this one: leave it "new" and go on with the others
                log.exception("inbox #%s could not be handled; it stays for the next sweep", item.id)
        return len(items)
