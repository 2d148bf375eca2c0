"""Task hand-offs (交办) in chat: creating them, moving them through their steps, and listing them."""
from __future__ import annotations

import re

from handlers.context import Context
from handlers.directory import Directory
from handlers.parse import ParsedMessage, TaskUpdateBlock, TaskUpdateReading, names_an_action, read_task_update
from handlers.ports import TaskRef
from handlers.tasks.handoff import hand_off
from handlers.tasks.lifecycle import Step, apply
from handlers.tasks.queries import router

__all__ = ["on_message", "router"]

_BUTTON = re.compile(r"^task:(?P<action>[a-z_]+):(?P<id>\d+)$")
_REASSIGN = re.compile(r"改派|转交|改由|换成")
_DENY = re.compile(r"不同意|不批准|不行|驳回")
SHORT = 40  # an update without a task number must be short: a long text is a report or news


def _step(ctx: Context, directory: Directory, task: TaskRef, text: str,
          update: TaskUpdateBlock | TaskUpdateReading | None = None) -> Step:
    """The step a text asks for on a known task; `update` is the parser's reading of "#12 …" when it made one.

    A reply to a task's message is read by the same function as "#12 …" (read_task_update), so both
    give the same action, figure, deadline and note for the same words.
    """
    reading = update or read_task_update(text, ctx.person.role, directory.local(ctx.now))
    if _REASSIGN.search(text) and ctx.person.id == task.assigner_id:
        name = next((p.name for p in directory.registry.people if p.name in text and p.name != task.assignee), None)
        return Step("reassign", new_assignee=name, note=reading.note)
    action = reading.action
    if ctx.person.id == task.assigner_id and task.requested_deadline is not None and (
            action == "extend" or "同意" in text):
        action = "extend_no" if _DENY.search(text) else "extend_yes"
    return Step(action, reading.progress if action == "progress" else None,
                reading.deadline if action == "extend" else None, reading.note)


async def on_message(ctx: Context, directory: Directory, parsed: ParsedMessage) -> bool:
    """Handle the message if it is about tasks; False to let others read it."""
    text = ctx.args.strip()
    if ctx.msg.action and (button := _BUTTON.match(ctx.msg.action)):
        if (task := await ctx.store.tasks.get(int(button["id"]))) is None:
            return False
        await apply(ctx, directory, task, Step(button["action"]))
        return True
    for action in ctx.replied_actions:  # a reply to a task message is about that task
        if (button := _BUTTON.match(action)) and (task := await ctx.store.tasks.get(int(button["id"]))):
            await apply(ctx, directory, task, _step(ctx, directory, task, text))
            return True
    if parsed.kind == "handoff" and parsed.handoff is not None:
        await hand_off(ctx, directory, parsed.handoff)
        return True
    if parsed.kind == "task_update" and parsed.task_update is not None:
        update = parsed.task_update
        task = await ctx.store.tasks.by_number(ctx.person.township_id, update.task)
        if task is None:
            ctx.reply(f"没有找到任务 #{update.task}。发送“任务”查看您的任务。")
            return True
        await apply(ctx, directory, task, _step(ctx, directory, task, text, update))
        return True
    if len(text) <= SHORT and names_an_action(text):  # no number: the sender's only open task, if just one
        mine = await ctx.store.tasks.open_assigned(ctx.person.id)
        if len(mine) == 1 and not (parsed.kind == "report" and parsed.report and parsed.report.project):
            await apply(ctx, directory, mine[0], _step(ctx, directory, mine[0], text))
            return True
    return False
