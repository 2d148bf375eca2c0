"""The reviewers' side — the township's for its villages' projects, the county's for its towns' own: 发布选题,
审核 (通过 with a weight, or 退回 with comments), 验收 (通过, or 退回 with items), 示范点. A step that does not fit
the project's state changes nothing and says why."""
from __future__ import annotations

import re

from handlers.directory import Directory
from handlers.parse.record import ProjectBlock
from handlers.project_refs import STATUS, ProjectState
from handlers.projects.access import county_cadre, refusal
from handlers.projects.cards import card, topics_text
from handlers.projects.common import choose, named_town, reachable, refused, tell
from handlers.projects.store import ProjectsContext
from handlers.projects.weights import difficulty_of, weigh
from handlers.questions import QUESTION_TTL, QuestionKind
from handlers.roles import TOWNSHIP_LEADERS, Unit

MAX_WEIGHT = 100  # registry weights run to a few dozen (分值); a typed 999 is a slip
# The states each review step applies to.
FITS = {"approve": ("declared",), "return": ("declared", "acceptance_requested"), "accept": ("acceptance_requested",),
        "showcase": ("accepted",)}
_NONE = {"approve": "没有待审核的项目方案。", "return": "没有待审核的方案或待验收的项目。",
         "accept": "没有申请验收的项目（需先由村里发送“申请验收：……”）。",
         "showcase": "没有已验收的项目，验收通过后才能列为示范点。"}
# A county's menu for its towns (菜单选报): "全县非均衡发展项目菜单：…", "县级选题：…" — not a township's own menu
# that only mentions the county ("根据县委部署，今年书记项目选题：…").
_COUNTY_MENU = re.compile(r"全县|县级(?:选题|项目)|非均衡(?:发展)?项目(?:菜单|选题)|菜单选报")


def rule_unit(project: ProjectState) -> Unit:
    """Whose weight rule weighs a project: its township's, or for a township's own project its county's."""
    return Unit(project.county_id) if project.town_level else Unit(township_id=project.township_id)


async def publish_topics(ctx: ProjectsContext, directory: Directory, block: ProjectBlock) -> None:
    """A leader's topic menu for the year, shown back and sent to the township's group chats; a county's menu
    for its towns ("全县非均衡发展项目菜单：…"), sent to each town's leaders and admins."""
    county = _COUNTY_MENU.search(ctx.args.split("：")[0].split(":")[0]) is not None
    if await refused(ctx, "topics", town=county):
        return
    if not block.topics:
        ctx.reply("没有读到选题。请按“今年书记项目选题：1.……2.……”发送。")
        return
    year = directory.local(ctx.now).year
    unit = Unit(ctx.person.county_id) if county else Unit(township_id=ctx.person.township_id)
    topics = await ctx.store.projects.publish_topics(unit, year, block.topics, by_id=ctx.person.id, now=ctx.now)
    text = topics_text(year, topics, county=county)
    ctx.reply(f"已发布{len(block.topics)}个选题。\n" + text)
    if county and ctx.person.county_id is not None:
        await tell(ctx, await ctx.store.county_people.of_towns(ctx.person.county_id, TOWNSHIP_LEADERS), text,
                   "topics")
        return
    here = (ctx.msg.platform, ctx.msg.chat.id)
    chats = [c for c in await ctx.store.places.township_chats(ctx.person.township_id) if c != here]
    ctx.send_to(chats, text, f"topics:{ctx.inbox_id}")


async def review(ctx: ProjectsContext, directory: Directory, block: ProjectBlock) -> None:
    """通过 / 退回 / 验收通过 / 示范点 said in words: find the project, then take the step."""
    if await refused(ctx, block.action):
        return
    projects = named_town(ctx.args, await reachable(ctx, every_town=county_cadre(ctx.person)))
    candidates = [p for p in projects
                  if p.status in FITS[block.action] and (block.village is None or p.village == block.village)]
    project = await choose(ctx, block, candidates, _NONE[block.action], only_if_named=block.village is not None)
    if project is not None:
        await take(ctx, directory, project, block.action, block.note, block.weight)


