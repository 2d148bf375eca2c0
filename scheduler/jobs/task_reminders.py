"""Task deadlines (DESIGN.md): remind the assignee 3 days and 1 day before, then daily once overdue, and
tell the assigner too from the 3rd overdue day. Run once a day; every notice is keyed by task, deadline
and day, so a second run the same day (a restart, a second instance) sends nothing twice, and an
extended deadline starts its own reminders.
"""
from __future__ import annotations

import datetime as dt

from handlers.messages import OutgoingMessage
from handlers.ports import Store, TaskRef
from handlers.tasks.cards import day, deadline_words
from scheduler.context import JobContext

BEFORE = (3, 1)  # days before the deadline that remind the assignee
ESCALATE_FROM = 3  # overdue days from which the assigner is told as well


def _notice(task: TaskRef, days_left: int) -> str:
    if days_left > 0:
        return (f"⏰ 任务 #{task.number} 还有 {days_left} 天到期（{deadline_words(task)}）：{task.title}\n"
                f"完成后回复“#{task.number} 已办结”。")
    return (f"🔴 任务 #{task.number} 已逾期 {-days_left} 天（期限 {day(task.deadline)}）：{task.title}\n"
            f"请尽快办结，或回复“#{task.number} 申请延期到X月X日”。") if task.deadline else ""


async def _to(store: Store, person_id: int | None, text: str, key: str) -> list[OutgoingMessage]:
    if person_id is None:
        return []
    return [OutgoingMessage(platform, chat_id, text, key=f"{key}:{platform}:{chat_id}")
            for platform, chat_id in await store.people.direct_chats(person_id)]


async def job(ctx: JobContext, now: dt.datetime) -> int:
    """Queue today's task reminders and escalations; returns how many messages were new."""
    today = now.astimezone(ctx.zone).date()
    async with ctx.uow() as store:
        messages: list[OutgoingMessage] = []
        for task in await store.tasks.with_deadlines():
            assert task.deadline is not None
            days_left = (task.deadline - today).days
            if days_left not in BEFORE and days_left >= 0:
                continue
            key = f"task-remind:{task.id}:{task.deadline}:{today}"
            messages += await _to(store, task.assignee_id, _notice(task, days_left), key)
            if -days_left >= ESCALATE_FROM:
                text = (f"📣 您交办的任务 #{task.number} 已逾期 {-days_left} 天：{task.village or ''} "
                        f"{task.assignee} · {task.title}")
                messages += await _to(store, task.assigner_id, text, f"{key}:assigner")
        return await store.outbox.enqueue(messages, now)
