"""The 1st, 09:00 (月报告): last month for the township leaders — a summary card with the details, charts and 台账."""
from __future__ import annotations

import asyncio
import datetime as dt

from handlers.quarters import Quarter, shift_period
from handlers.roles import LEADERS
from scheduler import digest_text, ledger
from scheduler.artifacts import Folder, digest_pngs, ledger_file
from scheduler.context import JobContext
from scheduler.digest import gather
from scheduler.jobs._audience import directory_of, to_people
from scheduler.stores import DigestStore


async def job(ctx: JobContext[DigestStore], now: dt.datetime) -> int:
    """Gather last month, render text, charts and the quarter's ledger, and queue them to every leader and admin."""
    assert ctx.township_id is not None and ctx.period is not None
    month = shift_period(ctx.period, -1)
    # Read, then draw, then queue: drawing takes seconds, and on SQLite a unit of work holds the database's
    # only write lock, which an incoming report must not wait behind.
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        digest = await gather(store, directory, ctx.township_id, month, ctx.zone)
        if digest.is_empty:
            return 0
        book = await ledger.gather(store, directory, ctx.township_id, Quarter.of_period(month),
                                   now.astimezone(ctx.zone).date(), ctx.zone)
    folder = Folder(ctx.files_dir, directory.registry.township)
    files = [*await digest_pngs(folder, digest), await ledger_file(folder, book)]
    card, details = digest_text.card(digest), digest_text.details(digest, ctx.zone)
    # Kept beside the charts, so the office has the text as it went out.
    await asyncio.to_thread(folder.path(f"digest-{month}.txt").write_text, f"{card}\n\n{details}\n", "utf-8")
    async with ctx.uow() as store:
        leaders = await store.people.with_roles(ctx.township_id, LEADERS)
        # One message, the summary card on top: a leader's day has one message from the bot (daily_note).
        messages = await to_people(store, leaders, f"{card}\n\n{details}", f"digest:{month}", card=True,
                                   attachments=tuple(files))
        return await store.outbox.enqueue(messages, now)
