"""The life of a 书记项目 / 领办事项 in chat (DESIGN.md, "Project lifecycle"): 点题·领题, 申报 with an 实施方案,
审核 (退回 with comments or 通过 with a weight), 里程碑, 督导 and 整改, 申请验收 and 镇级验收, 示范点."""
from __future__ import annotations

import dataclasses
import re

from handlers.callbacks import ProjectButton
from handlers.directory import Directory
from handlers.parse.plan import plan_parts
from handlers.parse.project import project_action
from handlers.parse.record import ParsedMessage, ProjectBlock
from handlers.project_refs import ProjectState
from handlers.projects.access import county_cadre
from handlers.projects.common import is_other_business, said_projects
from handlers.projects.declare import claim, county_menu, declare, on_draft_answer, revise
from handlers.projects.progress import inspect, milestone_done, request_acceptance
from handlers.projects.queries import router
from handlers.projects.resolve import named
from handlers.projects.review import FITS, publish_topics, review, take
from handlers.projects.store import ProjectsContext
from handlers.questions import QuestionKind, answer_of
from handlers.roles import Unit
from handlers.step_order import TextStep

__all__ = ["router"]

_STEPS = {"claim": claim, "declare": declare, "revise": revise, "topics": publish_topics, "approve": review,
          "return": review, "accept": review, "showcase": review, "milestone_done": milestone_done,
          "inspect": inspect, "request_acceptance": request_acceptance}
_ROLES = ("township_leader", "secretary", "supervisor")  # one of each group the reader tells apart
_INSPECTS = re.compile(r"\s*(?:督导|督查)")
_RETURN_WORDS = re.compile(r"退回|修改|补充|完善|明确|细化|调整|不通过|不同意|重新|不全|不够|缺少|请")
_YES = ("通过", "同意", "审核通过", "验收通过", "同意验收", "可以")


@router.on_text(TextStep.PROJECT)
async def on_message(ctx: ProjectsContext) -> bool:
    """A lifecycle step said in words (also by someone whose role does not take it: refused, not re-read as
    something else); False for anything else."""
    parsed, directory = await ctx.parsed(), await ctx.directory()
    block = parsed.project if parsed.kind == "project" else None
    if block is None and parsed.kind != "task_update":
        block = await _as_said_by_another_role(ctx, directory, parsed)
    if block is None or block.action not in _STEPS or not await _about_a_project(ctx, directory, block):
        return False
    await _STEPS[block.action](ctx, directory, block)
    return True


async def _about_a_project(ctx: ProjectsContext, directory: Directory, block: ProjectBlock) -> bool:
    """False for words that name no project and mean something else here: a bare "验收通过" while a task awaits
    the sender's verification, "选择2号" with no topic menu this year."""
    if block.action == "claim":
        menu = Unit(township_id=ctx.person.township_id)
        return bool(await ctx.store.projects.topics(menu, directory.local(ctx.now).year)
                    or await county_menu(ctx, directory))
    if block.action not in FITS or block.project is not None or await said_projects(ctx):
        return True
    if any(t.status == "done" for t in await ctx.store.tasks.open_handed_off(ctx.person.id)):
        return False
    return any(p.status in FITS[block.action] for p in await ctx.store.projects.of_township(ctx.person.township_id))


async def _as_said_by_another_role(ctx: ProjectsContext, directory: Directory,
                                   parsed: ParsedMessage) -> ProjectBlock | None:
    """The step the words take in the role that takes it ("方案通过" from a secretary is a review): the step then
    refuses it, naming who may, or (a leader inspecting) takes it. What the sender's own role reads as a report
    with a figure or a hand-off to someone stays that, unless it is a plan or a review of a project awaiting one."""
    me = directory.as_registry_person(ctx.person)
    for role in _ROLES:
        if role == me.role or project_action(ctx.args, role) is None:
            continue
        block = directory.parser.parse(ctx.args, dataclasses.replace(me, role=role), ctx.now).project
        if block is None or await _reads_as_own(ctx, parsed, block):
            return None
        return block
    return None


