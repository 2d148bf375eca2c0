"""县交办 / 交办情况: the county's hand-offs, one per title and deadline, each town's status and its villages' sub-tasks
done; a town sees its own only."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from handlers.refs import TaskRef
from handlers.roles import READERS
from handlers.tasks.cards import deadline_words, done_of
from handlers.tasks.county import COUNTY_READERS, of_county, towns_of
from handlers.tasks.queries import router
from handlers.tasks.store import TasksContext

SHORT_STATUS = {"assigned": "待签收", "acknowledged": "已签收", "in_progress": "办理中", "done": "已办结",
                "verified": "已销号"}


def _state(task: TaskRef, today: dt.date) -> str:
    state = SHORT_STATUS.get(task.status, task.status)
    if task.deadline is not None and today > task.deadline and task.status not in ("done", "verified"):
        return f"🔴逾期{(today - task.deadline).days}天（{state}）"
    return state


def _group(tasks: list[TaskRef], subs: dict[int, list[TaskRef]], towns: dict[int, str], today: dt.date) -> list[str]:
    first = tasks[0]
    lines = [f"【{first.title}】{deadline_words(first)} · {first.assigner or ''}交办"]
    for task in tasks:
        down = f"，村里已办结 {done_of(subs[task.id])}" if subs.get(task.id) else ""
        lines.append(f"· {towns.get(task.township_id, '')} #{task.number} {task.assignee or ''}："
                     f"{_state(task, today)}{down}")
    verified = sum(t.status == "verified" for t in tasks)
    lines.append(f"已销号 {verified}/{len(tasks)}")
    return lines


@router.command("county_tasks", words=("县交办", "交办情况", "县交办情况"), roles=READERS,
                refusal="抱歉，县交办任务的办理情况由县、镇领导和党建办、督导组查看。")
async def county_tasks(ctx: TasksContext) -> None:
    """Each county hand-off still open: per town its status and its villages' sub-tasks done/total."""
    towns = {t.id: t.name for t in await towns_of(ctx)}
    if not of_county(ctx.person, COUNTY_READERS):  # a town's people see their own town's only
        towns = {ctx.person.township_id: ctx.person.township}
    tasks = await ctx.store.tasks.from_county(list(towns))
    subs: dict[int, list[TaskRef]] = defaultdict(list)
    for sub in await ctx.store.tasks.sub_tasks([t.id for t in tasks]):
        if sub.parent_id is not None:
            subs[sub.parent_id].append(sub)
    groups: dict[tuple[str, dt.date | None, int | None], list[TaskRef]] = defaultdict(list)
    for task in tasks:
        groups[(task.title, task.deadline, task.assigner_id)].append(task)
    today = (await ctx.directory()).local(ctx.now).date()
    open_groups = [g for g in groups.values() if any(t.status != "verified" for t in g)]
    if not open_groups:
        ctx.reply(f"目前没有未办结的县交办任务{f'（{len(groups)}项已全部销号）' if groups else ''}。")
        return
    lines = [f"📋 县交办任务（{len(open_groups)}项未办结）"]
    for group in open_groups:
        lines += _group(sorted(group, key=lambda t: list(towns).index(t.township_id)), subs, towns, today)
    if closed := len(groups) - len(open_groups):
        lines.append(f"另有{closed}项已全部销号。")
    ctx.reply("\n".join(lines))

