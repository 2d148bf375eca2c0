"""An issue's steps (DESIGN.md): 上报 → 受理 → 处置 → 办结 → 回访; 重新打开 with a reason.

The village's secretary or contact official (or a township leader or admin) accepts, handles,
resolves and closes; grid workers handle and resolve issues in their own grids or that they reported;
nobody touches another village's issue (who reaches what: handlers.issues.access).
"""
from __future__ import annotations

import re

from handlers.directory import Directory
from handlers.issues.access import refusal
from handlers.issues.cards import STATUS
from handlers.issues.intake import pass_on, people_to_tell
from handlers.issues.store import IssuesContext
from handlers.refs import IssueRef

ACTIONS = (("reopened", re.compile(r"重新打开|重开|未解决|没解决|反弹")),
           ("closed", re.compile(r"回访|群众满意|已回访")),
           ("resolved", re.compile(r"已?办结|已解决|已处理完|处理完毕|已完成")),
           ("in_progress", re.compile(r"处置|正在处理|已到现场|在处理|处理中")),
           ("accepted", re.compile(r"受理|收到|签收")))
ALLOWED_FROM = {"accepted": ("reported",), "in_progress": ("reported", "accepted"),
                "resolved": ("reported", "accepted", "in_progress"), "closed": ("resolved",),
                "reopened": ("resolved", "closed")}


def action_of(text: str) -> str | None:
    """The step a message names first ("已办结，等待回访" is 办结), or None."""
    found = [(m.start(), name) for name, pattern in ACTIONS if (m := pattern.search(text))]
    return min(found)[1] if found else None


async def apply(ctx: IssuesContext, directory: Directory, issue: IssueRef, action: str, note: str | None) -> None:
    """Carry out one step if the sender may and the issue's state allows."""
    if (why := refusal(ctx.person, issue, action)) is not None:
        ctx.reply(why)
        return
    if issue.status not in ALLOWED_FROM[action]:
        ctx.reply(f"事件 #E{issue.number} 目前{STATUS.get(issue.status, issue.status)}，不能{_WORD[action]}。")
        return
    if action == "reopened" and not note:
        ctx.reply(f"请说明重新打开事件 #E{issue.number} 的原因。")
        return
    fields: dict[str, object] = {"status": "in_progress" if action == "reopened" else action}
    if action == "resolved":
        fields["resolved_at"] = ctx.now
    if action == "closed":
        fields["closed_at"] = ctx.now
    if action == "reopened":
        fields.update(resolved_at=None, closed_at=None)
    data = {"attachments": [a.file_id for a in ctx.msg.attachments if a.file_id]} if ctx.msg.attachments else {}
    issue = await ctx.store.issues.change(issue.id, action, actor_id=ctx.person.id, now=ctx.now,
                                          inbox_id=ctx.inbox_id, note=note, data=data, **fields)
    ctx.reply(f"事件 #E{issue.number} 已{_WORD[action]}。" + (f"（{note}）" if note else ""))
    local = directory.local(ctx.now)
    if action in ("resolved", "reopened") and issue.reporter_id not in (None, ctx.person.id):
        chats = await ctx.store.people.direct_chats(issue.reporter_id)
        pass_on(ctx, chats, issue, f"事件 #E{issue.number} 已{_WORD[action]}：{issue.summary[:30]}",
                f"issue:{issue.id}:{action}:{ctx.inbox_id}", local, alarm=action == "reopened")
    if action == "reopened":
        pass_on(ctx, await people_to_tell(ctx, directory, issue), issue, f"↩️ 事件 #E{issue.number} 重新打开：{note}",
                f"issue:{issue.id}:reopened:{ctx.inbox_id}", local)


_WORD = {"accepted": "受理", "in_progress": "处置", "resolved": "办结", "closed": "回访办结", "reopened": "重新打开"}
