"""The console adapter: talk to the real pipeline from a terminal (or a script) as a registered person."""
from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from bot.app import App
from handlers.messages import Attachment, Chat, IncomingMessage, Sender

PLATFORM = "console"


def render_payload(payload: dict[str, Any]) -> str:
    """A stored outgoing message as terminal text, buttons shown as [label]."""
    lines = [payload.get("text", "")]
    for row in payload.get("buttons") or []:
        lines.append("  ".join(f"[{b['label']}]" for b in row))
    lines += [f"📎 {a.get('name') or a.get('file_id')}" for a in payload.get("attachments") or []]
    return "\n".join(line for line in lines if line)


class ConsoleTransport:
    """Delivers outbox messages of the console platform to a callback (a terminal or a transcript)."""

    platform = PLATFORM
    limits = None

    def __init__(self, sink: Callable[[str, str], None]) -> None:
        self._sink = sink
        self._ids = itertools.count(1)

    def is_group(self, chat_id: str) -> bool:
        """Console group chats are named group:…"""
        return chat_id.startswith("group:")

    def direct_chat(self, platform_user_id: str) -> str:
        """A private chat's id is the user's id, as on Telegram and WeCom."""
        return platform_user_id

    def split(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """A terminal takes any length."""
        return [payload]

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        """Hand the rendered text to the sink."""
        self._sink(chat_id, render_payload(payload))
        return str(next(self._ids))


class ConsoleUser:
    """One person at the console, in a private chat or a named group chat."""

    def __init__(self, app: App, sender_id: str, display_name: str, *, key_prefix: str = "") -> None:
        self.app = app
        self.sender = Sender(sender_id, display_name)
        self.chat = Chat(sender_id)  # a private chat's id is the user's id, as on the real platforms
        self._keys = itertools.count(1)
        self._key_prefix = key_prefix or sender_id

    def enter_group(self, name: str) -> None:
        """Speak in the group chat called `name` from now on."""
        self.chat = Chat(f"group:{name}", is_group=True, title=name)

    def enter_private(self) -> None:
        """Speak in the private chat with the bot from now on."""
        self.chat = Chat(self.sender.id)

    def message(self, text: str, attachments: tuple[Attachment, ...] = (), *,
                addressed: bool = True) -> IncomingMessage:
        """The message this user would send now; `addressed` False is group chatter not aimed at the bot."""
        return IncomingMessage(
            platform=PLATFORM, key=f"{self._key_prefix}:{next(self._keys)}", chat=self.chat, sender=self.sender,
            text=text, sent_at=self.app.clock.now(), attachments=attachments, addressed=addressed,
        )

    async def say(self, text: str, attachments: tuple[Attachment, ...] = (), *, addressed: bool = True) -> None:
        """Send `text` through the pipeline and deliver whatever the bot answers."""
        await self.app.pipeline.handle(self.message(text, attachments, addressed=addressed))
        await self.app.sender.drain()
