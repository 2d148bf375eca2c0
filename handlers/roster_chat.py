"""An admin keeping the roster in chat: 新增人员, 停用, 邀请, 新增项目, 把…的工作交给…; and 切换 for county cadres.

Every change is shown as a card first and done on "确认", written to the audit log. Invite codes are secrets:
they are given only in the private chat with the bot.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Protocol

from handlers.confirm import settled
from handlers.context import Context
from handlers.identity import INVITE_VALIDITY, issue_invite
from handlers.issue_policy import working_time
from handlers.ports import (
    AuditRepo,
    ConversationRepo,
    DirectoryStore,
    InviteRepo,
    PeopleRepo,
    RosterRepo,
    TownshipRepo,
)
from handlers.questions import QuestionKind
from handlers.registry import PROJECT_KINDS
from handlers.roles import ADMINS, ROLE_LABELS, TOWNSHIP_LEADERS, VILLAGE_ROLES, Unit, acting_role
from handlers.roster_words import (
    AddPerson,
    AddProject,
    Deactivate,
    HandOver,
    Invite,
    RosterCommand,
    RosterWordsError,
    Switch,
    read_roster_command,
)
from handlers.router import Router
from handlers.step_order import TextStep

router = Router()
NEED_VILLAGE = ("secretary", "grid_worker")
TTL = dt.timedelta(days=1)
ONLY_ADMINS = "抱歉，人员和项目名册由党建办管理员维护。如需调整，请联系管理员。"
PRIVATE_ONLY = "邀请码需要保密，请在与我的私聊中发送这条指令。"


class RosterStore(DirectoryStore, Protocol):
    """What keeping the roster in chat uses."""

    @property
    def roster(self) -> RosterRepo: ...
    @property
    def people(self) -> PeopleRepo: ...
    @property
    def invites(self) -> InviteRepo: ...
    @property
    def conversations(self) -> ConversationRepo: ...
    @property
    def audit(self) -> AuditRepo: ...
    @property
    def townships(self) -> TownshipRepo: ...


RosterContext = Context[RosterStore]


@router.on_text(TextStep.ROSTER)
async def roster_command(ctx: RosterContext) -> bool:
    """A roster command: refused for non-admins, checked against the roster, shown for 确认; False otherwise."""
    try:
        command = read_roster_command(ctx.args)
    except RosterWordsError as exc:
        ctx.reply(str(exc) if ctx.person.may(ADMINS) else ONLY_ADMINS)
        return True
    if command is None:
        return False
    if isinstance(command, Switch):
        return await _switch(ctx, command)
    if not ctx.person.may(ADMINS):
        if await _names_someone(ctx, command):
            ctx.reply(ONLY_ADMINS)
            return True
        return False
    if isinstance(command, (Invite, AddPerson)) and ctx.msg.chat.is_group:
        ctx.reply(PRIVATE_ONLY)
        return True
    card = await _card(ctx, command)
    if card is None:
        return True
    await ctx.store.conversations.put(ctx.msg.platform, ctx.msg.chat.id, ctx.person.id, QuestionKind.ROSTER_CHANGE,
                                      {"command": type(command).__name__, "args": _plain(command),
                                       "township_id": ctx.person.township_id},
                                      ctx.now, ctx.now + TTL)
    ctx.reply(card + "\n回复“确认”执行，回复“取消”放弃。")
    return True


async def _names_someone(ctx: RosterContext, command: RosterCommand) -> bool:
    # A non-admin's "停用 王建国" is refused; "邀请各村书记…" naming no one was never a command.
    if isinstance(command, (AddPerson, AddProject)):
        return True
    name = command.old if isinstance(command, HandOver) else getattr(command, "name", None)
    village = getattr(command, "village", None)
    if village is not None:
        return village in (await ctx.directory()).village_ids
    return name is not None and await ctx.store.roster.person(ctx.person.township_id, name) is not None


async def _card(ctx: RosterContext, command: RosterCommand) -> str | None:
    """The card for a command that can be done, or None after saying why it cannot."""
    directory = await ctx.directory()
    roster, town = ctx.store.roster, ctx.person.township_id
    if isinstance(command, AddPerson):
        if command.unit is not None and command.unit != ctx.person.township and command.unit not in directory.village_ids:
            return _no(ctx, f"没有找到“{command.unit}”。可填本镇村名，或不填（镇机关人员）。")
        if command.unit in (None, ctx.person.township) and command.role in NEED_VILLAGE:
            return _no(ctx, f"{ROLE_LABELS[command.role]}须填写所在村，如：新增人员 {command.name} "
                            f"{ROLE_LABELS[command.role]} {next(iter(directory.village_ids), '某村')}")
        if command.role not in TOWNSHIP_LEADERS + VILLAGE_ROLES + ("supervisor",):
            return _no(ctx, "县级人员请由县管理员在县名册中登记。")
        existing = await roster.person(town, command.name)
        if existing is not None and existing.active:
            return _no(ctx, f"{command.name}已在名册中（{'、'.join(existing.posts)}）。如需调整，请修改名册后导入。")
        where = command.unit if command.unit not in (None, ctx.person.township) else ctx.person.township
        again = "（曾停用，将重新启用）" if existing is not None else ""
        return f"📋 将新增人员：{command.name}，{ROLE_LABELS[command.role]}，{where}{again}。确认后生成邀请码发给您。"
    if isinstance(command, Deactivate):
        person = await roster.person(town, command.name)
        if person is None or not person.active:
            return _no(ctx, f"名册中没有在用的“{command.name}”。")
        work = await roster.open_work(person.id)
        lines = [f"📋 将停用：{person.name}（{'、'.join(person.posts)}）。停用后其账号不能再使用，历史记录保留。"]
        if work.lines():
            lines += ["其未了工作：", *work.lines(), f"停用后可发“把{person.name}的工作交给某某”移交。"]
        return "\n".join(lines)
    if isinstance(command, Invite):
        people = await _invitees(ctx, command)
        if not people:
            return None
        return f"📋 将为 {len(people)} 人生成邀请码（7天内有效）：{'、'.join(people)}。"
    if isinstance(command, AddProject):
        if command.unit != ctx.person.township and command.unit not in directory.village_ids:
            return _no(ctx, f"没有找到“{command.unit}”。项目须属于本镇某村，或本镇。")
        if await roster.project_code_taken(town, command.code):
            return _no(ctx, f"项目编号 {command.code} 已被使用，请换一个编号。")
        if command.owner and await roster.person(town, command.owner) is None:
            return _no(ctx, f"名册中没有“{command.owner}”，负责人须是本镇登记人员。")
        parts = [f"📋 将新增项目：{command.code} {command.title}（{command.unit}）"]
        parts += [f"负责人：{command.owner}"] if command.owner else []
        parts += [f"截止：{command.deadline:%Y年%-m月%-d日}"] if command.deadline else []
        return "，".join(parts) + "。"
    assert isinstance(command, HandOver)
    old, new = await roster.person(town, command.old), await roster.person(town, command.new)
    if old is None or new is None:
        return _no(ctx, f"名册中没有“{command.old if old is None else command.new}”。")
    if not new.active:
        return _no(ctx, f"{new.name}已停用，不能接手工作。")
    work = await roster.open_work(old.id)
    if not (work.tasks or work.projects):
        return _no(ctx, f"{old.name}没有未了的任务或项目需要移交。")
    # Issues belong to their village, not to whoever logged them: they are listed on 停用, not moved.
    moving = dataclasses.replace(work, issues=())
    return "\n".join([f"📋 将把{old.name}的工作移交给{new.name}：", *moving.lines()])


def _no(ctx: RosterContext, text: str) -> str | None:
    """Say why not; no card (None)."""
    ctx.reply(f"抱歉，{text}")
    return None


async def _invitees(ctx: RosterContext, command: Invite) -> list[str]:
    if command.village is not None:
        village_id = (await ctx.directory()).village_ids.get(command.village)
        if village_id is None:
            return _none(ctx, f"没有找到“{command.village}”。")
        people = [p.name for p in await ctx.store.roster.village_people(village_id)]
        return people or _none(ctx, f"{command.village}在名册中还没有人员。")
    assert command.name is not None
    person = await ctx.store.roster.person(ctx.person.township_id, command.name)
    if person is None:
        return _none(ctx, f"名册中没有“{command.name}”。请先“新增人员”。")
    if not person.active:
        return _none(ctx, f"{person.name}已停用（不在当前名册中），不能生成邀请码。")
    return [person.name]


def _none(ctx: RosterContext, text: str) -> list[str]:
    ctx.reply(f"抱歉，{text}")
    return []


def _plain(command: RosterCommand) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in dataclasses.asdict(command).items()}


_KINDS: dict[str, type[RosterCommand]] = {c.__name__: c for c in (AddPerson, Deactivate, Invite, AddProject,
                                                                   HandOver)}


@router.on_answer(QuestionKind.ROSTER_CHANGE)
async def answer(ctx: RosterContext) -> bool:
    """确认 does the change shown, 取消 drops it; anything else is a new topic (False)."""
    assert ctx.question is not None
    yes = await settled(ctx, "好的，没有修改名册。")
    if yes is None:
        return False
    if not yes:
        return True
    if not ctx.person.may(ADMINS):  # their post changed since the card was shown
        ctx.reply(ONLY_ADMINS)
        return True
    if ctx.question.data.get("township_id") != ctx.person.township_id:  # they switched township since
        ctx.reply("您已切换到其他乡镇，这张卡片已作废，没有修改名册。请在要修改的乡镇重新发送。")
        return True
    args = dict(ctx.question.data["args"])
    kind = _KINDS[ctx.question.data["command"]]
    if kind is AddProject and args.get("deadline"):
        args["deadline"] = dt.date.fromisoformat(args["deadline"])
    await _do(ctx, kind(**args))
    return True


async def _do(ctx: RosterContext, command: RosterCommand) -> None:
    roster, town, me, now = ctx.store.roster, ctx.person.township_id, ctx.person, ctx.now
    village_ids = (await ctx.directory()).village_ids
    if isinstance(command, AddPerson):
        village_id = village_ids.get(command.unit) if command.unit else None
        person_id = await roster.add_person(town, command.name, command.role, village_id, command.title)
        await ctx.store.audit.record(me.id, "roster.add", f"person:{person_id}",
                                     {"name": command.name, "role": command.role, "unit": command.unit}, now)
        code = await issue_invite(ctx.store, person_id, now)
        ctx.reply(f"✅ 已新增{command.name}。邀请码：{code}（{await _until(ctx)}前有效），请转发给本人，"
                  "让其把邀请码发给我完成登记。")
    elif isinstance(command, Deactivate):
        person = await roster.person(town, command.name)
        if person is None or not person.active:
            ctx.reply(f"{command.name}已不在在用名册中，无需停用。")
            return
        await roster.deactivate(town, person.id)
        await ctx.store.audit.record(me.id, "roster.deactivate", f"person:{person.id}", {"name": person.name}, now)
        ctx.reply(f"✅ 已停用{person.name}。")
    elif isinstance(command, Invite):
        names = await _invitees(ctx, command)
        lines = []
        for name in names:
            person = await roster.person(town, name)
            assert person is not None
            lines.append(f"{name}：{await issue_invite(ctx.store, person.id, now)}")
        if lines:
            ctx.reply(f"✅ 邀请码（{await _until(ctx)}前有效，每个只能用一次），请分别转发：\n" + "\n".join(lines))
    elif isinstance(command, AddProject):
        owner = await roster.person(town, command.owner) if command.owner else None
        project_id = await roster.add_project(town, command.code, command.title, PROJECT_KINDS[0],
                                              village_ids.get(command.unit), owner.id if owner else None,
                                              command.deadline)
        await ctx.store.audit.record(me.id, "roster.add_project", f"project:{project_id}",
                                     {"code": command.code, "title": command.title}, now)
        ctx.reply(f"✅ 已新增项目 {command.code} {command.title}。")
    else:
        assert isinstance(command, HandOver)
        old, new = await roster.person(town, command.old), await roster.person(town, command.new)
        assert old is not None and new is not None
        moved = await roster.hand_over(town, old.id, new.id, me.id, now)
        await ctx.store.audit.record(me.id, "roster.handover", f"person:{old.id}",
                                     {"to": new.id, "tasks": len(moved.tasks), "projects": len(moved.projects)}, now)
        parts = [f"{len(moved.tasks)} 项任务" if moved.tasks else "", f"{len(moved.projects)} 个项目" if moved.projects
                 else ""]
        ctx.reply(f"✅ 已把{old.name}的工作移交给{new.name}：{'、'.join(p for p in parts if p)}。")
        lines = [f"📌 以下工作已移交给您（原由{old.name}负责）："]
        lines += [f"任务 {t}" for t in moved.tasks] + [f"项目 {p}" for p in moved.projects]
        lines.append("发送“任务”或“我的”查看。")
        # Said in working hours, as a hand-off would be: it is news, not an emergency.
        ctx.send_to(await ctx.store.people.direct_chats(new.id), "\n".join(lines), f"handover:{old.id}:{ctx.inbox_id}",
                    not_before=working_time((await ctx.directory()).local(now)))


async def _until(ctx: RosterContext) -> str:
    return f"{(await ctx.directory()).local(ctx.now + INVITE_VALIDITY):%-m月%-d日}"


async def _switch(ctx: RosterContext, command: Switch) -> bool:
    """A county cadre choosing the township they act in from their private chat."""
    towns = [t for t in await ctx.store.townships.all()
             if acting_role(ctx.person.memberships, Unit(t.county_id, t.id)) is not None]
    if len(towns) < 2:
        return False  # "切换…" means nothing to someone of one township
    chosen = next((t for t in towns if command.township in (t.name, t.name.removesuffix("镇"))), None)
    if chosen is None:
        ctx.reply(f"没有找到“{command.township}”。您可切换到：{'、'.join(t.name for t in towns)}。")
        return True
    await ctx.store.people.act_in(ctx.person.id, chosen.id)
    ctx.reply(f"好的，现在按{chosen.name}办理。在{chosen.name}的工作群里发言时，总按该镇办理。")
    return True
