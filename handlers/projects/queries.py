"""Reading projects in chat: 项目 (a list by kind and status, or one project's card and history), 方案 (every
version of a plan), 选题 (the year's menu), 权重规则 (the weight rule, and an admin changing a factor)."""
from __future__ import annotations

import re

from handlers.directory import Directory
from handlers.money_flow import MoneyTotals, totals
from handlers.parse.record import ProjectBlock
from handlers.project_refs import KIND_LABELS, TOWN_LABEL, ProjectState
from handlers.projects.access import acts_for_town, county_cadre
from handlers.projects.cards import history_text, plan_text, topics_text
from handlers.projects.common import choose, reachable
from handlers.projects.store import ProjectsContext
from handlers.projects.weights import FACTORS, TIME_LIMITS, rule_lines
from handlers.roles import ADMINS, COUNTY_ROLES, LEADERS, READERS, REPORTERS, Unit
from handlers.router import Router
from handlers.summary_lifecycle import COLLECTIVE_ECONOMY

router = Router()
_RULE = re.compile(r"(类别|难度|时限)\s*(\S{1,30}?)\s*(\d+(?:\.\d+)?|默认)")
_DIFFICULTIES = ("难", "中", "易")


async def _visible(ctx: ProjectsContext, directory: Directory) -> list[ProjectState]:
    projects = await reachable(ctx, every_town=county_cadre(ctx.person))  # a county cadre: every town's own too
    if ctx.person.may(READERS):
        return projects
    mine = {directory.village_ids.get(v) for v in ctx.person.villages_for(REPORTERS)}
    return [p for p in projects if p.village_id in mine]


# Only the bare words: "项目是征地那个" answers a question, "方案退回，…" is a review.
@router.command("projects", words=("项目", "项目列表", "项目清单"))
async def projects(ctx: ProjectsContext) -> None:
    """The projects the sender may see, by kind with their status."""
    await _list_or_one(ctx)


@router.command("project", words=("查看项目", "项目详情"), args=r".{0,40}")
async def project(ctx: ProjectsContext) -> None:
    """"查看项目 小冬桃": one project's card and history."""
    await _list_or_one(ctx)


async def _list_or_one(ctx: ProjectsContext) -> None:
    directory = await ctx.directory()
    visible = await _visible(ctx, directory)
    if ctx.args:
        project = await choose(ctx, ProjectBlock("query"), visible, f"没有找到“{ctx.args}”这个项目。")
        if project is not None:
            ctx.reply(history_text(project, await ctx.store.projects.history(project.id),
                                   await money_of(ctx, directory, project)))
        return
    if not visible:
        ctx.reply("还没有项目。村书记可发送“申报书记项目：……”申报。")
        return
    lines = []
    for label in (*KIND_LABELS.values(), TOWN_LABEL):
        of_kind = [p for p in visible if p.kind_label == label]
        if of_kind:
            lines.append(f"【{label}】{len(of_kind)}个")
            lines += [f"  {p.title}（{p.where or '镇级'}）· {p.label}" for p in of_kind]
    ctx.reply("\n".join(lines + ["发送“查看项目 名称”看详情和经过，“查看方案 名称”看方案各版本。"]))


@router.command("plans", words=("查看方案", "方案版本"), args=r".{0,40}")
async def plans(ctx: ProjectsContext) -> None:
    """Every version of a project's plan."""
    directory = await ctx.directory()
    project = await choose(ctx, ProjectBlock("query"), await _visible(ctx, directory),
                           f"没有找到“{ctx.args}”这个项目。" if ctx.args else "还没有项目方案。")
    if project is not None:
        ctx.reply(plan_text(project, await ctx.store.projects.plans(project.id)))


@router.command("topics", words=("选题", "查看选题", "书记项目选题"))
async def topics(ctx: ProjectsContext) -> None:
    """This year's topic menu; for a township's leaders and admins and the county's cadres, the county's too."""
    year = (await ctx.directory()).local(ctx.now).year
    texts = [topics_text(year, await ctx.store.projects.topics(Unit(township_id=ctx.person.township_id), year))]
    county = ctx.person.county_id
    if county is not None and (acts_for_town(ctx.person) or county_cadre(ctx.person)):
        texts.append(topics_text(year, await ctx.store.projects.topics(Unit(county), year), county=True))
    ctx.reply("\n\n".join(texts))


@router.command("weights", words=("权重规则", "认定规则"), args=r".{0,60}", roles=LEADERS,
                refusal="抱歉，认定权重规则由镇领导和镇党建办查看和调整。")
async def weights(ctx: ProjectsContext) -> None:
    """The weight rule; an admin's "权重规则 难度 难 1.5" changes one factor ("默认" puts it back). A county's
    cadres keep the county's rule, which weighs its towns' own projects."""
    county = ctx.person.county_id if ctx.person.role in COUNTY_ROLES else None
    rule = Unit(county) if county is not None else Unit(township_id=ctx.person.township_id)
    if ctx.args:
        found = _RULE.fullmatch(ctx.args.strip())
        if not ctx.person.may(ADMINS):
            ctx.reply("抱歉，认定权重规则由县委组织部调整。" if county else "抱歉，认定权重规则由镇党建办调整。")
            return
        if found is None or not _valid(found.group(1), found.group(2)):
            ctx.reply("请按“权重规则 类别 村集体经济 1.2”“权重规则 难度 难 1.3”“权重规则 时限 跨年 1.2”发送；"
                      "难度为难/中/易，时限为半年内/一年内/跨年，写“默认”恢复默认值。")
            return
        label, key, said = found.groups()
        value = None if said == "默认" else float(said)
        if value is not None and not 0 < value <= 10:
            ctx.reply("系数应在 0 到 10 之间。")
            return
        await ctx.store.weight_rule.set(rule, FACTORS[label], key, value)
        await ctx.store.audit.record(ctx.person.id, "weights.set", f"{rule.level}:{county or rule.township_id}",
                                     {"factor": FACTORS[label], "key": key, "value": value}, ctx.now)
        ctx.reply(f"已将{label}“{key}”的系数设为{said}。")
    lines = rule_lines(await ctx.store.weight_rule.factors(rule))
    whose = "全县乡镇党委书记项目" if county is not None else ""
    ctx.reply(f"{whose}认定权重 = 类别 × 难度 × 时限\n" + "\n".join(lines) + "\n审核通过时未写权重的，按此规则计算。")


async def money_of(ctx: ProjectsContext, directory: Directory, project: ProjectState) -> MoneyTotals | None:
    """投入 and 收入 named by a 村集体经济 project's confirmed reports so far; None for other projects."""
    if COLLECTIVE_ECONOMY not in (project.category or ""):
        return None
    until = f"{directory.local(ctx.now):%Y-%m}"
    reports = await ctx.store.summary.collective_amounts(project.township_id, until)
    return totals((r.amounts, r.done) for r in reports if r.project_id == project.id)


def _valid(label: str, key: str) -> bool:
    return {"难度": key in _DIFFICULTIES, "时限": key in TIME_LIMITS}.get(label, True)
