"""The 1st (月初安排): this month's due tasks and project deadlines, and last month's open items, to the
township group."""
from __future__ import annotations

import datetime as dt

from handlers.quarters import shift_period
from handlers.tasks.cards import day
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, listing, month_words, to_chats


async def job(ctx: JobContext, now: dt.datetime) -> int:
    """One arrangement message per township group chat."""
    assert ctx.township_id is not None and ctx.period is not None
    year, month = map(int, ctx.period.split("-"))
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        tasks = [t for t in await store.tasks.with_deadlines(ctx.township_id)
                 if t.deadline and (t.deadline.year, t.deadline.month) <= (year, month)]
        ending = [p for p in directory.projects if p.deadline and (p.deadline.year, p.deadline.month) == (year, month)]
        reported = {r.project_id for r in await store.reports.for_period(ctx.township_id, shift_period(ctx.period, -1))}
        missing = [p for p in directory.projects if p.id not in reported]
        lines = [f"📅 {month_words(ctx.period)}工作安排"]
        lines.append(f"本月到期任务（{len(tasks)}）：" + listing(
            [f"#{t.number} {t.village or ''}{t.assignee} {t.title[:20]} {day(t.deadline)}前" for t in tasks
             if t.deadline], "；"))
        lines.append(f"本月到期项目（{len(ending)}）：" + listing([f"{p.village}·{p.title}" for p in ending]))
        lines.append(f"上月未报项目（{len(missing)}）：" + listing([f"{p.village}·{p.title}" for p in missing]))
        messages = to_chats(await store.places.township_chats(ctx.township_id), "\n".join(lines),
                            f"month-start:{ctx.period}")
        return await store.outbox.enqueue(messages, now)
