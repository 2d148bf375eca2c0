"""`yuebao invite NAME…` or `yuebao invite --village 村名`: one-time registration codes (valid 7 days)."""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from zoneinfo import ZoneInfo

from bot.commands._common import CommandError, find_person, opened_app
from bot.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add `invite`."""
    parser = sub.add_parser("invite", help="生成登记邀请码 (one-time registration codes)")
    parser.add_argument("names", nargs="*", metavar="NAME", help="registered people's names")
    parser.add_argument("--village", help="everyone registered on this village (村/社区)")
    parser.add_argument("--township", help="township, when a name or the village exists in several")
    parser.set_defaults(run=run)


async def create_invites(settings: Settings, names: list[str], village: str | None,
                         township: str | None) -> tuple[list[tuple[str, str]], dt.datetime]:
    """(person name, code) for each person asked for, and when the codes expire; only hashes are stored."""
    from handlers.identity import INVITE_VALIDITY, issue_invite

    async with opened_app(settings) as app:
        people = [await find_person(app, name, township) for name in names]
        now = app.clock.now()
        async with app.uow() as store:
            ids = [(p.id, p.name) for p in people]
            if village:
                towns = [t for t in await store.townships.all() if township in (None, t.name)]
                places = [p for t in towns if (p := await store.places.find(t.id, village)) and p.village_id]
                if len(places) != 1:
                    raise CommandError(f"没有找到“{village}”。" if not places else
                                       f"多个乡镇都有“{village}”，请加 --township 指定。")
                assert places[0].village_id is not None
                ids += [(p.id, p.name) for p in await store.roster.village_people(places[0].village_id)
                        if p.id not in {i for i, _ in ids}]
                if not ids:
                    raise CommandError(f"{village}在名册中还没有人员。")
            codes = [(name, await issue_invite(store, person_id, now)) for person_id, name in ids]
        return codes, now + INVITE_VALIDITY


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the codes and how to use them."""
    if not args.names and not args.village:
        raise CommandError("请写上姓名（可以写几个），或用 --village 村名 为全村人员生成。")
    codes, expires = asyncio.run(create_invites(settings, args.names, args.village, args.township))
    local = expires.astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m-%d %H:%M")
    for name, code in codes:
        print(f"{name} 的邀请码：{code}（一次有效，{local} 前使用）")
    code = codes[0][1] if len(codes) == 1 else "邀请码"
    print(f"Telegram：给机器人发送 /start {code}；企业微信/微信：把 {code} 直接发给应用。")
    return 0
