"""Last day of the month (16:00, or the working day before): remind only those who have not reported."""
from __future__ import annotations

import datetime as dt

from handlers.quarters import month_end
from handlers.roles import REPORTERS
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, month_words, to_people


async def job(ctx: JobContext, now: dt.datetime) -> int:
    """One reminder per village that still owes a report, to its secretary and contact officials."""
    assert ctx.township_id is not None and ctx.period is not None
    deadline = month_end(ctx.period)
    # On a holiday month-end the reminder goes out the working day before: say when the deadline is.
    when = "今天" if now.astimezone(ctx.zone).date() == deadline else f"{deadline.month}月{deadline.day}日"
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        reported = {r.project_id for r in await store.reports.for_period(ctx.township_id, ctx.period)}
        messages = []
        for village in directory.registry.villages:
            owed = [p.title for p in directory.projects_of(village.name) if p.id not in reported]
            if not owed:
                continue
            text = (f"⏰ {month_words(ctx.period)}月报{when}截止，{village.name}以下项目还没有报送：\n"
                    + "\n".join(f"· {title}" for title in owed) + "\n直接回复本月进展即可；逾期也可以补报。")
            people = await store.people.with_roles(ctx.township_id, REPORTERS, village.name)
            messages += await to_people(store, people, text, f"remind:month-end:{ctx.period}:{village.name}")
        return await store.outbox.enqueue(messages, now)
