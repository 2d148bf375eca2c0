"""`yuebao invite NAME`: a one-time registration code for a registered person (valid 7 days)."""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from zoneinfo import ZoneInfo

from bot.commands._common import find_person, opened_app
from bot.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add `invite`."""
    parser = sub.add_parser("invite", help="生成登记邀请码 (one-time registration code)")
    parser.add_argument("name", help="registered person's name")
    parser.add_argument("--township", help="township, when the name exists in several")
    parser.set_defaults(run=run)


async def create_invite(settings: Settings, name: str, township: str | None) -> tuple[str, str, dt.datetime]:
    """(person name, code, expiry) for a new code; only the code's hash is stored."""
    from handlers.identity import INVITE_VALIDITY, issue_invite

    async with opened_app(settings) as app:
        person = await find_person(app, name, township)
        now = app.clock.now()
        async with app.uow() as store:
            code = await issue_invite(store, person.id, now)
        return person.name, code, now + INVITE_VALIDITY


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the code and how to use it."""
    name, code, expires = asyncio.run(create_invite(settings, args.name, args.township))
    local = expires.astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m-%d %H:%M")
    print(f"{name} 的邀请码：{code}（一次有效，{local} 前使用）")
    print(f"Telegram：给机器人发送 /start {code}；企业微信/微信：把 {code} 直接发给应用。")
    return 0
