"""`yuebao chat --as NAME`: a terminal chat with the bot as a registered person, on the local database."""
from __future__ import annotations

import argparse
import asyncio
import sys
import uuid
from pathlib import Path

from bot.commands._common import find_person, opened_app
from bot.commands.registry_import import NEEDS_APPLY, describe, import_file
from bot.config import Settings

BOT_NAME = "月报助手"
CONSOLE_HELP = ("（控制台指令：“::群 名称” 切换到群聊，“::私聊” 回到私聊，“::文件 路径” 发送文件，“::退出” 结束。"
                "其余内容都作为消息发给机器人。）")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `chat`."""
    parser = sub.add_parser("chat", help="在终端以某人身份与机器人对话 (terminal chat as a person)")
    parser.add_argument("--as", dest="name", required=True, help="registered person's name")
    parser.add_argument("--registry", help="import (or update) this registry file first")
    parser.add_argument("--township", help="township, when the name exists in several")
    parser.set_defaults(run=run)


def _print_reply(chat_id: str, text: str) -> None:
    print(f"{BOT_NAME}：{text}\n", flush=True)


async def _chat(settings: Settings, name: str, township: str | None) -> None:
    from bot.console import PLATFORM, ConsoleTransport, ConsoleUser
    from handlers.messages import Attachment

    transports = {PLATFORM: ConsoleTransport(_print_reply)}
    async with opened_app(settings, transports) as app:
        person = await find_person(app, name, township)
        # Whoever runs the console on this machine acts as that person: link a console account to them.
        async with app.uow() as store:
            await store.people.link_identity(person.id, PLATFORM, f"person:{person.id}", app.clock.now())
        user = ConsoleUser(app, f"person:{person.id}", person.name, key_prefix=f"chat-{uuid.uuid4().hex[:12]}")
        print(f"您现在是 {person.name}（{person.village or person.township}），在与{BOT_NAME}私聊。{CONSOLE_HELP}\n")
        loop = asyncio.get_running_loop()
        while True:
            try:
                line = await loop.run_in_executor(None, input, f"{person.name}> ")
            except EOFError:
                break
            line = line.strip()
            if not line:
                continue
            if line in ("::退出", "::quit"):
                break
            if line.startswith("::群"):
                user.enter_group(line[3:].strip() or "测试群")
                print(f"（已进入群聊：{user.chat.title}）")
                continue
            if line.startswith("::私聊"):
                user.enter_private()
                print("（已回到私聊）")
                continue
            if line.startswith("::文件"):  # a file sent to the bot, as a platform delivers a document
                path = Path(line[4:].strip()).expanduser().resolve()
                if not path.is_file():
                    print(f"（没有这个文件：{path}）")
                    continue
                await user.say("", (Attachment("document", path.name, path.name, stored_path=str(path)),))
                continue
            await user.say(line)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Import the registry if given, then chat until EOF or ::退出."""
    try:
        if args.registry:
            summary = asyncio.run(import_file(settings, args.registry))
            if not summary.applied:  # a 换届 file: shown, written only by `yuebao import --apply`
                print("\n".join(describe(summary, args.registry)))
                return NEEDS_APPLY
            print(f"已导入名册：{summary.scope}")
        asyncio.run(_chat(settings, args.name, args.township))
    except KeyboardInterrupt:
        print(file=sys.stderr)
    return 0
