"""An owner's side of a plan — a village's secretary, or for a township's own project (乡镇党委书记项目) its leaders and
admins: 领题 from the topic menu (the township's, or the county's), 申报 with an 实施方案 (at most two short questions
for what is missing), and 修改方案 after a return — each version kept."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from handlers.directory import Directory
from handlers.parse.record import ProjectBlock
from handlers.project_refs import NewProject
from handlers.projects.access import acts_for_town, refusal
from handlers.projects.cards import card, review_buttons
from handlers.projects.common import choose, is_other_business, own_projects, plan_of, refused, reviewers, tell
from handlers.projects.store import ProjectsContext
from handlers.projects.weights import difficulty_of
from handlers.questions import QUESTION_TTL, QuestionKind, answer_of
from handlers.roles import REPORTERS, Unit

MAX_QUESTIONS = 2
# Declared as a 领办事项 in so many words ("党支部领办合作社" in a 书记项目's plan is not one).
_LED = re.compile(r"(?:申报|报)(?:一个|一项)?(?:书记)?领办事项|领办事项(?:申报|是|为|[：:])")
# A township's own project, declared in so many words (or claimed from the county's menu).
_TOWN = re.compile(r"(?:乡镇|镇)党委书记项目|非均衡发展项目|(?:乡镇|镇)级项目")
_CATEGORY = re.compile(r"(?:类别|类型|项目类别)\s*[:：为是]\s*([^，,。；;\s]{2,20})")


def _category(text: str) -> str | None:
    """The category a plan states ("类别：村集体经济"); a claimed topic's title stands in for one otherwise."""
    found = _CATEGORY.search(text)
    return found.group(1) if found else None


def _missing(block: ProjectBlock, title: str | None) -> list[str]:
    wanted = [] if title else ["项目名称"]
    if block.deadline is None:
        wanted.append("完成时限")
    if not any(m.due for m in block.milestones):
        wanted.append("至少一个带日期的步骤（如“5月底前建成大棚”）")
    return wanted


async def county_menu(ctx: ProjectsContext, directory: Directory) -> Unit | None:
    """The sender's county, when it published a menu for its towns this year."""
    county = ctx.person.county_id
    if county is None:
        return None
    year = directory.local(ctx.now).year
    return Unit(county) if await ctx.store.projects.topics(Unit(county), year) else None


async def claim(ctx: ProjectsContext, directory: Directory, block: ProjectBlock) -> None:
    """"领第2个": hold the topic and ask for the plan. A township's leader or admin claims from the county's menu;
    with only the county's menu this year, anyone else is told who claims from it."""
    year = directory.local(ctx.now).year
    county = await county_menu(ctx, directory)
    own = Unit(township_id=ctx.person.township_id)
    town = county is not None and (acts_for_town(ctx.person) or not await ctx.store.projects.topics(own, year))
    if await refused(ctx, "claim", town=town):
        return
    topics = await ctx.store.projects.topics(county if town and county else own, year)
    topic = next((t for t in topics if t.number == block.topic or (block.title and t.title == block.title)), None)
    if topic is None:
        shown = "；".join(f"{t.number}. {t.title}" for t in topics) or "还没有发布选题"
        ctx.reply(f"没有找到这个选题。{year}年选题：{shown}。")
        return
    # What they send next is the plan of this topic: read as a declaration, stored as they wrote it.
    draft: dict[str, Any] = {"cue": "申报乡镇党委书记项目。" if town else "申报书记项目。", "said": [],
                             "topic_id": topic.id, "title": topic.title, "topic": topic.title, "asked": 0}
    await _ask(ctx, draft, f"已认领第{topic.number}个选题“{topic.title}”。请发送实施方案：目标任务、实施步骤（每步写明"
                           "时间）、推进措施和完成时限。")


