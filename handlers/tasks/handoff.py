"""交办: a leader's message becomes one numbered task per assignee, confirmed to the leader, sent to each."""
from __future__ import annotations

import datetime as dt

from handlers.directory import Directory
from handlers.issue_policy import working_time
from handlers.parse import HandoffBlock
from handlers.refs import NewTask, TaskRef
from handlers.registry import Person
from handlers.roles import LEADERS, REPORTERS
from handlers.tasks.cards import assigned_notice, deadline_words
from handlers.tasks.chase import chases_reports, owing
from handlers.tasks.store import TasksContext

ASSIGNER_ROLES = LEADERS
VILLAGE_HOLDERS = REPORTERS  # who takes a task handed to a whole village, in this order


def _holder(directory: Directory, village: str) -> Person | None:
    people = [p for p in directory.registry.people if p.village == village and p.role in VILLAGE_HOLDERS]
    return min(people, key=lambda p: VILLAGE_HOLDERS.index(p.role)) if people else None


Holders = list[tuple[Person, str | None]]  # who takes each task, with the village it is for


def village_assignees(directory: Directory, names: tuple[str, ...]) -> tuple[Holders, list[str]]:
    """Who takes each named person's or village's task (with the village), and the names nobody takes."""
    assignees: Holders = []
    skipped = []
    for name in names:
        if (person := directory.registry.person(name)) is not None:
            assignees.append((person, person.village))
        elif (holder := _holder(directory, name)) is not None:
            assignees.append((holder, name))
        else:
            skipped.append(name)
    return assignees, skipped


async def give(ctx: TasksContext, directory: Directory, title: str, deadline: dt.date | None,
               assignees: Holders, parent_id: int | None = None) -> tuple[list[TaskRef], list[str]]:
    """Create one task per assignee in the sender's township and tell each; the tasks, and who could not be told."""
    people = await ctx.store.people.by_name_many([p.name for p, _ in assignees], ctx.person.township_id)
    tasks = await ctx.store.tasks.create(ctx.person.township_id, ctx.person.id, [
        NewTask(title, people[person.name].id, directory.village_ids.get(village) if village else None, deadline,
                parent_id=parent_id)
        for person, village in assignees], inbox_id=ctx.inbox_id, now=ctx.now)
    unreachable = []
    for task in tasks:
        text, buttons = assigned_notice(task)
        assert task.assignee_id is not None
        chats = await ctx.store.people.direct_chats(task.assignee_id)
        village_id = directory.village_ids.get(task.village) if task.village else None
        if village_id is not None:
            chats += await ctx.store.places.group_chats(village_id)
        if not chats:
            unreachable.append(task.assignee or "")
        ctx.send_to(chats, text, f"task:{task.id}:assigned", buttons, not_before=working_time(directory.local(ctx.now)))
    return tasks, unreachable


def given(tasks: list[TaskRef], skipped: list[str], unreachable: list[str]) -> list[str]:
    """The lines under a hand-off's confirmation: each task, and who was not given or cannot be told."""
    lines = [f"#{t.number} {t.village or ''}{'·' if t.village else ''}{t.assignee}" for t in tasks]
    if skipped:
        lines.append(f"未交办：{'、'.join(skipped)}（名册中没有可承办的人）")
    if unreachable:
        lines.append(f"⚠️ {'、'.join(unreachable)}还没有登记账号、所在村也没有绑定群，暂时通知不到，请电话告知。")
    return lines


async def hand_off(ctx: TasksContext, directory: Directory, block: HandoffBlock) -> None:
    """Create and announce the tasks of one hand-off message."""
    if not ctx.person.may(ASSIGNER_ROLES):
        ctx.reply("抱歉，交办任务由镇领导或党建办发起。")
        return
    if not block.assignees:
        ctx.reply("请写明交办给谁，例如“@王建国 请于3月15日前……”或“各村书记本月底前……”，我再生成任务。")
        return
    assignees, skipped = village_assignees(directory, block.assignees)
    if not assignees:
        ctx.reply(f"没有找到可以承办的人：{'、'.join(skipped)}。请在名册中登记村书记后再交办。")
        return
    left_out: list[str] = []
    if chases_reports(block.task):
        owe = await owing(ctx, directory, block.task, [v for _, v in assignees if v])
        assignees = [(person, village) for person, village in assignees if village not in owe.owe_nothing]
        if not assignees:
            ctx.reply(owe.all_in(set(block.assignees) >= {v.name for v in directory.registry.villages}))
            return
        left_out = owe.lines()
    tasks, unreachable = await give(ctx, directory, block.task, block.deadline, assignees)
    lines = [f"✅ 已交办 {len(tasks)} 项任务（{deadline_words(tasks[0])}）：{block.task}",
             *given(tasks, skipped, unreachable)]
    lines += left_out
    ctx.reply("\n".join(lines))
