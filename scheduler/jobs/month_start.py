"""The 1st (月初安排): this month's due tasks, project milestones and project deadlines, then what is left over
— tasks already overdue, under their own heading, and last month's unreported projects — to the township group.

Only approved projects are listed: one declared or returned for revision is a plan under review. Every
milestone due this month is listed, a township's own project's too, and one ticked early says so."""
from __future__ import annotations

import datetime as dt

from handlers.quarters import shift_period
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, listing, milestone_item, month_words, task_item, to_chats
from scheduler.jobs._owed import owed, reporting
from scheduler.rates import Window
from scheduler.stores import MonthStartStore


async def job(ctx: JobContext[MonthStartStore], now: dt.datetime) -> int:
    """One arrangement message per township group chat."""
    assert ctx.township_id is not None and ctx.period is not None
    first, last = Window.month(ctx.period).days
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        # Open tasks only: one done and waiting for verification (待验收) is neither due nor overdue.
        open_tasks = await store.tasks.with_deadlines(ctx.township_id)
        due = [t for t in open_tasks if t.deadline and first <= t.deadline <= last]
        overdue = [t for t in open_tasks if t.deadline and t.deadline < first]
        milestones = await store.summary.milestones_due(ctx.township_id, (first, last))
        projects = await reporting(store, directory, ctx.township_id)
        ending = [p for p in projects if p.deadline and first <= p.deadline <= last]
        previous = await owed(store, directory, ctx.township_id, shift_period(ctx.period, -1), projects)
        unreported = [title for village in previous for title in village.titles()]
        lines = [f"📅 {month_words(ctx.period)}工作安排",
                 f"本月到期任务（{len(due)}）：" + listing([task_item(t, overdue=False) for t in due], "；")]
        if milestones:
            lines.append(f"本月项目节点（{len(milestones)}）："
                         + listing([milestone_item(m) for m in milestones], "；"))
        lines.append(f"本月到期项目（{len(ending)}）：" + listing([f"{p.village}·{p.title}" for p in ending]))
        if overdue:
            lines.append(f"已逾期未办结任务（{len(overdue)}）："
                         + listing([task_item(t, overdue=True) for t in overdue], "；"))
        lines.append(f"上月未报项目（{len(unreported)}）：" + listing(unreported))
        messages = to_chats(await store.places.township_chats(ctx.township_id), "\n".join(lines),
                            f"month-start:{ctx.period}")
        return await store.outbox.enqueue(messages, now)
