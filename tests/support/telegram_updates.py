"""Builders of Telegram Bot API update JSON for tests and benchmarks.

Every builder returns plain dicts shaped exactly like the Bot API's Update, Message, User, Chat,
CallbackQuery and ChatMemberUpdated objects (the field names python-telegram-bot's `de_json` reads),
so they can be pushed into `FakeTelegram.push_update`, posted to a webhook, or parsed with
`telegram.Update.de_json`. Entity offsets and lengths are in UTF-16 code units, as Telegram sends them.

Dates default to `DEFAULT_DATE` (2026-03-02 09:00 Beijing time, the tests' fake clock) so fixtures are
deterministic; message ids default to the update id.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

JsonDict = dict[str, Any]

DEFAULT_DATE = 1772413200  # 2026-03-02 01:00:00 UTC = 09:00 in Beijing
TEST_BOT_ID = 123  # the bot id of token "123:TEST", as FakeTelegram's getMe reports it
TEST_BOT_USERNAME = "yuebao_test_bot"

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/@])")
_MENTION = re.compile(r"(?<![A-Za-z0-9_@/])@[A-Za-z0-9_]{4,32}(?![A-Za-z0-9_])")
_PHOTO_SIZES = ((90, 67), (320, 240), (800, 600), (1280, 960), (2560, 1920))
_ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
    "can_delete_stories", "can_pin_messages", "can_manage_topics",
)
_RESTRICTED_RIGHTS = (
    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
    "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
    "can_add_web_page_previews", "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics",
    "can_edit_tag", "can_react_to_messages",
)


# --- users and chats -----------------------------------------------------------------------------------------


def user(id: int, first_name: str, username: str | None = None, *, last_name: str | None = None,
         is_bot: bool = False, language_code: str | None = "zh-hans") -> JsonDict:
    """A Telegram User."""
    out: JsonDict = {"id": id, "is_bot": is_bot, "first_name": first_name}
    if last_name is not None:
        out["last_name"] = last_name
    if username is not None:
        out["username"] = username
    if language_code is not None and not is_bot:
        out["language_code"] = language_code
    return out


def bot_user(id: int = TEST_BOT_ID, username: str = TEST_BOT_USERNAME, first_name: str = "Yuebao (test)") -> JsonDict:
    """The bot itself as a User (defaults match FakeTelegram's getMe for token "123:TEST")."""
    return user(id, first_name, username, is_bot=True)


def private_chat(user: JsonDict) -> JsonDict:
    """The private Chat with a user (its id is the user's id)."""
    out: JsonDict = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    for name in ("last_name", "username"):
        if name in user:
            out[name] = user[name]
    return out


def group_chat(id: int, title: str, *, chat_type: str = "supergroup") -> JsonDict:
    """A group Chat; supergroup by default (ids like -100...), `chat_type="group"` for a basic group."""
    if id >= 0:
        raise ValueError("group chat ids are negative")
    return {"id": id, "type": chat_type, "title": title}


# --- messages ------------------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def entities(text: str) -> list[JsonDict]:
    """The entities Telegram marks in plain text: a leading /command and @mentions."""
    found: list[tuple[int, int, str]] = []
    if command := _COMMAND.match(text):
        found.append((command.start(), command.end(), "bot_command"))
    found += [(m.start(), m.end(), "mention") for m in _MENTION.finditer(text)]
    return [
        {"offset": utf16_len(text[:start]), "length": utf16_len(text[start:end]), "type": kind}
        for start, end, kind in sorted(found)
    ]


def message(chat: JsonDict, from_user: JsonDict | None, text: str | None = None, *, message_id: int,
            date: int = DEFAULT_DATE, reply_to: JsonDict | None = None, reply_markup: JsonDict | None = None,
            **content: Any) -> JsonDict:
    """A Message; `text` gets its entities, `content` adds other fields (photo, caption, location...)."""
    out: JsonDict = {"message_id": message_id}
    if from_user is not None:
        out["from"] = from_user
    out.update(chat=chat, date=date)
    if reply_to is not None:
        out["reply_to_message"] = {name: val for name, val in reply_to.items() if name != "reply_to_message"}
    if text is not None:
        out["text"] = text
        if found := entities(text):
            out["entities"] = found
    caption = content.pop("caption", None)
    out.update(content)
    if caption is not None:
        out["caption"] = caption
        if found := entities(caption):
            out["caption_entities"] = found
    if reply_markup is not None:
        out["reply_markup"] = reply_markup
    return out


def inline_keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> JsonDict:
    """An InlineKeyboardMarkup from rows of (button text, callback_data)."""
    return {"inline_keyboard": [[{"text": text, "callback_data": data} for text, data in row] for row in rows]}


def _file_unique_id(file_id: str) -> str:
    return "U" + hashlib.sha1(file_id.encode()).hexdigest()[:15]


def photo_sizes(file_ids: Sequence[str]) -> list[JsonDict]:
    """A photo as Telegram sends it: PhotoSize objects, smallest first."""
    out = []
    for index, file_id in enumerate(file_ids):
        last = len(_PHOTO_SIZES) - 1
        width, height = _PHOTO_SIZES[min(index, last)]
        scale = 2 ** max(0, index - last)
        width, height = width * scale, height * scale
        out.append({"file_id": file_id, "file_unique_id": _file_unique_id(file_id), "file_size": width * height // 8,
                    "width": width, "height": height})
    return out


# --- updates -------------------------------------------------------------------------------------------------


def message_update(update_id: int, chat: JsonDict, from_user: JsonDict, text: str, *, message_id: int | None = None,
                   date: int = DEFAULT_DATE, reply_to: JsonDict | None = None) -> JsonDict:
    """An Update with a new text message."""
    return {"update_id": update_id,
            "message": message(chat, from_user, text, message_id=message_id or update_id, date=date,
                               reply_to=reply_to)}


def edited_message_update(update_id: int, chat: JsonDict, from_user: JsonDict, text: str, message_id: int, *,
                          date: int = DEFAULT_DATE, edit_date: int | None = None) -> JsonDict:
    """An Update with an edited text message (the whole message, as edited, with edit_date)."""
    edited = message(chat, from_user, text, message_id=message_id, date=date,
                     edit_date=edit_date if edit_date is not None else date + 60)
    return {"update_id": update_id, "edited_message": edited}


def photo_update(update_id: int, chat: JsonDict, from_user: JsonDict, *, caption: str | None = None,
                 file_ids: Sequence[str] = ("small", "large"), message_id: int | None = None,
                 date: int = DEFAULT_DATE, media_group_id: str | None = None) -> JsonDict:
    """An Update with a photo (sizes ascending, the last is the largest) and an optional caption."""
    extra: JsonDict = {"media_group_id": media_group_id} if media_group_id is not None else {}
    sent = message(chat, from_user, message_id=message_id or update_id, date=date, photo=photo_sizes(file_ids),
                   caption=caption, **extra)
    return {"update_id": update_id, "message": sent}


def document_update(update_id: int, chat: JsonDict, from_user: JsonDict, file_id: str, file_name: str,
                    mime_type: str, caption: str | None = None, *, file_size: int = 2048,
                    message_id: int | None = None, date: int = DEFAULT_DATE) -> JsonDict:
    """An Update with a document (a file sent as a file, e.g. a spreadsheet)."""
    document = {"file_name": file_name, "mime_type": mime_type, "file_id": file_id,
                "file_unique_id": _file_unique_id(file_id), "file_size": file_size}
    sent = message(chat, from_user, message_id=message_id or update_id, date=date, document=document,
                   caption=caption)
    return {"update_id": update_id, "message": sent}


def location_update(update_id: int, chat: JsonDict, from_user: JsonDict, latitude: float, longitude: float, *,
                    horizontal_accuracy: float | None = None, message_id: int | None = None,
                    date: int = DEFAULT_DATE) -> JsonDict:
    """An Update with a shared location."""
    location: JsonDict = {"latitude": latitude, "longitude": longitude}
    if horizontal_accuracy is not None:
        location["horizontal_accuracy"] = horizontal_accuracy
    sent = message(chat, from_user, message_id=message_id or update_id, date=date, location=location)
    return {"update_id": update_id, "message": sent}


def callback_query_update(update_id: int, from_user: JsonDict, message: JsonDict, data: str, *,
                          query_id: str | None = None) -> JsonDict:
    """An Update for a press of an inline button under the bot's `message` (carrying its reply_markup)."""
    chat_id = message["chat"]["id"]
    query = {
        "id": query_id or f"{from_user['id']}{update_id:08d}",
        "from": from_user,
        "message": message,
        "chat_instance": str(int(hashlib.sha1(str(chat_id).encode()).hexdigest()[:15], 16)),
        "data": data,
    }
    return {"update_id": update_id, "callback_query": query}


def chat_member(member: JsonDict, status: str) -> JsonDict:
    """A ChatMember with the fields its status requires (creator, administrator, member, restricted, left,
    kicked)."""
    out: JsonDict = {"user": member, "status": status}
    if status == "creator":
        out["is_anonymous"] = False
    elif status == "administrator":
        out.update(can_be_edited=False, is_anonymous=False, **dict.fromkeys(_ADMIN_RIGHTS, True))
    elif status == "restricted":
        out.update(is_member=True, until_date=0, **dict.fromkeys(_RESTRICTED_RIGHTS, False))
    elif status == "kicked":
        out["until_date"] = 0
    elif status not in ("member", "left"):
        raise ValueError(f"unknown chat member status: {status}")
    return out


def my_chat_member_update(update_id: int, chat: JsonDict, from_user: JsonDict, bot_user: JsonDict, old_status: str,
                          new_status: str, *, date: int = DEFAULT_DATE) -> JsonDict:
    """An Update telling the bot its own membership changed: added "left"→"member", removed "member"→"left"
    or "kicked" (`from_user` is who did it)."""
    change = {
        "chat": chat,
        "from": from_user,
        "date": date,
        "old_chat_member": chat_member(bot_user, old_status),
        "new_chat_member": chat_member(bot_user, new_status),
    }
    return {"update_id": update_id, "my_chat_member": change}
