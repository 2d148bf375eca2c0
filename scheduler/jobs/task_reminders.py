"""Task deadlines (DESIGN.md): remind the assignee 3 days and 1 day before — on the working day before, when
that day is a day off — then on every working day once overdue. The assigner hears of their overdue tasks in
one summary (all those overdue 3 days or more): when a task reaches its 3rd overdue day, then weekly while it
stays open, each moved to the next working day off days off — not daily per task. Run on working days; every
notice is keyed by task, deadline and day (the summary by assigner and day), so a second run the same day (a
restart, a second instance) sends nothing twice, and an extended deadline starts afresh. Each notice joins its
person's 今日待办 note of the day (scheduler.jobs.daily_note).

A task done (办结) but not yet verified is not late whatever its deadline: its assigner is reminded once,
two days after it was done, under 待验收 (keyed by the task and when it was done, so only a task done
again after a 退回 is asked about again).
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from handlers.messages import OutgoingMessage
from handlers.parse import is_workday
from handlers.quarters import local_midnight
from handlers.refs import TaskRef
from handlers.summary_ports import DoneTask
from handlers.tasks.cards import day, deadline_words, line, verify_buttons
from scheduler.context import JobContext
from scheduler.jobs._audience import to_people
from scheduler.stores import TaskListStore

BEFORE = (3, 1)  # days before the deadline that remind the assignee
ESCALATE_FROM = 3  # the overdue day on which the assigner is first told
ESCALATE_EVERY = 7  # days between the assigner's reminders of a task that stays overdue
ONE_DAY = dt.timedelta(days=1)
VERIFY_AFTER = dt.timedelta(days=2)  # done on day D and not verified: the assigner is reminded on D+2, once


def working_day_on_or_before(date: dt.date) -> dt.date:
    """`date`, or the last working day before it."""
    while not is_workday(date):
        date -= dt.timedelta(days=1)
    return date


def escalation_due(deadline: dt.date, today: dt.date) -> bool:
    """Whether a task past `deadline` is due in its assigner's summary today (a working day): its 3rd overdue day,
    then every 7 days, each moved to the next working day when it falls on a day off."""
    since_first = (today - deadline).days - ESCALATE_FROM
    if since_first < 0:
        return False
    latest = today - dt.timedelta(days=since_first % ESCALATE_EVERY)
    return not any(is_workday(latest + dt.timedelta(days=d)) for d in range((today - latest).days))


def reminder_due(deadline: dt.date, today: dt.date) -> int | None:
    """The days-before reminder due today (3 or 1), moved off days off to the working day before; or None."""
    for days in BEFORE:
        if working_day_on_or_before(deadline - dt.timedelta(days=days)) == today:
            return days
    return None


def _notice(task: TaskRef, days_left: int) -> str:
    if days_left > 0:
        return (f"⏰ 任务 #{task.number} 还有 {days_left} 天到期（{deadline_words(task)}）：{task.title}\n"
                f"完成后回复“#{task.number} 已办结”。")
    assert task.deadline is not None
    return (f"🔴 任务 #{task.number} 已逾期 {-days_left} 天（期限 {day(task.deadline)}）：{task.title}\n"
            f"请尽快办结，或回复“#{task.number} 申请延期到X月X日”。")


def _overdue_summary(tasks: list[TaskRef], today: dt.date) -> str:
    return "\n".join([f"📣 您交办的任务有{len(tasks)}项逾期{ESCALATE_FROM}天以上：",
                      *(line(t, today, who=True) for t in tasks), "发“任务”可查看全部。"])


async def _assigner_summaries(store: TaskListStore, tasks: list[TaskRef], today: dt.date) -> list[OutgoingMessage]:
    late: dict[int, list[TaskRef]] = {}
    for task in tasks:
        assert task.deadline is not None
        if task.assigner_id is not None and (today - task.deadline).days >= ESCALATE_FROM:
            late.setdefault(task.assigner_id, []).append(task)
    messages: list[OutgoingMessage] = []
    for assigner_id, theirs in late.items():
        if any(escalation_due(t.deadline, today) for t in theirs if t.deadline):
            messages += await to_people(store, await store.people.by_ids([assigner_id]),
                                        _overdue_summary(theirs, today), f"task-overdue:{assigner_id}:{today}")
    return messages


def _awaiting(task: DoneTask, zone: ZoneInfo) -> str:
    done = day(task.done_at.astimezone(zone).date())
    return (f"📮 待验收：您交办的任务 #{task.number} 已于{done}办结，还没有验收。\n"
            f"{task.village or ''} {task.assignee or ''} · {task.title}\n"
            f"核对后回复“#{task.number} 验收通过”销号，或“#{task.number} 退回”并说明原因。")


async def _verification_reminders(store: TaskListStore, today: dt.date, zone: ZoneInfo) -> list[OutgoingMessage]:
    messages: list[OutgoingMessage] = []
    # A whole day to verify in peace first: only what was done before yesterday began is asked about.
    for task in await store.summary.awaiting_verification(local_midnight(today - VERIFY_AFTER + ONE_DAY, zone)):
        assigner = await store.people.by_ids([task.assigner_id] if task.assigner_id else [])
        messages += await to_people(store, assigner, _awaiting(task, zone),
                                    f"task-verify:{task.id}:{task.done_at.isoformat()}",
                                    buttons=verify_buttons(task.id))
    return messages


async def job(ctx: JobContext[TaskListStore], now: dt.datetime) -> int:
    """Queue today's task reminders and escalations; returns how many messages were new."""
    today = now.astimezone(ctx.zone).date()
    if not is_workday(today):  # never on days off
        return 0
    async with ctx.uow() as store:
        messages: list[OutgoingMessage] = []
        tasks = await store.tasks.with_deadlines()
        for task in tasks:
            assert task.deadline is not None
            days_left = (task.deadline - today).days
            ahead = reminder_due(task.deadline, today) if days_left > 0 else None
            if ahead is None and days_left >= 0:
                continue
            key = f"task-remind:{task.id}:{task.deadline}:{today}"
            people = await store.people.by_ids([task.assignee_id] if task.assignee_id else [])
            messages += await to_people(store, people, _notice(task, days_left), key)
        messages += await _assigner_summaries(store, tasks, today)
        messages += await _verification_reminders(store, today, ctx.zone)
        return await store.outbox.enqueue(messages, now)
