"""Last day of the month (16:00, or the working day before): remind only those who have not reported."""
from __future__ import annotations

import datetime as dt

from handlers.quarters import month_end
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, month_words, to_people
from scheduler.jobs._owed import Owed, confirm_buttons, confirm_lines, owed, reporters
from scheduler.stores import ReminderStore


def _text(village: Owed, period: str, when: str) -> str:
    head = f"⏰ {month_words(period)}月报{when}截止"
    if not village.missing:  # filed already: a short word is all that is missing
        return "\n".join([f"{head}。", *confirm_lines(village.drafts, village.village)])
    return "\n".join([f"{head}，{village.village}以下项目还没有报送：", *(f"· {p.title}" for p in village.missing),
                      "直接回复本月进展即可；逾期也可以补报。", *confirm_lines(village.drafts)])


async def job(ctx: JobContext[ReminderStore], now: dt.datetime) -> int:
    """One reminder per village that still owes a report (or only its confirmation), to its reporters."""
    assert ctx.township_id is not None and ctx.period is not None
    deadline = month_end(ctx.period)
    # On a holiday month-end the reminder goes out the working day before: say when the deadline is.
    when = "今天" if now.astimezone(ctx.zone).date() == deadline else f"{deadline.month}月{deadline.day}日"
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        messages = []
        for village in await owed(store, directory, ctx.township_id, ctx.period):
            people = await reporters(store, ctx.township_id, directory, village)
            messages += await to_people(store, people, _text(village, ctx.period, when),
                                        f"remind:month-end:{ctx.period}:{village.village}",
                                        buttons=confirm_buttons(village.drafts))
        return await store.outbox.enqueue(messages, now)
