"""县交办: a county cadre's "请各镇…前上报…" becomes one task per town, held by the town's admin (or the person named),
with the township tasks' lifecycle; and a county cadre's "#3 验收通过" finds the task among the towns'."""
from __future__ import annotations

from handlers.directory import Directory
from handlers.issue_policy import working_time
from handlers.parse.towns import TownHandoff, names_towns, read_town_handoff
from handlers.refs import NewTask, PersonRef, TaskRef, TownshipRef
from handlers.roles import COUNTY_ROLES, SUPERVISOR
from handlers.tasks.cards import assigned_notice, deadline_words
from handlers.tasks.store import TasksContext

TOWN_HOLDERS = ("admin", "township_leader")  # who takes a task handed to a whole town, in this order
COUNTY_READERS = COUNTY_ROLES + (SUPERVISOR,)
REFUSAL = "抱歉，向各镇交办任务由县领导或县委组织部（县管理员）发起，这条没有生成任务。"
_NAME_LENGTHS = (4, 3, 2)


def of_county(person: PersonRef, roles: tuple[str, ...]) -> bool:
    """Whether they hold one of `roles` on the county itself (not only on one of its towns)."""
    return any(m.role in roles and m.unit.level == "county" and m.unit.county_id == person.county_id
               for m in person.memberships)


async def towns_of(ctx: TasksContext) -> list[TownshipRef]:
    """The towns of the sender's county, in registry order (none outside a county)."""
    county = ctx.person.county_id
    return [] if county is None else [t for t in await ctx.store.townships.all() if t.county_id == county]


async def _holder(ctx: TasksContext, town: TownshipRef, after: dict[str, str]) -> PersonRef | None:
    """The person named after the town ("交给云锦镇吴敏"), else its first admin, else its first leader."""
    words = after.get(town.name, "")
    guesses = [words[:n] for n in _NAME_LENGTHS if len(words) >= n]
    if guesses:
        found = await ctx.store.people.by_name_many(guesses, town.id)
        if named := next((found[g] for g in guesses if g in found), None):
            return named
    for role in TOWN_HOLDERS:
        if people := await ctx.store.people.with_roles(town.id, (role,)):
            return people[0]
    return None


async def on_town_handoff(ctx: TasksContext, directory: Directory, text: str) -> bool:
    """A hand-off addressed to towns: one task per town, or a refusal naming who may; False if it is not one."""
    if ctx.person.county_id is None or not names_towns(text):
        return False
    towns = await towns_of(ctx)
    handoff = read_town_handoff(text, [t.name for t in towns], directory.local(ctx.now))
    if handoff is None:
        return False
    if not of_county(ctx.person, COUNTY_ROLES):
        # Their own town's name opening the message is their usual words ("玄滩镇石牛村…"); 各镇, or another
        # town named, is a county hand-off they may not make.
        if not handoff.every and set(handoff.towns) <= {ctx.person.township}:
            return False
        ctx.reply(REFUSAL)
        return True
    await _hand_to_towns(ctx, directory, handoff, [t for t in towns if t.name in handoff.towns])
    return True


async def _hand_to_towns(ctx: TasksContext, directory: Directory, handoff: TownHandoff,
                         towns: list[TownshipRef]) -> None:
    after = dict(handoff.after)
    given: list[tuple[TownshipRef, TaskRef]] = []
    skipped, unreachable = [], []
    for town in towns:
        holder = await _holder(ctx, town, after)
        if holder is None:
            skipped.append(town.name)
            continue
        title = handoff.naming(holder.name)
        (task,) = await ctx.store.tasks.create(town.id, ctx.person.id, [NewTask(title, holder.id, None,
                                                                               handoff.deadline)],
                                               inbox_id=ctx.inbox_id, now=ctx.now)
        chats = await ctx.store.people.direct_chats(holder.id) + await ctx.store.places.township_chats(town.id)
        if not chats:
            unreachable.append(f"{town.name}{holder.name}")
        text, buttons = assigned_notice(task)
        ctx.send_to(chats, text, f"task:{task.id}:assigned", buttons, not_before=working_time(directory.local(ctx.now)))
        given.append((town, task))
    if not given:
        ctx.reply(f"没有找到可以承办的人：{'、'.join(skipped)}。请在名册中登记镇党建办或镇领导后再交办。")
        return
    first = given[0][1]
    lines = [f"✅ 已向{len(given)}个镇交办（{deadline_words(first)}）：{first.title}"]
    lines += [f"{town.name} #{task.number} {task.assignee}" for town, task in given]
    if skipped:
        lines.append(f"未交办：{'、'.join(skipped)}（名册中没有镇党建办或镇领导）")
    if unreachable:
        lines.append(f"⚠️ {'、'.join(unreachable)}还没有登记账号，镇里也没有绑定群，暂时通知不到，请电话告知。")
    lines.append("发送“县交办”查看各镇办理情况。")
    ctx.reply("\n".join(lines))


async def numbered(ctx: TasksContext, number: int, text: str) -> tuple[TaskRef | None, str]:
    """The task "#N" means, and the text without the town's name opening it ("云锦镇 #1 验收通过"): that town's
    for a county cadre (the one of that number they handed to a town when none is named, or asked which); the
    sender's own township's for anyone else, who is refused another town's."""
    county = of_county(ctx.person, COUNTY_ROLES)
    towns = await towns_of(ctx) if county or names_towns(text) else []
    named = next((t for t in towns if text.lstrip().startswith(t.name)), None)
    where = ctx.person.township_id
    if named is not None:
        text = text.lstrip().removeprefix(named.name).lstrip()
        if not county and named.id != where:
            ctx.reply(f"抱歉，{named.name}的任务由{named.name}和县里办理，您可以查看和办理{ctx.person.township}的任务。")
            return None, text
        where = named.id
    elif county:
        order = [t.id for t in towns]
        mine = sorted((t for t in await ctx.store.tasks.open_handed_off(ctx.person.id) if t.number == number),
                      key=lambda t: order.index(t.township_id) if t.township_id in order else len(order))
        if len(mine) == 1:
            return mine[0], text
        if mine:
            names = {t.id: t.name for t in towns}
            which = "、".join(names.get(t.township_id, "") for t in mine)
            ctx.reply(f"您交办的任务中有{len(mine)}项编号为 #{number}（{which}），请写明镇名，"
                      f"例如“{names.get(mine[0].township_id, '')} #{number} 验收通过”。")
            return None, text
    task = await ctx.store.tasks.by_number(where, number)
    if task is None:
        ctx.reply(f"没有找到任务 #{number}。发送“任务”查看您的任务。")
    return task, text
