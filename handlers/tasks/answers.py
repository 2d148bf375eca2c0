"""Card words typed without a task number ("验收通过", "退回，原因", "同意", "不同意", "收到") answer the one
pending task they fit; with several pending, a numbered question asks which, and "1", "第二个", "#12" or the
task number answers it.
"""
from __future__ import annotations

import datetime as dt
import re

from handlers.directory import Directory
from handlers.parse.numbers import to_int
from handlers.questions import QuestionKind
from handlers.refs import TaskRef
from handlers.tasks.access import may_answer
from handlers.tasks.cards import line
from handlers.tasks.lifecycle import Step, apply
from handlers.tasks.queries import router
from handlers.tasks.store import TasksContext
from handlers.tasks.words import command_of

CHOICE = QuestionKind.CHOOSE_TASK
CHOICE_TTL = dt.timedelta(hours=12)  # a bare "1" the next day should not verify a task by surprise
_PICK = re.compile(r"[#＃]\s*(?P<number>\d+)"
                   r"|(?P<first>第)?\s*(?P<place>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:个|项|号)?\s*[。.]?")
_NONE = {"verify": "目前没有待您验收的任务。", "reject": "目前没有待您验收的任务。",
         "extend_yes": "目前没有待您批复的延期申请。", "extend_no": "目前没有待您批复的延期申请。",
         "ack": "目前没有待您签收的任务。"}
_WAITING = {"verify": "待您验收", "reject": "待您验收", "extend_yes": "的延期申请待您批复",
            "extend_no": "的延期申请待您批复", "ack": "待您签收"}


async def _pending(ctx: TasksContext, action: str) -> list[TaskRef]:
    """The sender's tasks the typed word fits; for an assigner's word their own hand-offs first."""
    me = ctx.person
    if action == "ack":
        return [t for t in await ctx.store.tasks.open_assigned(me.id) if t.status == "assigned"]
    fits = [t for t in await ctx.store.tasks.awaiting_answer(me.township_id) if may_answer(me, t)
            and (t.status == "done" if action in ("verify", "reject") else t.requested_deadline is not None)]
    return [t for t in fits if t.assigner_id == me.id] or fits


async def on_typed(ctx: TasksContext, directory: Directory) -> bool:
    """Apply a card word typed without a task number to the task it fits, or ask which; False if it is none."""
    command = command_of(ctx.args)
    if command is None or command[0] == "reassign":  # 改派 needs a task number: it answers no card
        return False
    action, note = command
    tasks = await _pending(ctx, action)
    if len(tasks) == 1:
        await apply(ctx, directory, tasks[0], Step(action, note=note))
    elif tasks:
        await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, CHOICE,
                                          {"action": action, "note": note, "numbers": [t.number for t in tasks]},
                                          ctx.now, ctx.now + CHOICE_TTL)
        today = directory.local(ctx.now).date()
        ctx.reply(f"有 {len(tasks)} 项任务{_WAITING[action]}，是哪一项？请回复序号或任务编号：\n"
                  + "\n".join(f"{i}. {line(t, today, who=True)}" for i, t in enumerate(tasks, 1)))
    elif ctx.msg.addressed:  # in a group, "收到" to someone else is not for the bot
        ctx.reply(_NONE[action])
    return True


def _picked(match: re.Match[str], numbers: list[int]) -> int | None:
    """The task an answer picks, by its place in the list ("2", "第二个") or by its number ("#12", "12")."""
    if match["number"]:
        wanted = int(match["number"])
    else:
        place = to_int(match["place"]) or 0
        if 1 <= place <= len(numbers):
            return numbers[place - 1]
        wanted = place if match["place"].isdigit() and not match["first"] else 0
    return wanted if wanted in numbers else None


@router.on_answer(CHOICE)
async def on_choice(ctx: TasksContext) -> bool:
    """The answer to "which task?": that task takes the step asked for; False (question closed) for a new topic."""
    assert ctx.question is not None
    data = ctx.question.data
    match = _PICK.fullmatch(ctx.args.strip())
    number = _picked(match, data["numbers"]) if match else None
    if match and number is None:
        ctx.reply(f"请回复 1 到 {len(data['numbers'])} 之间的序号，或任务编号，如“#{data['numbers'][0]}”。")
        return True
    await ctx.store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
    task = await ctx.store.tasks.by_number(ctx.person.township_id, number) if number else None
    if task is None:
        return False
    await apply(ctx, await ctx.directory(), task, Step(data["action"], note=data["note"]))
    return True
