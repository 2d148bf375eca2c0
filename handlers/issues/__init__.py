"""Grid issues (网格事件): logged from the field, followed to closure within their time limits."""
from __future__ import annotations

import re

from handlers.issues import visit
from handlers.issues.access import refusal
from handlers.issues.intake import correct, log_issue
from handlers.issues.lifecycle import action_of, apply
from handlers.issues.queries import router
from handlers.issues.store import IssuesContext
from handlers.questions import QuestionKind
from handlers.roles import LEADERS, SUPERVISOR
from handlers.step_order import TextStep

__all__ = ["continue_issue", "on_new_issue", "on_step", "router"]

_REF = re.compile(r"(?:#\s*[Ee]|[Ee]|事件\s*#?\s*[Ee]?)\s*(?P<n>\d+)")
LOGGERS = ("grid_worker", "secretary", "contact_official", *LEADERS)


@router.on_answer(QuestionKind.ISSUE_CARD)
async def continue_issue(ctx: IssuesContext) -> bool:
    """A correction of the issue this sender just logged, if the text is one."""
    # "#E9 …" is about #E9 (on_step), even while another issue's card is open.
    if ctx.question is None or _REF.match(ctx.args.strip()):
        return False
    issue = await ctx.store.issues.get(int(ctx.question.data["issue_id"]))
    return issue is not None and await correct(ctx, await ctx.directory(), issue, ctx.args)


@router.on_text(TextStep.ISSUE_STEP)
async def on_step(ctx: IssuesContext) -> bool:
    """A message about a numbered issue ("#E37 受理", "#E37 类别改为矛盾纠纷"); False when it names none.

    Whatever else it says, it is about that issue: it is never logged as a new one.
    """
    text = ctx.args.strip()
    if (ref := _REF.match(text)) is None:
        return False
    issue = await ctx.store.issues.by_number(ctx.person.township_id, int(ref["n"]))
    if issue is None:
        ctx.reply(f"没有找到事件 #E{ref['n']}。发送“事件”查看未办结的事件。")
        return True
    rest, directory = re.sub(r"^[\s,，:：。、]+", "", text[ref.end():]), await ctx.directory()
    if action := action_of(rest):
        note = re.sub(r"^(?:已经?)?(?:受理|处置|办结|回访|重新打开|重开)(?:了)?[\s,，:：。、]*", "", rest) or None
        await apply(ctx, directory, issue, action, note)
    elif not await correct(ctx, directory, issue, rest):
        ctx.reply(refusal(ctx.person, issue) or _hint(issue.number))
    return True


def _hint(n: int) -> str:
    return f"没有看懂对事件 #E{n} 的操作。可以回复“#E{n} 受理”“#E{n} 已办结”，或更正如“#E{n} 类别改为矛盾纠纷”。"


@router.on_text(TextStep.NEW_ISSUE)
async def on_new_issue(ctx: visit.VisitContext) -> bool:
    """Log the message as a new issue if the parser read one; False otherwise."""
    parsed = await ctx.parsed()
    if parsed.kind != "issue" or parsed.issue is None:
        return False
    if ctx.person.role == SUPERVISOR:
        ctx.reply("抱歉，督导人员不登记网格事件。发现的问题请告知所在村或镇党建办登记办理。")
        return True
    if ctx.person.role in LOGGERS:
        if parsed.log is not None and visit.asks(parsed.issue, parsed.log):  # a note of work: ask first
            await visit.ask(ctx, parsed.issue, parsed.log)
            return True
        await log_issue(ctx, await ctx.directory(), parsed.issue)
        return True
    return False
