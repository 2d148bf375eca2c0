"""任务分解: a town passes a task (the county's, most often) down to its villages, one sub-task per village; the
town's task stays the town's to finish (it is never closed by its sub-tasks)."""
from __future__ import annotations

import datetime as dt

from handlers.directory import Directory
from handlers.parse import deadline_of, is_workday
from handlers.refs import TaskRef
from handlers.roles import TOWNSHIP_LEADERS
from handlers.tasks.cards import STATUS, day, deadline_words
from handlers.tasks.handoff import give, given, village_assignees
from handlers.tasks.store import TasksContext

AHEAD = 3  # days before the town's deadline the villages' falls, unless the message says when


def villages_deadline(parent: dt.date | None, today: dt.date) -> dt.date | None:
    """AHEAD days before the town's deadline, on a working day, not before today (else the town's own)."""
    if parent is None:
        return None
    ahead = parent - dt.timedelta(days=AHEAD)
    while not is_workday(ahead):
        ahead -= dt.timedelta(days=1)
    return ahead if ahead >= today else parent


def _refusal(ctx: TasksContext, task: TaskRef) -> str | None:
    mine = ctx.person.id == task.assignee_id or ctx.person.may(TOWNSHIP_LEADERS)
    if not mine or ctx.person.township_id != task.township_id:
        return f"抱歉，把任务 #{task.number} 分解到各村由承办人{task.assignee}或镇领导、镇党建办办理。"
    if task.village is not None or task.parent_id is not None:
        return f"任务 #{task.number} 已是交给{task.village or '村里'}的任务，不能再分解到各村。"
    if task.status in ("done", "verified"):
        return f"任务 #{task.number} {STATUS[task.status]}，不用再分解。"
    return None


async def pass_down(ctx: TasksContext, directory: Directory, task: TaskRef, text: str) -> None:
    """One sub-task per village of the town, due when the message says or a few days before the town's task."""
    if (why := _refusal(ctx, task)) is not None:
        ctx.reply(why)
        return
    if done := await ctx.store.tasks.sub_tasks([task.id]):
        ctx.reply(f"任务 #{task.number} 已分解到{len(done)}个村，发送“任务 #{task.number}”查看各村办理情况。")
        return
    local = directory.local(ctx.now)
    said = deadline_of(text, local)
    deadline = said or villages_deadline(task.deadline, local.date())
    assignees, skipped = village_assignees(directory, tuple(v.name for v in directory.registry.villages))
    if not assignees:
        ctx.reply("名册中各村还没有村书记，暂时无法分解。请先登记村书记。")
        return
    tasks, unreachable = await give(ctx, directory, task.title, deadline, assignees, parent_id=task.id)
    if said or deadline is None:
        when = deadline_words(tasks[0])
    elif deadline == task.deadline:
        when = f"{day(deadline)}前（同任务 #{task.number} 的期限）"
    else:
        ahead = (task.deadline - deadline).days if task.deadline else AHEAD
        when = f"{day(deadline)}前（比任务 #{task.number} 的期限提前{ahead}天，便于镇里汇总）"
    lines = [f"✅ 已把任务 #{task.number} 分解到{len(tasks)}个村，期限{when}：{task.title}"]
    lines += given(tasks, skipped, unreachable)
    holder = "您" if task.assignee_id == ctx.person.id else task.assignee
    lines.append(f"任务 #{task.number} 仍由{holder}办结；发送“任务 #{task.number}”查看各村进度。")
    ctx.reply("\n".join(lines))
