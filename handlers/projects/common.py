"""What the project steps share: telling people, the candidates a step may apply to, and picking one of them."""
from __future__ import annotations

from collections.abc import Sequence

from handlers.directory import Directory
from handlers.issue_policy import working_time
from handlers.parse.record import ParsedMessage, ProjectBlock
from handlers.project_refs import NewPlan, PlanStep, ProjectState
from handlers.projects.access import acts_for_town, may, refusal
from handlers.projects.cards import Buttons
from handlers.projects.resolve import named, pick
from handlers.projects.store import ProjectsContext
from handlers.roles import COUNTY_ROLES, REPORTERS, TOWNSHIP_LEADERS


def is_other_business(parsed: ParsedMessage) -> bool:
    """Whether a message read on its own is other business (a report with a figure, an issue, a task step, a
    hand-off, another project step), not the answer to a project question."""
    if parsed.kind in ("issue", "task_update"):
        return True
    if parsed.kind == "handoff":  # "请3月10日前补充资金来源" names no one: a comment, not a hand-off
        return parsed.handoff is not None and bool(parsed.handoff.assignees)
    if parsed.kind == "report":
        return parsed.report is not None and parsed.report.progress is not None
    return parsed.kind == "project" and parsed.project is not None and parsed.project.action not in (
        "declare", "revise", "return")


async def tell(ctx: ProjectsContext, person_ids: Sequence[int | None], text: str, key: str,
               buttons: Buttons = ()) -> None:
    """A direct message to each of these people (held to working hours), sent once per message and person."""
    local = (await ctx.directory()).local(ctx.now)
    for person_id in dict.fromkeys(p for p in person_ids if p is not None and p != ctx.person.id):
        ctx.send_to(await ctx.store.people.direct_chats(person_id), text, f"{key}:{person_id}:{ctx.inbox_id}",
                    buttons, not_before=working_time(local))


async def reviewers(ctx: ProjectsContext, project: ProjectState) -> list[int | None]:
    """Who reviews a project's plan and acceptance: the township's leaders and admins, or for a township's own
    project the county's."""
    if project.town_level:
        return list(await ctx.store.county_people.of_county(project.county_id, COUNTY_ROLES)
                    if project.county_id is not None else [])
    return [p.id for p in await ctx.store.people.with_roles(project.township_id, TOWNSHIP_LEADERS)]


def plan_of(block: ProjectBlock, text: str) -> NewPlan:
    """The plan a declaration or revision carries: its text, deadline and dated steps (a step with no date, such as a
    推进措施, stays in the text: a milestone is something due by a day)."""
    return NewPlan(text, block.deadline, tuple(PlanStep(m.title, m.due) for m in block.milestones if m.due))


async def own_projects(ctx: ProjectsContext, directory: Directory, statuses: Sequence[str]) -> list[ProjectState]:
    """The sender's projects in these states: their villages' (every village's, for a township-wide 包村干部), or
    for a township's leader or admin the township's own."""
    projects = await ctx.store.projects.of_township(ctx.person.township_id)
    if acts_for_town(ctx.person):
        return [p for p in projects if p.status in statuses and p.town_level]
    mine = ctx.person.villages_for(REPORTERS)
    ids = {directory.village_ids[v] for v in mine if v in directory.village_ids}
    return [p for p in projects if p.status in statuses and not p.town_level and (not mine or p.village_id in ids)]


async def refused(ctx: ProjectsContext, action: str, *, town: bool = False) -> bool:
    """Refuse a step the sender may take on no project, naming who may (the village of the project the words
    name, when they name one); False when they may take it. `town`: a step on the township level."""
    if may(ctx.person, action, town=town):
        return False
    said = await said_projects(ctx) if action != "topics" else []  # a menu's items are not projects
    ctx.reply(refusal(ctx.person, action, said[0] if said else None, town=town) or "")
    return True


async def said_projects(ctx: ProjectsContext) -> list[ProjectState]:
    """The projects the message names outright (by title, or its distinctive part): the township's, and the
    county's towns' own."""
    return [p for p in await reachable(ctx, every_town=True) if named(ctx.args, p.title) == 100.0]


async def reachable(ctx: ProjectsContext, *, every_town: bool) -> list[ProjectState]:
    """The township's projects, then (`every_town`) the other towns' own projects of its county: the county's
    cadres review and inspect those from wherever they act."""
    here = await ctx.store.projects.of_township(ctx.person.township_id)
    if ctx.person.county_id is None or not every_town:
        return here
    return here + [p for p in await ctx.store.projects.of_county(ctx.person.county_id)
                   if p.township_id != ctx.person.township_id]


def _stem(township: str) -> str:
    """龙桥 for 龙桥镇: a town is often named without its 镇 or 乡."""
    return township[:-1] if len(township) > 2 and township[-1] in "镇乡" else township


def named_town(text: str, candidates: list[ProjectState]) -> list[ProjectState]:
    """The candidates left when the text names a township ("龙桥镇…方案通过"): its own projects and every village's;
    all of them when it names none."""
    towns = {p.township for p in candidates if p.town_level and p.township and _stem(p.township) in text}
    return [p for p in candidates if not p.town_level or p.township in towns] if towns else candidates


async def choose(ctx: ProjectsContext, block: ProjectBlock, candidates: list[ProjectState],
                 none: str, *, only_if_named: bool = False) -> ProjectState | None:
    """The project a step is about, or None after saying why (another village's, none fits, or several and none
    named)."""
    ids = {p.id for p in candidates}
    others = [p for p in await said_projects(ctx) if p.id not in ids]
    if others and not any(named(ctx.args, p.title) == 100.0 for p in candidates):
        why = refusal(ctx.person, block.action, others[0])
        ctx.reply(why or f"“{others[0].title}”目前{others[0].label}，不能办理这一步。")
        return None
    found = pick(ctx.args, block.project, candidates)
    if isinstance(found, ProjectState) and (not only_if_named or named(ctx.args, found.title) == 100.0):
        return found
    if isinstance(found, ProjectState):  # the only candidate, but the words name another village's
        found = None
    if found == "many":
        names = "、".join(f"“{p.title}”（{p.where or p.owner or ''}）" for p in candidates[:8])
        ctx.reply(f"请说明是哪个项目：{names}。例如在消息里写上项目名称。")
    else:
        ctx.reply(none)
    return None
