"""Task hand-offs (交办) in chat: creating them, moving them through their steps, and listing them."""
from __future__ import annotations

import re

from handlers.callbacks import TaskButton
from handlers.directory import Directory
from handlers.parse import deadline_of, idle_remark, month_mentions, names_an_action, read_task_update
from handlers.parse.task_update import TASK_REF, task_number_of
from handlers.parse.towns import passes_down
from handlers.refs import TaskRef
from handlers.step_order import TextStep
from handlers.tasks import rollup as _rollup  # noqa: F401  (registers 县交办)
from handlers.tasks.access import may_answer
from handlers.tasks.answers import on_typed
from handlers.tasks.county import numbered, on_town_handoff
from handlers.tasks.handoff import hand_off
from handlers.tasks.lifecycle import Step, apply
from handlers.tasks.pass_down import pass_down
from handlers.tasks.queries import router
from handlers.tasks.store import TasksContext
from handlers.tasks.words import WORDS, command_of

__all__ = ["on_message", "router"]

_REASSIGN = re.compile(f"{WORDS['reassign']}|换成")  # anywhere in the text, unlike the card word
_DENY = re.compile(r"不同意|不批准|不行|驳回")
SHORT = 40  # an update without a task number must be short: a long text is a report or news


def _step(ctx: TasksContext, directory: Directory, task: TaskRef, text: str) -> Step:
    """The step a text asks for on a known task: "#12 …", or a reply to the task's message.

    A card word opening the text ("同意", "退回，…", "改派 储德胜") asks for that step whoever sends it, so a
    step the sender may not take is refused, never recorded as progress.
    """
    me = ctx.person
    own = me.id == task.assignee_id
    # The assignee's "已办结，可以销号了" reports their own work (PARSING.md); from anyone else 验收/退回 words
    # ask for the assigner's step.
    reading = read_task_update(text, me.role if own else None, directory.local(ctx.now))
    command = command_of(TASK_REF.sub("", text, count=1))
    word = command[0] if command else None
    answerer = may_answer(me, task)
    if _REASSIGN.search(text):
        name = next((p.name for p in directory.registry.people if p.name in text and p.name != task.assignee), None)
        if answerer or name or word == "reassign":
            return Step("reassign", new_assignee=name, note=reading.note)
    if word in ("verify", "reject", "extend_yes", "extend_no"):
        return Step(word, note=reading.note)
    if answerer and task.requested_deadline is not None and (reading.action == "extend" or "同意" in text):
        return Step("extend_no" if _DENY.search(text) else "extend_yes", note=reading.note)
    deadline = reading.deadline if reading.action == "extend" else None
    if deadline is not None and reading.span and task.deadline is not None:
        # "申请延期一周" on a task due 12月6日 asks for 12月13日: the span moves the deadline, not today.
        deadline = deadline_of(reading.span + "内", task.deadline) or deadline
    return Step(reading.action, reading.progress if reading.action == "progress" else None, deadline, reading.note)


@router.on_button(TaskButton)
async def on_button(ctx: TasksContext, button: TaskButton) -> bool:
    """A step pressed on a task's notice."""
    if (task := await ctx.store.tasks.get(button.task_id)) is None:
        return False
    await apply(ctx, await ctx.directory(), task, Step(button.action))
    return True


@router.on_reply(TaskButton)
async def on_reply(ctx: TasksContext, button: TaskButton) -> bool:
    """A reply to a task's message is about that task."""
    if (task := await ctx.store.tasks.get(button.task_id)) is None:
        return False
    directory = await ctx.directory()
    if passes_down(ctx.args):
        await pass_down(ctx, directory, task, ctx.args)
        return True
    await apply(ctx, directory, task, _step(ctx, directory, task, ctx.args.strip()))
    return True


@router.on_text(TextStep.COUNTY_HANDOFF)
async def on_county_words(ctx: TasksContext) -> bool:
    """"请各镇…前上报…" (a task per town) and "#5 分解到各村" (a sub-task per village); False for anything else."""
    text = ctx.args.strip()
    if passes_down(text) and (number := task_number_of(text)) is not None:
        task, text = await numbered(ctx, number, text)
        if task is not None:
            await pass_down(ctx, await ctx.directory(), task, text)
        return True
    return await on_town_handoff(ctx, await ctx.directory(), text)


@router.on_text(TextStep.TASK)
async def on_message(ctx: TasksContext) -> bool:
    """Handle the message if it is about tasks; False to let others read it."""
    text, directory, parsed = ctx.args.strip(), await ctx.directory(), await ctx.parsed()
    if await on_typed(ctx, directory):
        return True
    if parsed.kind == "handoff" and parsed.handoff is not None:
        await hand_off(ctx, directory, parsed.handoff)
        return True
    if parsed.kind == "task_update" and parsed.task_update is not None:
        task, text = await numbered(ctx, parsed.task_update.task, text)
        if task is not None:
            await apply(ctx, directory, task, _step(ctx, directory, task, text))
        return True
    if len(text) <= SHORT and names_an_action(text):  # no number: the sender's only open task, if just one
        mine = await ctx.store.tasks.open_assigned(ctx.person.id)
        # A report on a project is not a step on a task: the parser names it for reporters; a township's own
        # project, reported by its leaders or admins, is read as a reporter's message would be.
        # A month's report with its project unsaid ("本月暂无进展", "这个月完成六成") is one too.
        on_project = (parsed.kind == "report" and parsed.report is not None and (
            parsed.report.project or month_mentions(text, directory.local(ctx.now).date())
            or idle_remark(text) is not None)) or (
            directory.own_project_reported(text, ctx.person, ctx.now) is not None)
        if len(mine) == 1 and not on_project:
            await apply(ctx, directory, mine[0], _step(ctx, directory, mine[0], text))
            return True
    return False
