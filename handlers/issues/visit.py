"""A note of a visit or a meeting that also names a problem: the sender chooses whether it becomes a grid issue (with
its time limit and notices) or stays a work record. An urgent danger is logged at once, never held for an answer."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Protocol

from handlers.context import Context
from handlers.issues.intake import log_issue
from handlers.issues.queries import router
from handlers.issues.store import IssuesStore
from handlers.parse import IssueBlock, LogBlock
from handlers.questions import QUESTION_TTL, QuestionKind
from handlers.work_record_ports import TYPE_LABELS
from handlers.worklog import show_note
from handlers.worklog.store import WorklogStore

_AS_ISSUE = re.compile(r"^(?:登记事件|登记|事件|是|要|好的?|确认)$")
_AS_RECORD = re.compile(r"^(?:只记录|只记|仅记录|工作记录|记录|不用|不|否|不登记)$")
_CANCEL = re.compile(r"^(?:取消|算了|都不要)$")


class VisitStore(IssuesStore, WorklogStore, Protocol):
    """What either answer needs: issues and their notices, or work records."""


VisitContext = Context[VisitStore]


def asks(issue: IssueBlock, note: LogBlock) -> bool:
    """Whether to ask: a visit, meeting, study or duty note naming a problem that is not urgent. A patrol's finding
    (巡查, type other) is what a patrol is for: an issue at once, as is any danger."""
    return note.type != "other" and not issue.urgent


async def ask(ctx: VisitContext, issue: IssueBlock, note: LogBlock) -> None:
    """Hold both readings in the open question and ask which to keep."""
    data: dict[str, Any] = {"issue": {"category": issue.category, "village": issue.village, "location": issue.location,
                                      "urgent": issue.urgent, "summary": issue.summary},
                            "note": {**note.to_dict(), "place": note.place}, "inbox_id": ctx.inbox_id}
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, QuestionKind.VISIT_PROBLEM,
                                      data, ctx.now, ctx.now + QUESTION_TTL)
    what = TYPE_LABELS.get(note.type, "工作")
    ctx.reply(f"这条{what}记录提到了需要处理的问题：\n{issue.summary[:80]}\n"
              "回复“登记事件”作为网格事件登记办理（按时限督办）；回复“只记录”仅保存为工作记录。")


@router.on_answer(QuestionKind.VISIT_PROBLEM)
async def on_choice(ctx: VisitContext) -> bool:
    """登记事件 logs the issue, 只记录 shows the work-record card, 取消 keeps neither; anything else is a new topic."""
    assert ctx.question is not None
    said = ctx.args.strip().rstrip("。！!")
    data = ctx.question.data
    if not (_AS_ISSUE.match(said) or _AS_RECORD.match(said) or _CANCEL.match(said)):
        return False
    await ctx.store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
    if _CANCEL.match(said):
        ctx.reply("好的，这条没有登记。")
    elif _AS_ISSUE.match(said):
        await log_issue(ctx, await ctx.directory(), IssueBlock(**data["issue"]))
    else:
        note = dict(data["note"])
        note["date"] = dt.date.fromisoformat(note["date"])
        await show_note(ctx, LogBlock(**note), data["inbox_id"])
    return True
