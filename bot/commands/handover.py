"""`yuebao handover 旧 新`: move someone's open tasks, projects and pending questions to someone else (换届)."""
from __future__ import annotations

import argparse
import asyncio

from bot.commands._common import CommandError, opened_app
from bot.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add `handover`."""
    parser = sub.add_parser("handover", help="移交工作 (hand someone's open work over to someone else)",
                            description="把一个人（通常是已停用的）未办结的任务、负责的项目移交给另一人，逐项记录。")
    parser.add_argument("old", help="who hands over (usually deactivated by a 换届 import)")
    parser.add_argument("new", help="who takes over (active, of the same township)")
    parser.add_argument("--township", help="township, when the names exist in several")
    parser.set_defaults(run=run)


async def hand_over(settings: Settings, old: str, new: str, township: str | None) -> list[str]:
    """Lines saying what moved; CommandError when either person is not found or the new one is inactive."""
    async with opened_app(settings) as app, app.uow() as store:
        towns = [t for t in await store.townships.all() if township in (None, t.name)]
        found = [(t, o, n) for t in towns
                 if (o := await store.roster.person(t.id, old)) is not None
                 and (n := await store.roster.person(t.id, new)) is not None]
        if not found:
            where = f"{township}" if township else "同一乡镇"
            raise CommandError(f"没有在{where}的名册中同时找到“{old}”和“{new}”。")
        if len(found) > 1:
            raise CommandError(f"多个乡镇都有“{old}”和“{new}”（{'、'.join(t.name for t, _, _ in found)}），"
                               "请加 --township 指定。")
        town, before, after = found[0]
        if not after.active:
            raise CommandError(f"{after.name}已停用，不能接手工作。")
        moved = await store.roster.hand_over(town.id, before.id, after.id, None, app.clock.now())
        await store.audit.record(None, "roster.handover", f"person:{before.id}",
                                 {"to": after.id, "tasks": len(moved.tasks), "projects": len(moved.projects)},
                                 app.clock.now())
    lines = [f"已把{before.name}的工作移交给{after.name}（{town.name}）："]
    lines += [f"  任务：{'；'.join(moved.tasks)}"] if moved.tasks else []
    lines += [f"  项目：{'；'.join(moved.projects)}"] if moved.projects else []
    lines += [f"  另有 {moved.questions} 个待{before.name}回复的问题已撤下。"] if moved.questions else []
    if len(lines) == 1:
        lines = [f"{before.name}没有未办结的任务或负责的项目，无需移交。"]
    return lines


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Hand over and print what moved."""
    print("\n".join(asyncio.run(hand_over(settings, args.old, args.new, args.township))))
    return 0
