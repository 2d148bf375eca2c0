"""The web console from chat: "网页" sends a one-time sign-in link; an admin's "注销网页登录 张三" signs someone out.

A link is a secret like an invite code: it is sent only in the private chat, bound to the person and the chat
account that asked, valid for ten minutes and once. Asking is bounded per person (links are not free to mint).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Protocol

from handlers.context import Context
from handlers.ports import AuditRepo, DirectoryStore, RosterRepo
from handlers.roles import ADMINS
from handlers.router import Router
from handlers.web_ports import SignIn, WebLoginRepo

router = Router()
LINK_VALIDITY = dt.timedelta(minutes=10)
LINKS_PER_HOUR = 5
LOGIN_PATH = "/console/login"


class WebLoginStore(DirectoryStore, Protocol):
    """What the console's sign-in in chat uses."""

    @property
    def web_logins(self) -> WebLoginRepo: ...
    @property
    def roster(self) -> RosterRepo: ...
    @property
    def audit(self) -> AuditRepo: ...


def hash_secret(secret: str) -> str:
    """The stored form of a link's or a session's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@router.command("web", words=("网页", "网页版", "电脑版"))
async def web_link(ctx: Context[WebLoginStore]) -> None:
    """A one-time link to the console, in the private chat only."""
    if ctx.console_url is None:
        ctx.reply("网页版尚未开通，请联系管理员。")
        return
    if ctx.msg.chat.is_group:
        ctx.reply("登录链接只能私聊发送。请在与我的私聊中发送“网页”。")
        return
    person = ctx.person
    if await ctx.store.web_logins.links_since(person.id, ctx.now - dt.timedelta(hours=1)) >= LINKS_PER_HOUR:
        ctx.reply(f"一小时内最多发送{LINKS_PER_HOUR}个登录链接，请稍后再试。")
        return
    token = secrets.token_urlsafe(32)
    who = SignIn(person.id, ctx.msg.platform, ctx.msg.sender.id)
    await ctx.store.web_logins.create_link(hash_secret(token), who, ctx.now, ctx.now + LINK_VALIDITY)
    link = f"{ctx.console_url}{LOGIN_PATH}?token={token}"
    ctx.reply(f"🔗 网页版登录链接（10分钟内有效，只能用一次，请勿转发）：\n{link}\n"
              "登录后8小时内有效；用完可在网页上点“退出”。")


@router.command("webrevoke", words=("注销网页登录",), args=r"\S{1,32}", roles=ADMINS,
                refusal="抱歉，注销网页登录需由党建办管理员操作。")
async def revoke(ctx: Context[WebLoginStore]) -> None:
    """An admin ends every console session of someone on their roster."""
    name = ctx.args.strip()
    person = await ctx.store.roster.person(ctx.person.township_id, name)
    if person is None:
        ctx.reply(f"抱歉，名册中没有“{name}”。")
        return
    ended = await ctx.store.web_logins.revoke(person.id, ctx.now)
    await ctx.store.audit.record(ctx.person.id, "web.revoke", f"person:{person.id}", {"sessions": ended}, ctx.now)
    ctx.reply(f"✅ 已注销{person.name}的网页登录（{ended}处），未用的登录链接也已作废。" if ended
              else f"{person.name}目前没有网页登录；未用的登录链接已作废。")
