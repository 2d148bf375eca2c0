"""Filing a report read from a message: who may, which village and project, stored with a card back."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from handlers.context import Context
from handlers.directory import Directory
from handlers.parse import ParsedMessage, ReportBlock
from handlers.ports import ProjectRef, ReportFields, ReportView
from handlers.quarters import month_end
from handlers.reports.cards import project_choices, report_card, village_choices
from handlers.roles import REPORTERS

REPORTER_ROLES = REPORTERS
QUESTION_TTL = dt.timedelta(days=2)


def is_late(period: str, local_now: dt.datetime) -> bool:
    """A month's report is due by the end of its last day; anything after is accepted and marked late."""
    return local_now.date() > month_end(period)


def fields_of(block: ReportBlock) -> ReportFields:
    """The storable content of a parsed report."""
    return ReportFields(block.progress, block.done, block.problems, block.next_plan,
                        tuple(a.to_dict() for a in block.amounts))


def pending_of(block: ReportBlock, text: str) -> dict[str, Any]:
    """A parsed report kept in a conversation while the bot asks a question about it."""
    return {"period": block.period, "fields": dataclasses.asdict(fields_of(block)), "text": text}


def looks_like_project_report(parsed: ParsedMessage) -> bool:
    """A report naming a project and saying how far it got: not chatter that happens to parse as one."""
    block = parsed.report
    return (parsed.kind == "report" and block is not None and block.project is not None
            and (block.progress is not None or block.done is not None))


def _names(people: tuple[Any, ...]) -> str:
    return "、".join(p.name for p in people) or "村书记或包村干部"


async def ask(ctx: Context, kind: str, data: dict[str, Any], text: str, buttons: Any) -> None:
    """Open a question to the sender in this chat and ask it."""
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, kind, data, ctx.now,
                                      ctx.now + QUESTION_TTL)
    ctx.reply(text, buttons)


async def store_report(ctx: Context, directory: Directory, project: ProjectRef, period: str,
                       fields: ReportFields, raw_text: str) -> ReportView:
    """Save (or amend) the report, attach what came with it, open its card."""
    store = ctx.store
    view = await store.reports.save(project, period, fields, late=is_late(period, directory.local(ctx.now)),
                                    author_id=ctx.person.id, inbox_id=ctx.inbox_id, raw_text=raw_text, now=ctx.now)
    if ctx.msg.attachments:
        await store.reports.add_evidence(view.id, ctx.msg.platform, ctx.msg.attachments, author_id=ctx.person.id,
                                         inbox_id=ctx.inbox_id, now=ctx.now)
        view = await store.reports.get(view.id) or view
    await store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, "report_card",
                                  {"report_id": view.id, "at": ctx.now.isoformat()}, ctx.now, ctx.now + QUESTION_TTL)
    ctx.reply(*report_card(view), in_place=ctx.msg.action is not None)  # a pressed choice becomes the card
    return view


async def file_report(ctx: Context, directory: Directory, parsed: ParsedMessage) -> None:
    """Handle a message the parser read as a report."""
    block, person = parsed.report, ctx.person
    assert block is not None
    if person.role not in REPORTER_ROLES:
        village = block.village or person.village
        who = _names(directory.reporters_of(village)) if village else "各村书记或包村干部"
        ctx.reply(f"抱歉，项目进展由村书记或包村干部报送（{village or '各村'}：{who}）。"
                  "您反映的情况如需处理，可以直接描述问题。")
        return
    village = block.village or person.reporting_village
    if village is None:
        names = [v.name for v in directory.registry.villages]
        await ask(ctx, "choose_village", {"text": ctx.args, "options": names}, *village_choices(names))
        return
    if person.village is not None and village != person.village:
        ctx.reply(f"抱歉，您只能报送本村（{person.village}）的项目进展。"
                  f"{village}的项目请由{_names(directory.reporters_of(village))}报送。")
        return
    project = directory.project_by_title(block.project) if block.project else None
    if project is None:
        options = directory.projects_of(village)
        if not options:
            ctx.reply(f"{village}还没有登记项目，请联系镇党建办在名册中添加。")
            return
        await ask(ctx, "choose_project", {**pending_of(block, ctx.args), "options": [p.code for p in options]},
                  *project_choices(village, options))
        return
    await store_report(ctx, directory, project, block.period, fields_of(block), ctx.args)
