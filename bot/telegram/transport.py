"""Sending to Telegram through python-telegram-bot's Bot: texts, cards with inline buttons, edits, files."""
from __future__ import annotations

import datetime as dt
import logging
import warnings
from pathlib import Path
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.pacing import TELEGRAM_LIMITS
from bot.transport import SendError, split_lines
from storage.private_files import write_private

log = logging.getLogger(__name__)

MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64


SEND_CONNECTIONS = 64


def bot_for(token: str, api_base: str) -> Bot:
    """A Bot talking to `api_base` (a server root: requests go to {root}/bot{token}/{method})."""
    root = api_base.rstrip("/")
    # PTB's default pool has one connection: concurrent sends would queue there and reach Telegram in
    # bunches the pacing never meant, so the sender gets a pool of its own size.
    sending = HTTPXRequest(connection_pool_size=SEND_CONNECTIONS, pool_timeout=30.0)
    return Bot(token, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot", request=sending)


def _markup(rows: list[list[dict[str, str]]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b["label"], callback_data=b["data"][:MAX_CALLBACK_DATA])
                                  for b in row] for row in rows])


def _seconds(value: int | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def _as_send_error(exc: TelegramError) -> SendError:
    if isinstance(exc, RetryAfter):
        with warnings.catch_warnings():  # PTB 22 deprecates the int form; either form is read here
            warnings.simplefilter("ignore")
            return SendError(f"429 {exc.message}", retry_after=_seconds(exc.retry_after))
    if isinstance(exc, Forbidden):  # blocked by the user, kicked from the group: retrying cannot help
        return SendError(f"403 {exc.message}", permanent=True)
    if isinstance(exc, BadRequest):
        return SendError(f"400 {exc.message}", permanent=True)
    if isinstance(exc, TimedOut):  # the request may have reached Telegram all the same
        return SendError(f"network: {exc.message}", possibly_sent=True)
    if isinstance(exc, NetworkError):  # 5xx answers, connections refused or reset
        return SendError(f"network: {exc.message}")
    return SendError(f"telegram: {exc.message}")


class TelegramTransport:
    """The sender's way out to Telegram."""

    platform = "telegram"
    limits = TELEGRAM_LIMITS

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def is_group(self, chat_id: str) -> bool:
        """Group and supergroup ids are negative."""
        return chat_id.startswith("-")

    def direct_chat(self, platform_user_id: str) -> str:
        """A private chat's id is the user's id."""
        return platform_user_id

    def split(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """Text in parts under 4,096 characters (buttons on the last), then one part per file."""
        texts = split_lines(payload.get("text", ""), lambda s: len(s) <= MAX_TEXT)
        parts: list[dict[str, Any]] = [{"text": t} for t in texts if t.strip()]
        if parts:
            parts[-1]["buttons"] = payload.get("buttons") or []
            if payload.get("edit_of") and len(parts) == 1:
                parts[0]["edit_of"] = payload["edit_of"]
        parts += [{"attachment": a} for a in payload.get("attachments") or []]
        return parts

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        """Send one part; the new (or edited) message's id."""
        try:
            if "attachment" in payload:
                message = await self._send_file(chat_id, payload["attachment"])
            elif payload.get("edit_of"):
                return await self._edit(chat_id, payload)
            else:
                message = await self.bot.send_message(chat_id, payload["text"],
                                                      reply_markup=_markup(payload.get("buttons") or []))
        except TelegramError as exc:
            raise _as_send_error(exc) from exc
        return str(message.message_id)

    async def _edit(self, chat_id: str, payload: dict[str, Any]) -> str:
        try:
            await self.bot.edit_message_text(payload["text"], chat_id=chat_id, message_id=int(payload["edit_of"]),
                                             reply_markup=_markup(payload.get("buttons") or []))
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():  # pressing the same button twice changes nothing
                raise
        return str(payload["edit_of"])

    async def _send_file(self, chat_id: str, attachment: dict[str, Any]) -> Any:
        path = attachment.get("stored_path")
        source: Any = attachment["file_id"]
        if path:
            try:
                source = Path(path).read_bytes()
            except OSError as exc:  # the stored copy is gone or unreadable: no retry brings it back
                raise SendError(f"file {Path(path).name}: {exc.strerror}", permanent=True) from exc
        caption = attachment.get("name")
        if attachment.get("kind") == "photo":
            return await self.bot.send_photo(chat_id, source, caption=caption)
        return await self.bot.send_document(chat_id, source, filename=attachment.get("name"), caption=caption)

    async def answer_button(self, callback_query_id: str) -> None:
        """Stop the spinner on a pressed button; the result shows in the edited card."""
        try:
            await self.bot.answer_callback_query(callback_query_id)
        except TelegramError as exc:  # expired or answered already: nothing to do
            log.info("answerCallbackQuery failed: %s", exc)

    async def fetch(self, file_id: str, folder: Path) -> str | None:
        """Keep a copy of a photo or file under `folder` (0600, in 0700 folders); its path, or None when it cannot
        be had."""
        try:
            file = await self.bot.get_file(file_id)
            suffix = Path(file.file_path or "").suffix
            target = folder / f"{file.file_unique_id}{suffix}"
            write_private(target, bytes(await file.download_as_bytearray()))  # people's photos: the owner's only
            return str(target)
        except (TelegramError, OSError) as exc:
            log.warning("could not keep a copy of telegram file: %s", exc)
            return None
