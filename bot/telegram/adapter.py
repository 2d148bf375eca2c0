"""Telegram in: updates (from the webhook or long polling) through the pipeline, the sender woken after."""
from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import Bot, Update
from telegram.error import TelegramError

from bot.telegram.translate import BotIdentity, translate
from bot.telegram.transport import POLL_TIMEOUT, TelegramTransport
from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline

log = logging.getLogger(__name__)

FETCH_TIMEOUT = 5.0


class TelegramAdapter:
    """Turns updates into pipeline messages; knows the bot's own identity for group mentions."""

    def __init__(self, bot: Bot, pipeline: Pipeline, transport: TelegramTransport, files_dir: Path | None,
                 on_stored: Callable[[], None] = lambda: None) -> None:
        self.bot = bot
        self.pipeline = pipeline
        self.transport = transport
        self.files_dir = files_dir
        self.on_stored = on_stored
        self.me: BotIdentity | None = None

    async def start(self) -> BotIdentity:
        """Learn who the bot is (getMe)."""
        await self.bot.initialize()
        user = await self.bot.get_me()
        self.me = BotIdentity(user.id, user.username or "")
        return self.me

    def parse(self, data: Any) -> Update:
        """An update from its JSON; ValueError when it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            raise ValueError("not a Telegram update")
        try:
            return Update.de_json(data, self.bot)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a Telegram update: {exc}") from exc

    async def handle(self, update: Update) -> bool:
        """Store and handle one update; False when it was a repeat (or not something the bot acts on)."""
        assert self.me is not None, "start() first"
        if update.callback_query is not None:
            await self.transport.answer_button(update.callback_query.id)
        msg = translate(update, self.me)
        if msg is None:
            return False
        msg = await self._with_copies(msg)
        handled = await self.pipeline.handle(msg)
        self.on_stored()
        return handled

    async def _with_copies(self, msg: IncomingMessage) -> IncomingMessage:
        if self.files_dir is None or not any(a.file_id and a.kind != "location" for a in msg.attachments):
            return msg
        folder = self.files_dir / "telegram"
        kept = []
        for attachment in msg.attachments:
            path = None
            if attachment.file_id:
                try:
                    path = await asyncio.wait_for(self.transport.fetch(attachment.file_id, folder), FETCH_TIMEOUT)
                except TimeoutError:
                    log.warning("telegram file %s: no copy kept (timed out)", attachment.file_id)
            kept.append(dataclasses.replace(attachment, stored_path=path))
        return dataclasses.replace(msg, attachments=tuple(kept))

    async def poll(self, stop: asyncio.Event, *, timeout: int = POLL_TIMEOUT) -> None:
        """Long polling until `stop` is set (used when no public webhook URL is configured)."""
        await self.bot.delete_webhook()
        offset = 0
        while not stop.is_set():
            try:
                updates = await self.bot.get_updates(offset=offset, timeout=timeout)
            except TelegramError as exc:
                log.warning("getUpdates failed: %s", exc)
                await asyncio.sleep(2)
                continue
            for update in updates:
                try:
                    await self.handle(update)
                except Exception:  # not stored: ask for it again (from this one on) after a pause
                    log.exception("telegram update %s could not be stored; asking again", update.update_id)
                    await asyncio.sleep(2)
                    break
                offset = update.update_id + 1
