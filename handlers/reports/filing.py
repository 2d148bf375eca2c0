"""Filing a report read from a message: who may, which village and project(s), stored with a card back."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from handlers.directory import Directory
from handlers.parse import ParsedMessage, ReportBlock, default_period, idle_remark, month_mentions, period_of
from handlers.parse.split import project_parts
from handlers.project_refs import MilestoneRef
from handlers.projects.access import acts_for_town
from handlers.projects.resolve import named, reached
from handlers.quarters import month_end
from handlers.questions import QUESTION_TTL, QuestionKind
from handlers.refs import ProjectRef, ReportFields, ReportView
from handlers.reports.cards import project_choices, report_cards, village_choices
from handlers.reports.corrections import foreign_project
from handlers.reports.store import ReportsContext
from handlers.roles import READERS, REPORTERS

REPORTER_ROLES = REPORTERS
CARD = QuestionKind.REPORT_CARD


def is_late(period: str, local_now: dt.datetime) -> bool:
    """A month's report is due by the end of its last day; anything after is accepted and marked late."""
    return local_now.date() > month_end(period)


def collecting_period(directory: Directory, now: dt.datetime) -> str:
    """The month the bot is collecting reports for now (days 1–5: the month just ended)."""
    year, month = default_period(directory.local(now).date())
    return f"{year:04d}-{month:02d}"


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


def names(people: tuple[Any, ...]) -> str:
    """'王建国、江涛', or the role when nobody is registered."""
    return "、".join(p.name for p in people) or "村书记或包村干部"


async def ask(ctx: ReportsContext, kind: QuestionKind, data: dict[str, Any], text: str, buttons: Any) -> None:
    """Open a question to the sender in this chat and ask it."""
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, kind, data, ctx.now,
                                      ctx.now + QUESTION_TTL)
    ctx.reply(text, buttons)


def open_card_ids(ctx: ReportsContext) -> list[int]:
    """Reports whose cards are open in this chat: of a card question, or kept under another question."""
    question = ctx.question
    if question is None:
        return []
    data = question.data
    ids = data.get("report_ids") or ([data["report_id"]] if "report_id" in data else data.get("cards", []))
    return [int(i) for i in ids]


async def _earlier_drafts(ctx: ReportsContext, views: list[ReportView]) -> list[ReportView]:
    """Cards still awaiting confirmation from the question this one replaces: they stay open, not forgotten."""
    shown = {v.id for v in views}
    earlier = [i for i in open_card_ids(ctx) if i not in shown]
    found = [await ctx.store.reports.get(i) for i in earlier]
    return [v for v in found if v is not None and v.status != "confirmed"]


async def open_cards(ctx: ReportsContext, directory: Directory, views: list[ReportView]) -> None:
    """Show the cards of reports just filed and wait for their confirmation or correction."""
    earlier = await _earlier_drafts(ctx, views)
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, CARD,
                                      {"report_ids": [v.id for v in earlier + views],
                                       "latest": [v.id for v in views], "at": ctx.now.isoformat()},
                                      ctx.now, ctx.now + QUESTION_TTL)
    text, buttons = report_cards(views, collecting_period(directory, ctx.now))
    steps = [m.title for v in views for m in await milestones_reached(ctx, v)]
    if steps:
        text += f"\n确认后将同时记录里程碑完成：{'、'.join(steps)}。"
    if earlier:
        titles = "、".join(f"{v.project_title}（{int(v.period[5:])}月）" for v in earlier)
        text += f"\n另有 {len(earlier)} 份月报还没确认：{titles}；回复“确认”将一并确认。"
    ctx.reply(text, buttons, in_place=ctx.msg.action is not None)  # a pressed choice becomes the card


async def milestones_reached(ctx: ReportsContext, view: ReportView) -> list[MilestoneRef]:
    """The open milestones of a report's project that its 已完成 text says were reached."""
    if not view.fields.done or view.project_id not in (await ctx.directory()).with_milestones:
        return []
    return reached(view.fields.done, await ctx.store.projects.open_milestones(view.project_id))


