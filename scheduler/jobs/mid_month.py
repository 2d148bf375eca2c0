"""The 15th (月中督办): how the month stands, to the township group.

减负: the month's reports are not due until its last day, nor are tasks before their deadlines, so those are
counts; only what is overdue (tasks past their deadline, milestones of approved projects past their due date and
not ticked, issues past their time limit) is named. Nobody gets a message of their own: the report window (25th)
and the deadline reminder ask whoever still owes."""
from __future__ import annotations

import datetime as dt

from handlers.quarters import month_end
from handlers.tasks.cards import day
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, listing, milestone_item, month_words, task_item, to_chats
from scheduler.jobs._owed import owed, reporting
from scheduler.stores import MidMonthStore

SOON = dt.timedelta(days=7)


async def job(ctx: JobContext[MidMonthStore], now: dt.datetime) -> int:
    """The supervision summary to the township group chats."""
    assert ctx.township_id is not None and ctx.period is not None
    today = now.astimezone(ctx.zone).date()
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        projects = await reporting(store, directory, ctx.township_id)
        villages = await owed(store, directory, ctx.township_id, ctx.period, projects)
        unreported = sum(len(village.missing) for village in villages)
        unconfirmed = sum(len(village.drafts) for village in villages)
        reported = len(projects) - unreported - unconfirmed
        tasks = await store.tasks.with_deadlines(ctx.township_id)
        soon = [t for t in tasks if t.deadline and today <= t.deadline <= today + SOON]
        overdue = [t for t in tasks if t.deadline and t.deadline < today]
        milestones = await store.summary.milestones_overdue(ctx.township_id, today)
        late = [i for i in await store.issues.open_issues(ctx.township_id) if i.due_at and i.due_at < now]
        drafts = f"，{unconfirmed}个已填报待确认" if unconfirmed else ""
        lines = [f"🔎 {month_words(ctx.period)}月中督办",
                 f"本月月报：{reported}个项目已报送{drafts}，{unreported}个未报（{day(month_end(ctx.period))}截止）",
                 f"7天内到期的任务：{len(soon)}项",
                 f"已逾期未办结的任务（{len(overdue)}）："
                 + listing([task_item(t, overdue=True) for t in overdue], "；"),
                 f"逾期未完成的项目节点（{len(milestones)}）："
                 + listing([milestone_item(m, overdue=True) for m in milestones], "；"),
                 f"超时限未办结的事件（{len(late)}）：" + listing([f"#E{i.number}" for i in late])]
        messages = to_chats(await store.places.township_chats(ctx.township_id), "\n".join(lines),
                            f"mid-month:{ctx.period}")
        return await store.outbox.enqueue(messages, now)
