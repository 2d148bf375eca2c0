"""任务 / 任务 12: the sender's open tasks, those they handed off, and one task with its history."""
from __future__ import annotations

import re

from handlers.router import Router
from handlers.tasks.cards import details, line, sub_task_lines
from handlers.tasks.county import numbered
from handlers.tasks.store import TasksContext

router = Router()
_NUMBER = re.compile(r"#?\s*(\d+)$")  # after a town's name, if any ("任务 云锦镇 #1")


@router.command("tasks", words=("任务", "我的任务", "任务列表"),
                args=r"(?:[\u4e00-\u9fff]{1,8}(?:镇|乡|街道)\s*)?#?\s*\d*")
async def tasks(ctx: TasksContext) -> None:
    """Open tasks as assignee and as assigner, with colours; with a number, that task's history."""
    directory = await ctx.directory()
    today = directory.local(ctx.now).date()
    if match := _NUMBER.search(ctx.args.strip()):
        task, _ = await numbered(ctx, int(match.group(1)), ctx.args)
        if task is not None:
            subs = sub_task_lines(await ctx.store.tasks.sub_tasks([task.id]), today)
            ctx.reply("\n".join([details(task, await ctx.store.tasks.history(task.id), today, directory.zone), *subs]))
        return
    mine = await ctx.store.tasks.open_assigned(ctx.person.id)
    handed = await ctx.store.tasks.open_handed_off(ctx.person.id)
    lines = []
    if mine:
        lines += [f"您承办的任务（{len(mine)}）："] + [line(t, today, who=False) for t in mine]
    if handed:
        lines += [f"您交办的任务（{len(handed)}）："] + [line(t, today, who=True) for t in handed]
    ctx.reply("\n".join(lines) + "\n发送“任务 编号”查看详情。" if lines else "目前没有未完成的任务。")
