"""The 5th of Jan/Apr/Jul/Oct (季通报): last quarter's outcome ranking, to the township group and leaders."""
from __future__ import annotations

import asyncio
import datetime as dt

from handlers.quarters import Quarter, shift_period
from handlers.roles import LEADERS
from scheduler import bulletin, bulletin_text
from scheduler.artifacts import Folder, trend_png
from scheduler.context import JobContext
from scheduler.digest import trend
from scheduler.jobs._audience import directory_of, to_chats, to_people
from scheduler.stores import BulletinStore


async def job(ctx: JobContext[BulletinStore], now: dt.datetime) -> int:
    """Score and rank the villages over last quarter, with the quarter's trend chart; say how the score is made."""
    assert ctx.township_id is not None and ctx.period is not None
    quarter = Quarter.of_period(shift_period(ctx.period, -1))
    # Read, then draw, then queue, as the monthly digest does: the chart is not drawn inside a transaction.
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        township = directory.registry.township
        built = await bulletin.build(store, [ctx.township_id], quarter, ctx.zone,
                                     f"{township}{quarter.label}基层党建工作通报", ctx.weights)
        if not any(row.outcome.has_records for row in built.rows):
            return 0  # nothing reported or due all quarter: a ranking of zeros would only mislead
        points = await trend(store, ctx.township_id, quarter.months[-1], ctx.zone)
    text = bulletin_text.render(built)
    folder = Folder(ctx.files_dir, township)
    await asyncio.to_thread(folder.path(f"bulletin-{quarter.code}.txt").write_text, text + "\n", "utf-8")
    chart = await trend_png(folder, f"{township}{quarter.label}报送与办结趋势", points, f"trend-{quarter.code}")
    key = f"bulletin:{quarter.code}"
    async with ctx.uow() as store:
        messages = to_chats(await store.places.township_chats(ctx.township_id), text, key, attachments=(chart,))
        messages += await to_people(store, await store.people.with_roles(ctx.township_id, LEADERS), text, key,
                                    attachments=(chart,))
        return await store.outbox.enqueue(messages, now)
