"""Telegram updates → the core's message model; nothing of python-telegram-bot goes past this module."""
from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, Update, User

from handlers.messages import Attachment, Chat, IncomingMessage, Sender

GROUP_TYPES = ("group", "supergroup")
JOINED, LEFT = ("member", "administrator"), ("left", "kicked")


@dataclass(frozen=True)
class BotIdentity:
    """Who the bot is on Telegram (from getMe): to tell when a group message is aimed at it."""

    id: int
    username: str


def _attachments(message: Message) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    if message.photo:
        largest = message.photo[-1]  # Telegram lists sizes smallest first
        found.append(Attachment("photo", largest.file_id, size=largest.file_size))
    if message.document:
        doc = message.document
        found.append(Attachment("document", doc.file_id, doc.file_name, doc.mime_type, doc.file_size))
    if message.voice:
        found.append(Attachment("voice", message.voice.file_id, mime=message.voice.mime_type,
                                size=message.voice.file_size))
    if message.location:
        found.append(Attachment("location", latitude=message.location.latitude,
                                longitude=message.location.longitude))
    return tuple(found)


def _addressed(message: Message, text: str, me: BotIdentity) -> bool:
    """In a group: a command, an @mention of the bot, or a reply to the bot. Private chats always are."""
    if message.chat.type not in GROUP_TYPES:
        return True
    if text.startswith("/"):
        return True
    if f"@{me.username}".lower() in text.lower():
        return True
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == me.id)


def _strip_mention(text: str, me: BotIdentity) -> str:
    mention = f"@{me.username}"
    index = text.lower().find(mention.lower())
    if index < 0:
        return text
    return (text[:index] + text[index + len(mention):]).strip()


def _sender(user: User) -> Sender:
    return Sender(str(user.id), user.full_name)


def _chat(message: Message) -> Chat:
    chat = message.chat
    return Chat(str(chat.id), chat.type in GROUP_TYPES, chat.title)


def translate(update: Update, me: BotIdentity, key: str) -> IncomingMessage | None:
    """The core's message for an update stored under `key`, or None for updates the bot does not act on."""
    if update.callback_query is not None:
        query = update.callback_query
        message = query.message
        if not isinstance(message, Message) or query.data is None:
            return None
        return IncomingMessage("telegram", key, _chat(message), _sender(query.from_user), "", message.date,
                               reply_to=str(message.message_id), action=query.data)
    if update.my_chat_member is not None:
        change = update.my_chat_member
        event = ("joined" if change.new_chat_member.status in JOINED and change.old_chat_member.status in LEFT
                 else "left" if change.new_chat_member.status in LEFT else None)
        if event is None:
            return None
        chat = change.chat
        return IncomingMessage("telegram", key, Chat(str(chat.id), chat.type in GROUP_TYPES, chat.title),
                               _sender(change.from_user), "", change.date, event=event)
    message = update.message or update.edited_message
    if message is None or message.from_user is None:
        return None
    text = message.text or message.caption or ""
    addressed = _addressed(message, text, me)
    replied = message.reply_to_message
    return IncomingMessage(
        "telegram", key, _chat(message), _sender(message.from_user), _strip_mention(text, me),
        message.edit_date or message.date, attachments=_attachments(message),
        reply_to=str(replied.message_id) if replied else None, addressed=addressed,
        edited=update.edited_message is not None,
    )
