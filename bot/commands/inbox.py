"""`yuebao inbox failed|replay`: list the messages whose handling failed, and handle them again."""
from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.commands._common import CommandError, opened_app
from bot.config import Settings

if TYPE_CHECKING:
    from handlers.pipeline import Outcome
    from handlers.refs import InboxItem

STATUS = {"failed": "处理失败", "unreadable": "无法读取", "done": "已处理", "new": "尚未处理", "handling": "正在处理"}
SNIPPET = 40


def register(sub: argparse._SubParsersAction) -> None:
    """Add `inbox` with its `failed` and `replay` actions."""
    parser = sub.add_parser("inbox", help="收到的消息：查看处理失败的，重新处理 (failed messages, replay)")
    actions = parser.add_subparsers(dest="inbox_action", metavar="ACTION", required=True)
    failed = actions.add_parser("failed", help="列出处理失败或无法读取的消息 (list failed messages)")
    failed.add_argument("--limit", type=int, default=100, help="at most this many, oldest first")
    failed.set_defaults(run=run_failed)
    replay = actions.add_parser("replay", help="用当前程序重新处理 (handle again with the current code)")
    replay.add_argument("ids", nargs="*", type=int, metavar="ID", help="message numbers, as `inbox failed` lists")
    replay.add_argument("--failed", action="store_true", help="every failed or unreadable message")
    replay.set_defaults(run=run_replay)


def _line(item: InboxItem, settings: Settings) -> str:
    at = item.received_at.astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m-%d %H:%M") \
        if item.received_at else ""
    said = item.text if item.text is not None else item.raw
    said = said if len(said) <= SNIPPET else said[:SNIPPET] + "…"
    status = STATUS.get(item.status, item.status)
    return f"#{item.id}  {at}  {item.platform}  {status}  {said!r}\n    原因：{item.error}"


async def _failed(settings: Settings, limit: int) -> list[str]:
    async with opened_app(settings) as app:
        async with app.uow() as store:
            items = await store.inbox.failed(limit)
    if not items:
        return ["没有处理失败的消息。"]
    return [_line(item, settings) for item in items] + [
        f"共 {len(items)} 条。重新处理：yuebao inbox replay 编号…，或 yuebao inbox replay --failed"]


def run_failed(args: argparse.Namespace, settings: Settings) -> int:
    """Print the failed and unreadable messages, oldest first."""
    print("\n".join(asyncio.run(_failed(settings, args.limit))))
    return 0


def _result(inbox_id: int, outcome: Outcome) -> str:
    status = STATUS.get(outcome.status, outcome.status)
    if outcome.status == "missing":
        return f"#{inbox_id} 没有这条消息"
    if outcome.tried:
        return f"#{inbox_id} {status}" + (f"：{outcome.error}" if outcome.error else "")
    if outcome.error:  # not readable just now (the platform unreachable, or not configured here)
        return f"#{inbox_id} 暂时无法处理，仍为{status}：{outcome.error}"
    return f"#{inbox_id} 无需重新处理（{status}）"


async def _replay(settings: Settings, ids: list[int], every_failed: bool) -> tuple[list[str], bool]:
    # The platforms' adapters read their payloads (Telegram asks who the bot is); replies only go into the
    # outbox, which the running service sends, so nobody is messaged from here.
    async with opened_app(settings, platforms=True) as app:
        if every_failed:
            async with app.uow() as store:
                ids = [item.id for item in await store.inbox.failed(10_000)]
        outcomes = [(inbox_id, await app.pipeline.replay(inbox_id)) for inbox_id in ids]
    done = sum(outcome.status == "done" for _, outcome in outcomes)
    lines = [_result(inbox_id, outcome) for inbox_id, outcome in outcomes]
    return lines + [f"重新处理 {len(ids)} 条，现已处理 {done} 条。"], done == len(ids)


def run_replay(args: argparse.Namespace, settings: Settings) -> int:
    """Handle the given (or every failed) message again; 0 when all of them are now handled."""
    if bool(args.ids) == args.failed:
        raise CommandError("请给出消息编号（yuebao inbox replay 12 13），或用 --failed 重新处理全部失败的消息。")
    lines, all_done = asyncio.run(_replay(settings, args.ids, args.failed))
    print("\n".join(lines))
    return 0 if all_done else 1
