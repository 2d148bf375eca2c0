"""Who is who: registering with a one-time invite code, and binding a group chat to a village or township."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Callable, Sequence
from typing import Protocol

from handlers.context import Context
from handlers.ports import AuditRepo, DirectoryStore, InviteRepo, PeopleRepo, PlaceRepo, TownshipRepo
from handlers.roles import LEADERS, Unit, holds
from handlers.router import Router

router = Router()


class IdentityStore(DirectoryStore, Protocol):
    """What registering and binding chats use."""

    @property
    def people(self) -> PeopleRepo: ...
    @property
    def invites(self) -> InviteRepo: ...
    @property
    def places(self) -> PlaceRepo: ...
    @property
    def audit(self) -> AuditRepo: ...
    @property
    def townships(self) -> TownshipRepo: ...


class InviteStore(Protocol):
    """What making an invite code uses."""

    @property
    def invites(self) -> InviteRepo: ...
    @property
    def audit(self) -> AuditRepo: ...


INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and retyped
INVITE_LENGTH = 8
_CODE = re.compile(rf"^(?:/start\s+)?([{INVITE_ALPHABET}{INVITE_ALPHABET.lower()}]{{{INVITE_LENGTH}}})$")
HOW_TO_REGISTER = ("您好！您还没有登记，暂时无法使用。\n"
                   "请向镇党建办索取邀请码，把邀请码直接发给我即可完成登记。")
LEFT_ROSTER = "您好，名册已调整，您的账号已停用，暂时无法使用。如有疑问，请联系镇党建办。"
BIND_ROLES = LEADERS
INVITE_VALIDITY = dt.timedelta(days=7)


def new_invite_code(choice: Callable[[Sequence[str]], str] = secrets.choice) -> str:
    """A fresh random invite code."""
    return "".join(choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))


def hash_invite_code(code: str) -> str:
    """The stored form of a code: only a hash is kept, so the table never holds a usable code."""
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


async def issue_invite(store: InviteStore, person_id: int, now: dt.datetime,
                       choice: Callable[[Sequence[str]], str] = secrets.choice) -> str:
    """Create a one-time code for a person (valid 7 days) and return it; only its hash is stored."""
    code = new_invite_code(choice)
    await store.invites.create(person_id, hash_invite_code(code), now, now + INVITE_VALIDITY)
    await store.audit.record(None, "invite.create", f"person:{person_id}", {}, now)
    return code


async def unknown_sender(ctx: Context[IdentityStore]) -> None:
    """A sender with no identity: redeem an invite code, or explain how to register."""
    match = _CODE.match(ctx.args)
    if not match:
        if ctx.msg.addressed or not ctx.msg.chat.is_group:
            ctx.reply(LEFT_ROSTER if ctx.left_roster else HOW_TO_REGISTER)
        return
    person_id, outcome = await ctx.store.invites.redeem(hash_invite_code(match.group(1)), ctx.now)
    if person_id is None:
        ctx.reply({"used": "这个邀请码已经用过了。如需重新登记，请联系镇党建办重新生成。",
                   "expired": "这个邀请码已过期（有效期7天）。请联系镇党建办重新生成。"}
                  .get(outcome, "邀请码不正确，请核对后重新发送。"))
        return
    await ctx.store.people.link_identity(person_id, ctx.msg.platform, ctx.msg.sender.id, ctx.now)
    if not ctx.msg.chat.is_group:
        await ctx.store.people.set_direct_chat(ctx.msg.platform, ctx.msg.sender.id, ctx.msg.chat.id)
    await ctx.store.audit.record(person_id, "identity.link", f"{ctx.msg.platform}:{ctx.msg.sender.id}", {}, ctx.now)
    person = await ctx.store.people.by_identity(ctx.msg.platform, ctx.msg.sender.id)
    assert person is not None
    where = f"（{person.village}）" if person.village else f"（{person.township}）"
    ctx.reply(f"登记成功！欢迎您，{person.name}{where}。\n发送“帮助”查看可以做什么。")


@router.command("start", words=())
async def start(ctx: Context[IdentityStore]) -> None:
    """`/start` from someone already registered."""
    assert ctx.sender is not None
    ctx.reply(f"{ctx.sender.name}，您已经登记过了。发送“帮助”查看可以做什么。")


@router.command("bind", words=("绑定",), takes_args=True, roles=BIND_ROLES,
                refusal="抱歉，只有镇领导或党建办工作人员可以绑定群聊。")
async def bind(ctx: Context[IdentityStore]) -> None:
    """Bind this group chat to a village or to the township (leaders and admins)."""
    sender = ctx.person
    if not ctx.msg.chat.is_group:
        ctx.reply("请在要绑定的群里发送“绑定 村名”。")
        return
    if not ctx.args:
        ctx.reply("请在“绑定”后写上村名或镇名，例如：绑定 " + (await _example_village(ctx)))
        return
    place = await ctx.store.places.find(sender.township_id, ctx.args)
    if place is None:  # a county cadre may bind a group of any township they act in
        for town in await ctx.store.townships.all():
            if town.id != sender.township_id and holds(sender.memberships, BIND_ROLES, Unit(town.county_id, town.id)):
                place = place or await ctx.store.places.find(town.id, ctx.args)
    if place is None:
        names = "、".join(await ctx.store.places.village_names(sender.township_id))
        ctx.reply(f"没有找到“{ctx.args}”。可绑定：{sender.township}，或 {names}。")
        return
    await ctx.store.places.bind(ctx.msg.platform, ctx.msg.chat.id, place, sender.id, ctx.now)
    await ctx.store.audit.record(sender.id, "chat.bind", f"{ctx.msg.platform}:{ctx.msg.chat.id}",
                                 {"place": place.name}, ctx.now)
    ctx.reply(f"本群已绑定到{place.name}。")


@router.on_event("joined")
async def joined(ctx: Context[IdentityStore]) -> None:
    """The bot was added to a group: say what it is and how to bind the group."""
    ctx.reply("大家好，我是月报助手，帮各村整理每月项目进展。\n"
              "请镇领导或党建办在群里发送“绑定 村名”，把本群绑定到对应的村；发送“帮助”查看用法。")


@router.on_event("subscribe")
async def subscribed(ctx: Context[IdentityStore]) -> None:
    """Someone followed the Official Account: tell them how to register, or welcome them back."""
    if ctx.sender is None:
        ctx.reply(HOW_TO_REGISTER)
    else:
        ctx.reply(f"欢迎回来，{ctx.sender.name}。发送“帮助”查看可以做什么。")


@router.on_event("left")
async def left(ctx: Context[IdentityStore]) -> None:
    """The bot was removed from a group: forget the binding."""
    if await ctx.store.places.unbind(ctx.msg.platform, ctx.msg.chat.id):
        actor = ctx.sender.id if ctx.sender else None
        await ctx.store.audit.record(actor, "chat.unbind", f"{ctx.msg.platform}:{ctx.msg.chat.id}", {}, ctx.now)


async def _example_village(ctx: Context[IdentityStore]) -> str:
    assert ctx.sender is not None
    names = await ctx.store.places.village_names(ctx.sender.township_id)
    return names[0] if names else ctx.sender.township