async def take(ctx: ProjectsContext, directory: Directory, project: ProjectState, action: str, note: str | None,
               weight: float | None = None) -> bool:
    """Carry out one review step on a project, if the sender may and its state allows; False when it did not."""
    if (why := refusal(ctx.person, action, project)) is not None:
        ctx.reply(why)
        return False
    if project.status not in FITS[action]:
        ctx.reply(f"“{project.title}”目前{STATUS.get(project.status, project.status)}，不能{_VERB[action]}。")
        return False
    if weight is not None and not 0 < weight <= MAX_WEIGHT:
        ctx.reply(f"权重应大于0、不超过{MAX_WEIGHT}，请重新填写。")
        return False
    if action == "return" and not note:
        await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id,
                                          QuestionKind.PROJECT_COMMENT, {"project_id": project.id}, ctx.now,
                                          ctx.now + QUESTION_TTL)
        ctx.reply(f"请回复对“{project.title}”的修改意见（例如“请补充资金来源”），"
                  f"将一并退回给{project.owner or '村里'}。")
        return True
    await _STEPS[action](ctx, directory, project, note, weight)
    return True


async def _approve(ctx: ProjectsContext, directory: Directory, project: ProjectState, note: str | None,
                   weight: float | None) -> None:
    today = directory.local(ctx.now).date()
    difficulty = difficulty_of(ctx.args) or project.difficulty
    if weight is None:
        weighing = weigh(await ctx.store.weight_rule.factors(rule_unit(project)), project.category, difficulty,
                         today, project.deadline)
        weight, why = weighing.weight, f"按认定规则：{weighing.why}"
    else:
        why = "审核时填写"
    done = await ctx.store.projects.change(project.id, "approve", actor_id=ctx.person.id, now=ctx.now,
                                           inbox_id=ctx.inbox_id, note=note, data={"weight": weight, "why": why},
                                           status="in_progress", weight=weight, difficulty=difficulty,
                                           start=project.start or today)
    ctx.reply(card(done) + f"\n已审核通过，认定权重 {weight:g}（{why}）。", in_place=True)
    await tell(ctx, [done.owner_id], f"✅ 项目“{done.title}”方案已审核通过，认定权重 {weight:g}，纳入月度调度。"
                                     + (f"\n意见：{note}" if note else ""), f"project:{done.id}:approve")


async def _return(ctx: ProjectsContext, directory: Directory, project: ProjectState, note: str | None,
                  weight: float | None) -> None:
    if project.status == "declared":
        done = await ctx.store.projects.change(project.id, "return", actor_id=ctx.person.id, now=ctx.now,
                                               inbox_id=ctx.inbox_id, note=note, status="returned")
        ctx.reply(f"已将“{done.title}”方案退回{done.owner or '村里'}修改：{note}", in_place=True)
        text = f"↩️ 项目“{done.title}”方案退回修改：{note}\n修改后请发送“修改方案：……”重新提交。"
    else:
        done = await ctx.store.projects.change(project.id, "reopen", actor_id=ctx.person.id, now=ctx.now,
                                               inbox_id=ctx.inbox_id, note=note, status="in_progress")
        ctx.reply(f"“{done.title}”验收未通过，已退回{done.owner or '村里'}整改：{note}", in_place=True)
        text = f"↩️ 项目“{done.title}”{done.above}级验收未通过，请整改：{note}\n整改完成后请再次发送“申请验收：……”。"
    await tell(ctx, [done.owner_id], text, f"project:{done.id}:return")


async def _accept(ctx: ProjectsContext, directory: Directory, project: ProjectState, note: str | None,
                  weight: float | None) -> None:
    done = await ctx.store.projects.change(project.id, "accept", actor_id=ctx.person.id, now=ctx.now,
                                           inbox_id=ctx.inbox_id, note=note, status="accepted")
    ctx.reply(card(done) + f"\n{done.above}级验收通过，已销号。", in_place=True)
    await tell(ctx, [done.owner_id], f"✅ 项目“{done.title}”{done.above}级验收通过，已销号。",
               f"project:{done.id}:accept")


async def _showcase(ctx: ProjectsContext, directory: Directory, project: ProjectState, note: str | None,
                    weight: float | None) -> None:
    if project.showcase is not None and (note is None or note == project.showcase):
        ctx.reply(f"“{project.title}”已是示范点：{project.showcase}")
        return
    done = await ctx.store.projects.change(project.id, "showcase", actor_id=ctx.person.id, now=ctx.now,
                                           inbox_id=ctx.inbox_id, note=note, showcase=note or "示范点")
    ctx.reply(card(done) + "\n已列为示范点。")
    await tell(ctx, [done.owner_id], f"🏅 项目“{done.title}”已列为示范点：{note or '—'}", f"project:{done.id}:showcase")


_VERB = {"approve": "审核通过", "return": "退回", "accept": "验收", "showcase": "列为示范点"}
_STEPS = {"approve": _approve, "return": _return, "accept": _accept, "showcase": _showcase}
