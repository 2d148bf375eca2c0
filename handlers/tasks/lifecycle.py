"""A task's steps (DESIGN.md): 签收 → 进度 → 办结 → 验收/销号 or 退回; 延期 asked and answered; 改派.

Who may take which step: handlers.tasks.access. A step the sender may not take, or that does not fit
the task's state, changes nothing and says why.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.directory import Directory
from handlers.issue_policy import working_time
from handlers.messages import Button
from handlers.refs import TaskRef
from handlers.tasks.access import refusal
from handlers.tasks.cards import STATUS, assigned_notice, day, done_notice, extension_notice
from handlers.tasks.store import TasksContext


@dataclass(frozen=True)
class Step:
    """What a message asks to do to a task."""

    action: str
    progress: int | None = None
    deadline: dt.date | None = None
    note: str | None = None
    new_assignee: str | None = None


def _allowed(task: TaskRef, action: str) -> str | None:
    """Why the task's state does not allow the step, or None."""
    if task.status == "verified":
        return f"任务 #{task.number} 已验收销号。"
    if action in ("ack", "progress", "done", "extend") and task.status == "done":
        return f"任务 #{task.number} 已办结，正等待验收。"
    if action == "ack" and task.status != "assigned":
        return f"任务 #{task.number} 已签收过了。"
    if action in ("verify", "reject") and task.status != "done":
        return f"任务 #{task.number} 还没有办结（{STATUS.get(task.status, task.status)}），暂不能验收或退回。"
    if action in ("extend_yes", "extend_no") and task.requested_deadline is None:
        return f"任务 #{task.number} 没有待批复的延期申请。"
    return None


async def apply(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    """Carry out one step, if the sender may and the task's state allows."""
    if (why := refusal(ctx.person, task, step.action) or _allowed(task, step.action)) is not None:
        ctx.reply(why)
        return
    await _STEPS[step.action](ctx, directory, task, step)


async def _change(ctx: TasksContext, task: TaskRef, kind: str, step: Step, **fields: object) -> TaskRef:
    data = {"attachments": [a.file_id for a in ctx.msg.attachments if a.file_id]} if ctx.msg.attachments else {}
    return await ctx.store.tasks.change(task.id, kind, actor_id=ctx.person.id, now=ctx.now, inbox_id=ctx.inbox_id,
                                        note=step.note, data=data, **fields)


async def _tell(ctx: TasksContext, person_id: int | None, text: str, key: str,
                buttons: tuple[tuple[Button, ...], ...] = ()) -> None:
    if person_id is not None:
        ctx.send_to(await ctx.store.people.direct_chats(person_id), text, f"{key}:{ctx.inbox_id}", buttons,
                    not_before=working_time((await ctx.directory()).local(ctx.now)))


async def _ack(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    await _change(ctx, task, "ack", step, status="acknowledged")
    ctx.reply(f"已签收任务 #{task.number}，请于{day(task.deadline) + '前' if task.deadline else '期限内'}完成。",
              in_place=True)


async def _progress(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    fields: dict[str, object] = {"status": "in_progress"}
    if step.progress is not None:
        fields["progress"] = step.progress
    await _change(ctx, task, "progress", step, **fields)
    shown = f"，进度 {step.progress}%" if step.progress is not None else ""
    ctx.reply(f"已记录任务 #{task.number} 的进展{shown}。")


async def _done(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    task = await _change(ctx, task, "done", step, status="done", done_at=ctx.now)
    ctx.reply(f"已办结任务 #{task.number}，已提请{task.assigner}验收。")
    await _tell(ctx, task.assigner_id, *done_notice(task, step.note)[:1], f"task:{task.id}:done",
                done_notice(task, step.note)[1])


def _named(task: TaskRef) -> str:
    """'任务 #3', or '云锦镇任务 #1' to the county, whose #1 repeats in every town."""
    town = task.township if task.assigner_county_id is not None and task.township else ""
    return f"{town}任务 #{task.number}"


async def _verify(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    task = await _change(ctx, task, "verify", step, status="verified", verified_at=ctx.now)
    ctx.reply(f"{_named(task)} 已验收销号。", in_place=True)
    await _tell(ctx, task.assignee_id, f"✅ 任务 #{task.number} 已验收销号：{task.title}", f"task:{task.id}:verify")


async def _reject(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    task = await _change(ctx, task, "reject", step, status="in_progress", done_at=None)
    ctx.reply(f"{_named(task)} 已退回{task.assignee}重新办理。", in_place=True)
    await _tell(ctx, task.assignee_id, f"↩️ 任务 #{task.number} 被退回，请重新办理：{task.title}\n"
                                       f"原因：{step.note or '—'}", f"task:{task.id}:reject")


async def _extend(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    if step.deadline is None:
        ctx.reply(f"请说明任务 #{task.number} 延期到哪一天，例如“#{task.number} 申请延期到3月20日”。")
        return
    task = await _change(ctx, task, "extend", step, requested_deadline=step.deadline)
    ctx.reply(f"已向{task.assigner}提交任务 #{task.number} 的延期申请（至{day(step.deadline)}）。")
    text, buttons = extension_notice(task, step.deadline, step.note)
    await _tell(ctx, task.assigner_id, text, f"task:{task.id}:extend", buttons)


async def _extend_yes(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    wanted = task.requested_deadline
    assert wanted is not None
    task = await _change(ctx, task, "extend_yes", step, deadline=wanted, requested_deadline=None)
    ctx.reply(f"已同意{_named(task)} 延期至{day(wanted)}。", in_place=True)
    await _tell(ctx, task.assignee_id, f"任务 #{task.number} 延期已同意，新期限 {day(wanted)}。", f"task:{task.id}:ext")


async def _extend_no(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    task = await _change(ctx, task, "extend_no", step, requested_deadline=None)
    ctx.reply(f"已不同意{_named(task)} 延期。", in_place=True)
    by = f"于{day(task.deadline)}前" if task.deadline else "按原要求"
    await _tell(ctx, task.assignee_id, f"任务 #{task.number} 延期未获同意，请{by}完成。", f"task:{task.id}:ext")


async def _reassign(ctx: TasksContext, directory: Directory, task: TaskRef, step: Step) -> None:
    if step.new_assignee is None:
        ctx.reply(f"请写明改派给谁，例如“#{task.number} 改派 储德胜”（用名册中的姓名）。")
        return
    found = await ctx.store.people.by_name_many([step.new_assignee], ctx.person.township_id)
    person = found.get(step.new_assignee)
    if person is None:
        ctx.reply(f"没有找到“{step.new_assignee}”，请写名册中的姓名。")
        return
    village_id = directory.village_ids.get(person.village) if person.village else None
    task = await _change(ctx, task, "reassign", step, assignee_id=person.id, village_id=village_id,
                         status="assigned", progress=None, requested_deadline=None, done_at=None)
    ctx.reply(f"任务 #{task.number} 已改派给{person.name}。")
    text, buttons = assigned_notice(task)
    await _tell(ctx, person.id, text, f"task:{task.id}:assigned", buttons)


_STEPS = {"ack": _ack, "progress": _progress, "done": _done, "verify": _verify, "reject": _reject,
          "extend": _extend, "extend_yes": _extend_yes, "extend_no": _extend_no, "reassign": _reassign}
