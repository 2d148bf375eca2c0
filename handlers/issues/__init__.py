"""Grid issues (网格事件): logged from the field, followed to closure within their time limits."""
from __future__ import annotations

import re

from handlers.context import Context
from handlers.directory import Directory
from handlers.issues.intake import correct, log_issue
from handlers.issues.lifecycle import action_of, apply
from handlers.issues.queries import router
from handlers.parse import ParsedMessage

__all__ = ["continue_issue", "on_new_issue", "on_step", "router"]

_REF = re.compile(r"(?:#\s*[Ee]|[Ee]|事件\s*#?\s*[Ee]?)\s*(?P<n>\d+)")
LOGGERS = ("grid_worker", "secretary", "contact_official", "township_leader", "admin")


async def continue_issue(ctx: Context, directory: Directory) -> bool:
    """A correction of the issue this sender just logged, if the text is one."""
    if ctx.question is None or ctx.question.kind != "issue_card":
        return False
    issue = await ctx.store.issues.get(int(ctx.question.data["issue_id"]))
    return issue is not None and await correct(ctx, directory, issue)


async def on_step(ctx: Context, directory: Directory) -> bool:
    """A step on a numbered issue ("#E37 受理"); False when the message is not one."""
    text = ctx.args.strip()
    if (ref := _REF.match(text)) and (action := action_of(text)):
        issue = await ctx.store.issues.by_number(ctx.person.township_id, int(ref["n"]))
        if issue is None:
            ctx.reply(f"没有找到事件 #E{ref['n']}。发送“事件”查看未办结的事件。")
            return True
        note = re.sub(r"^[\s,，:：。、]+", "", text[ref.end():])
        note = re.sub(r"^(?:已经?)?(?:受理|处置|办结|回访|重新打开|重开)(?:了)?[\s,，:：。、]*", "", note) or None
        await apply(ctx, directory, issue, action, note)
        return True
    return False


async def on_new_issue(ctx: Context, directory: Directory, parsed: ParsedMessage) -> bool:
    """Log the message as a new issue if the parser read one; False otherwise."""
    if parsed.kind == "issue" and parsed.issue is not None and ctx.person.role in LOGGERS:
        await log_issue(ctx, directory, parsed.issue)
        return True
    return False
