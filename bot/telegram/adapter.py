"""Telegram in: updates (from the webhook or long polling) stored as received, then read for the pipeline."""
from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.request import HTTPXRequest

from bot.telegram.payload import NotAnUpdate, update_of
from bot.telegram.translate import BotIdentity, translate
from bot.telegram.transport import TelegramTransport
from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline, Unreadable

log = logging.getLogger(__name__)

FETCH_TIMEOUT = 5.0
POLL_TIMEOUT = 30  # seconds a getUpdates call waits for news
PLATFORM = "telegram"


class TelegramAdapter:
    """Stores updates and reads them for the pipeline; knows the bot's own identity for group mentions."""

    def __init__(self, bot: Bot, pipeline: Pipeline, transport: TelegramTransport, files_dir: Path | None,
                 on_stored: Callable[[], None] = lambda: None) -> None:
        self.bot = bot
        self.pipeline = pipeline
        self.transport = transport
        self.files_dir = files_dir
        self.on_stored = on_stored
        self.me: BotIdentity | None = None
        pipeline.register(PLATFORM, self)

    async def start(self) -> BotIdentity:
        """Learn who the bot is (getMe)."""
        await self.bot.initialize()
        user = await self.bot.get_me()
        self.me = BotIdentity(user.id, user.username or "")
        return self.me

    async def accept(self, body: bytes) -> bool:
        """Store a webhook body that is an update, to be handled right after; NotAnUpdate when it is not one,
        False when it was delivered before."""
        key, raw = update_of(body)
        return await self.pipeline.accept(PLATFORM, key, raw, self.on_stored)

    async def read(self, raw: str, key: str) -> IncomingMessage | None:
        """The core's message for a stored update (None for what the bot does not act on)."""
        me = self.me or await self.start()  # the sweep may come before start(); a failure here is a retry
        try:
            return translate(Update.de_json(json.loads(raw), self.bot), me, key)
        except Exception as exc:  # whatever the update holds, it is kept and marked, never retried forever
            raise Unreadable(f"{type(exc).__name__}: {exc}") from exc

    async def before_handling(self, raw: str, msg: IncomingMessage) -> IncomingMessage:
        """Stop a pressed button's spinner and keep copies of files: network steps, once the update is stored."""
        if msg.action is not None:
            await self.transport.answer_button(str(json.loads(raw)["callback_query"]["id"]))
        return await self._with_copies(msg)

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
        # getUpdates is called for the JSON itself: PTB's get_updates would parse every update first, and one
        # it cannot parse would then stop all the others, for good.
        async with HTTPXRequest(connection_pool_size=1, read_timeout=timeout + 10) as request:
            while not stop.is_set():
                query = urlencode({"offset": offset, "timeout": timeout})
                try:
                    updates = await request.post(f"{self.bot.base_url}/getUpdates?{query}")
                except TelegramError as exc:
                    log.warning("getUpdates failed: %s", exc)
                    await asyncio.sleep(2)
                    continue
                for update in updates if isinstance(updates, list) else []:
                    try:
                        key, raw = update_of(json.dumps(update).encode())
                    except NotAnUpdate as exc:  # not an update at all: nothing to store or to ask for again
                        log.warning("getUpdates returned something else: %s", exc)
                        continue
                    try:
                        await self.pipeline.accept(PLATFORM, key, raw, self.on_stored)
                    except Exception:  # not stored: ask for it again (from this one on) after a pause
                        log.exception("telegram update %s could not be stored; asking again", key)
                        await asyncio.sleep(2)
                        break
                    offset = update["update_id"] + 1