async def _reads_as_own(ctx: ProjectsContext, parsed: ParsedMessage, block: ProjectBlock) -> bool:
    if parsed.kind == "issue" and parsed.issue is not None:
        # "巡查发现路灯坏了" is an issue, not an inspection refused. A 实施方案 is not one, nor a step on a registered
        # project that opens with 督导 or names no problem of any kind ("申请验收：白茶产业园已完工").
        plan = block.action in ("declare", "revise") and bool(plan_parts(ctx.args))
        step = block.project is not None and (parsed.issue.category == "other" or _INSPECTS.match(ctx.args) is not None)
        return not (plan or step)
    if parsed.kind == "report" and parsed.report is not None and parsed.report.progress is not None:
        if block.action not in FITS:
            return True
        waiting = [p for p in await ctx.store.projects.of_township(ctx.person.township_id)
                   if p.status in FITS[block.action] and named(ctx.args, p.title) == 100.0]
        return not waiting
    if parsed.kind == "handoff" and parsed.handoff is not None and parsed.handoff.assignees:
        return not (block.action in ("declare", "revise") and plan_parts(ctx.args))  # a plan is not a hand-off
    return False


@router.on_button(ProjectButton)
async def on_button(ctx: ProjectsContext, button: ProjectButton) -> bool:
    """通过 / 退回 / 验收通过 pressed on a project's card."""
    project = await ctx.store.projects.get(button.project_id)
    if project is None or not _within_reach(ctx, project):
        return False
    await take(ctx, await ctx.directory(), project, button.action, None)
    return True


@router.on_reply(ProjectButton)
async def on_reply(ctx: ProjectsContext, button: ProjectButton) -> bool:
    """A reply to a project's card: "通过" approves (or accepts); other words are the comment it is returned with."""
    project = await ctx.store.projects.get(button.project_id)
    if project is None or not _within_reach(ctx, project):
        return False
    directory, text = await ctx.directory(), ctx.args.strip().rstrip("。！!")
    block = (await ctx.parsed()).project
    if block is not None and block.action in ("approve", "return", "accept", "showcase"):
        await take(ctx, directory, project, block.action, block.note, block.weight)
    elif text in _YES:
        await take(ctx, directory, project, "accept" if project.status == "acceptance_requested" else "approve", None)
    elif _RETURN_WORDS.search(text):
        await take(ctx, directory, project, "return", text)
    else:
        ctx.reply(f"对“{project.title}”：回复“通过”，或写明退回意见（如“请补充资金来源”）。")
    return True


def _within_reach(ctx: ProjectsContext, project: ProjectState) -> bool:
    """A card of the sender's township, or (a county cadre's) of a town's own project in their county."""
    if project.township_id == ctx.person.township_id:
        return True
    same_county = project.county_id is not None and project.county_id == ctx.person.county_id
    return project.town_level and same_county and county_cadre(ctx.person)


@router.on_answer(QuestionKind.PROJECT_COMMENT)
async def on_comment(ctx: ProjectsContext) -> bool:
    """The comment a plan or an acceptance is returned with, after 退回 was pressed."""
    question = ctx.question
    assert question is not None
    await ctx.store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
    if is_other_business(await ctx.parsed()):
        return False  # a hand-off or a task step meanwhile is that, not the comment
    if answer_of(ctx.args) is False:
        ctx.reply("已取消退回。")
        return True
    project = await ctx.store.projects.get(int(question.data["project_id"]))
    if project is None:
        return False
    await take(ctx, await ctx.directory(), project, "return", ctx.args.strip())
    return True


@router.on_answer(QuestionKind.PROJECT_DRAFT)
async def on_draft(ctx: ProjectsContext) -> bool:
    """More of a declaration's plan: the deadline or a dated step it was asked for."""
    question = ctx.question
    assert question is not None
    return await on_draft_answer(ctx, await ctx.directory(), question.data)