async def declare(ctx: ProjectsContext, directory: Directory, block: ProjectBlock,
                  draft: dict[str, Any] | None = None) -> None:
    """File a declaration as 待审核, or ask (at most twice) for the deadline and a dated step it lacks."""
    draft = draft or {"cue": "", "said": [ctx.args], "asked": 0}
    # Only the declaration's head says its level ("申报乡镇党委书记项目：…"): a village's plan may well mention
    # the town's project it supports.
    head = draft["cue"] or re.split(r"[：:。\n]", draft["said"][0] if draft["said"] else "", maxsplit=1)[0]
    town = _TOWN.search(head) is not None
    if town and not acts_for_town(ctx.person):
        ctx.reply(refusal(ctx.person, "declare", town=True) or "")
        return
    if await refused(ctx, "declare", town=town):
        return
    held = ctx.person.villages_for(REPORTERS)
    if not town and held and block.village and block.village not in held:
        ctx.reply(f"抱歉，您只能申报本村（{'、'.join(held)}）的项目，{block.village}的项目由该村村书记或包村干部申报。")
        return
    village = None if town else block.village or ctx.person.reporting_village or (held[0] if held else None)
    if not town and (village is None or village not in directory.village_ids):
        ctx.reply("请说明是哪个村的项目，例如“千佛塔村申报书记项目：……”。")
        return
    title = block.title or draft.get("title")
    missing = _missing(block, title)
    if missing and draft["asked"] < MAX_QUESTIONS:
        await _ask(ctx, {**draft, "asked": draft["asked"] + 1},
                   f"已收到{title or '项目'}的申报。还需要：{'、'.join(missing)}。请直接回复补充。")
        return
    await ctx.store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
    where = village or ctx.person.township
    same = [p for p in await ctx.store.projects.of_township(ctx.person.township_id)
            if p.village == village and p.title == (title or "")]
    if same:
        ctx.reply(f"{where}已有项目“{same[0].title}”（{same[0].label}）。如需修改方案，请发送“修改方案：……”。")
        return
    text = "\n".join(draft["said"])
    kind = "led_matter" if _LED.search(text) else "secretary_project"
    project_id = await ctx.store.projects.declare(
        NewProject(ctx.person.township_id, directory.village_ids[village] if village else None, ctx.person.id,
                   title or f"{where}{'乡镇党委' if town else ''}书记项目", kind, _category(text) or draft.get("topic"),
                   difficulty_of(text), draft.get("topic_id")),
        plan_of(block, text), now=ctx.now, inbox_id=ctx.inbox_id)
    project = await ctx.store.projects.get(project_id)
    assert project is not None
    to = await reviewers(ctx, project)
    unit, cadres = ("县委", "县领导或县委组织部") if town else ("镇党委", "镇领导或党建办")
    ctx.reply(card(project) + (f"\n已提交{unit}审核，审核结果会通知您。" if to else
                               f"\n已保存。名册中还没有{cadres}人员，请联系管理员登记后再审核。"))
    await tell(ctx, to,
               card(project, "项目申报待审核") + "\n请审核：通过，或退回并写明修改意见。",
               f"project:{project.id}:declare", review_buttons(project))


async def _ask(ctx: ProjectsContext, draft: dict[str, Any], text: str) -> None:
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, QuestionKind.PROJECT_DRAFT,
                                      draft, ctx.now, ctx.now + QUESTION_TTL)
    ctx.reply(text + "（回复“取消”放弃）")


async def on_draft_answer(ctx: ProjectsContext, directory: Directory, draft: dict[str, Any]) -> bool:
    """The answer to a declaration's question: the plan so far and the answer, read together."""
    if answer_of(ctx.args) is False:
        await ctx.store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
        ctx.reply("已取消这次项目申报。")
        return True
    alone = await ctx.parsed()
    if is_other_business(alone) or (alone.project is not None and alone.project.title and draft["said"]):
        # A report, an issue, a task step, another project step, or a new declaration: not this plan's answer.
        await ctx.store.conversations.clear(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id)
        return False
    said = [*draft["said"], ctx.args]
    text = draft["cue"] + "\n".join(said)
    me = directory.as_registry_person(ctx.person)
    if acts_for_town(ctx.person):  # a township's own plan reads as an owner's, as a secretary's would
        me = dataclasses.replace(me, role="secretary")
    block = directory.parser.parse(text, me, ctx.now).project
    if block is None or block.action not in ("declare", "revise"):
        return False
    if block.title is None and alone.project is not None and alone.project.title:
        block = dataclasses.replace(block, title=alone.project.title)  # after a claim: named in its own words
    await declare(ctx, directory, block, {**draft, "said": said})
    return True


async def revise(ctx: ProjectsContext, directory: Directory, block: ProjectBlock) -> None:
    """A new version of a plan under review or returned: back to 待审核, reviewers told."""
    if await refused(ctx, "revise", town=acts_for_town(ctx.person)):
        return
    candidates = await own_projects(ctx, directory, ("returned", "declared"))
    project = await choose(ctx, block, candidates, "没有待修改的项目方案。新项目请发送“申报书记项目：……”。")
    if project is None:
        return
    number = await ctx.store.projects.revise(project.id, plan_of(block, ctx.args), author_id=ctx.person.id,
                                             now=ctx.now, inbox_id=ctx.inbox_id)
    fresh = await ctx.store.projects.get(project.id)
    assert fresh is not None
    ctx.reply(card(fresh) + f"\n已保存方案第{number}版，重新提交审核。")
    await tell(ctx, await reviewers(ctx, fresh), card(fresh, f"方案第{number}版待审核"),
               f"project:{fresh.id}:revise", review_buttons(fresh))
