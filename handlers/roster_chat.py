"""An admin keeping the roster in chat: 新增人员, 停用, 邀请, 新增项目, 把…的工作交给…; and 切换 for county cadres.

Every change is shown as a card first and done on "确认", written to the audit log. Invite codes are secrets:
they are given only in the private chat with the bot. The rules, cards and changes themselves are
handlers.roster_desk's, which the web console's admin pages use too; this module is chat's words around them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Protocol

from handlers import roster_desk
from handlers.confirm import settled
from handlers.context import Context
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
from handlers.roles import ADMINS, Unit, acting_role
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
    assert not isinstance(command, Switch)
    card = await roster_desk.card(ctx.store, ctx.person, await ctx.directory(), command)
    if isinstance(card, roster_desk.Refusal):
        ctx.reply(card.text)
        return None
    return card.text


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
    assert not isinstance(command, Switch)
    done = await roster_desk.do(ctx.store, ctx.person, await ctx.directory(), ctx.now, command)
    ctx.reply(done.text)
    if isinstance(done, roster_desk.Done) and done.notice is not None:
        notice = done.notice
        ctx.send_to(await ctx.store.people.direct_chats(notice.person_id), notice.text,
                    f"{notice.key}:{ctx.inbox_id}", not_before=notice.not_before)


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