async def save_report(ctx: ReportsContext, directory: Directory, project: ProjectRef, period: str,
                      fields: ReportFields, raw_text: str) -> ReportView:
    """Save (or amend) one report and attach what came with the message."""
    store = ctx.store
    view = await store.reports.save(project, period, fields, late=is_late(period, directory.local(ctx.now)),
                                    author_id=ctx.person.id, inbox_id=ctx.inbox_id, raw_text=raw_text, now=ctx.now)
    if ctx.msg.attachments:
        await store.reports.add_evidence(view.id, ctx.msg.platform, ctx.msg.attachments, author_id=ctx.person.id,
                                         inbox_id=ctx.inbox_id, now=ctx.now)
        view = await store.reports.get(view.id) or view
    return view


async def store_report(ctx: ReportsContext, directory: Directory, project: ProjectRef, period: str,
                       fields: ReportFields, raw_text: str) -> ReportView:
    """Save (or amend) the report, attach what came with it, open its card."""
    view = await save_report(ctx, directory, project, period, fields, raw_text)
    await open_cards(ctx, directory, [view])
    return view


def refuse_other_village(ctx: ReportsContext, directory: Directory, village: str | None,
                         title: str | None = None) -> None:
    """Say whose report it is; nothing is filed."""
    own = "、".join(ctx.person.villages_for(REPORTER_ROLES)) or ctx.person.reporting_village
    if village is None:  # a township's own project: reported by the township's leaders and admins
        mine = f"您只能报送或更正本村（{own}）的月报，" if own else ""
        ctx.reply(f"抱歉，{title or '该项目'}是{ctx.person.township}的乡镇党委书记项目，{mine}"
                  "其月度进展由镇领导或镇党建办报送。")
        return
    what = f"{title}是{village}的项目，" if title else ""
    ctx.reply(f"抱歉，{what}您只能报送或更正本村（{own}）的月报。"
              f"{village}的项目请由{names(directory.reporters_of(village))}报送。")


async def _file_parts(ctx: ReportsContext, directory: Directory, parsed: ParsedMessage, village: str) -> bool:
    """One card per project when the message has numbered parts about different projects."""
    parts = project_parts(ctx.args, village, directory.parser.index)
    if not parts:
        return False
    whole_period = parsed.report.period if parsed.report else None
    views = []
    for part in parts:
        piece = directory.parser.parse(part.text, directory.as_registry_person(ctx.person), ctx.now).report
        project = directory.project(part.project.id)
        if piece is None or project is None:
            return False
        today = directory.local(ctx.now).date()
        period = piece.period if month_mentions(part.text, today) else (whole_period or period_of(part.head, today))
        views.append(await save_report(ctx, directory, project, period, fields_of(piece), ctx.args))
    await open_cards(ctx, directory, views)
    return True


def idle_reason(directory: Directory, block: ReportBlock, text: str) -> str | None:
    """The reason given when a report with no project says only that nothing moved (None: it says more)."""
    if block.project or block.progress is not None or block.amounts or block.problems or block.village is None:
        return None
    village = directory.registry.village(block.village)
    return idle_remark(text, (village.name, *village.aliases) if village else ())


async def _file_idle(ctx: ReportsContext, directory: Directory, block: ReportBlock, village: str) -> bool:
    """"本月暂无进展", "这个月没啥可报的": the month's report of every project of the village not yet reported."""
    reason = idle_reason(directory, dataclasses.replace(block, village=village), ctx.args)
    if reason is None:
        return False
    reported = {r.project_id for r in await ctx.store.reports.for_period(ctx.person.township_id, block.period)}
    open_ = [p for p in directory.projects_of(village) if p.id not in reported]
    if not open_:
        return False  # every project has its report: which one this corrects is asked as usual
    fields = ReportFields(None, "无新进展" + (f"，{reason}" if reason else ""), None, None, ())
    views = [await save_report(ctx, directory, p, block.period, fields, ctx.args) for p in open_]
    await open_cards(ctx, directory, views)
    return True


async def nothing_to_report(ctx: ReportsContext, directory: Directory) -> bool:
    """A reporter's "这个月没啥可报的": the month's report of the projects not yet reported, or a word that all are."""
    village = ctx.person.reporting_village
    if ctx.person.role not in REPORTER_ROLES or village is None or not directory.projects_of(village):
        return False
    block = ReportBlock(None, village, period_of(ctx.args, directory.local(ctx.now)), None, None, None, None)
    if idle_reason(directory, block, ctx.args) is None:
        return False
    if not await _file_idle(ctx, directory, block, village):
        ctx.reply(f"好的。{village}{int(block.period[5:])}月的项目都已报送，无需再报。")
    return True


async def _under_review(ctx: ReportsContext, directory: Directory, village: str, project: ProjectRef | None) -> bool:
    """A report naming a project not yet approved: said so, never filed on the village's approved one."""
    waiting = [p for p in directory.under_review if p.village == village and named(ctx.args, p.title) == 100.0]
    if not waiting or (project is not None and named(ctx.args, project.title) == 100.0):
        return False
    state = await ctx.store.projects.get(waiting[0].id)
    ctx.reply(f"“{waiting[0].title}”目前{state.label if state else '待审核'}，审核通过后再报送进度。")
    return True


async def file_report(ctx: ReportsContext, directory: Directory, parsed: ParsedMessage) -> None:
    """Handle a message the parser read as a report."""
    block, person = parsed.report, ctx.person
    assert block is not None
    town = directory.town_project(block.project) if block.project else None
    if town is not None:  # the township's own project: its leaders and admins report, as a secretary does
        if not acts_for_town(person):
            refuse_other_village(ctx, directory, None, town.title)
            return
        await store_report(ctx, directory, town, block.period, fields_of(block), ctx.args)
        return
    if person.role not in REPORTER_ROLES:
        named = directory.project_by_title(block.project) if block.project else None
        village = block.village or (named.village if named else None) or person.village
        whose = f"（{village}：{names(directory.reporters_of(village))}）" if village else ""
        then = ("各村报送情况可发“未报”或“台账”查看。" if person.may(READERS)
                else "您反映的情况如需处理，可以直接描述问题。")
        ctx.reply(f"抱歉，项目进展由村书记或包村干部报送{whose}。{then}")
        return
    village = block.village or person.reporting_village
    held = person.villages_for(REPORTER_ROLES)  # none: a contact official for the whole township
    if village is None:
        names_ = list(held) or [v.name for v in directory.registry.villages]
        await ask(ctx, QuestionKind.CHOOSE_VILLAGE, {"text": ctx.args, "options": names_}, *village_choices(names_))
        return
    if held and village not in held:
        refuse_other_village(ctx, directory, village)
        return
    if (other := foreign_project(ctx.args, village, directory.parser.index)) is not None:
        # Named by its title while the village has one project: never filed as that one project's report.
        refuse_other_village(ctx, directory, other.village, other.title)
        return
    project = directory.project_by_title(block.project) if block.project else None
    if await _under_review(ctx, directory, village, project):
        return
    if project is None:
        if await _file_parts(ctx, directory, parsed, village) or await _file_idle(ctx, directory, block, village):
            return
        options = directory.projects_of(village)
        if not options:
            ctx.reply(f"{village}还没有登记项目，请联系镇党建办在名册中添加。")
            return
        if len(options) == 1:  # "项目进展不大，下月加快推进": the village has one project; never ask which
            await store_report(ctx, directory, options[0], block.period, fields_of(block), ctx.args)
            return
        pending = {**pending_of(block, ctx.args), "options": [p.code for p in options], "cards": open_card_ids(ctx)}
        await ask(ctx, QuestionKind.CHOOSE_PROJECT, pending, *project_choices(village, options))
        return
    if await _file_parts(ctx, directory, parsed, village):
        return
    await store_report(ctx, directory, project, block.period, fields_of(block), ctx.args)
