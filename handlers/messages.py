"""The platform-neutral message model: every adapter translates to and from these, and nothing else crosses."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import asdict, dataclass
from typing import Any

MAX_ID = 128  # chat, sender and message ids: the size of the columns that hold them
MAX_FILE_ID, MAX_FILE_NAME, MAX_MIME = 255, 255, 100
MAX_SIZE = 2**31 - 1  # file sizes are stored as 32-bit integers
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL (PostgreSQL text refuses it), lone surrogates (not UTF-8)


@dataclass(frozen=True)
class Attachment:
    """A photo, file, voice note or location sent with a message."""

    kind: str  # photo | document | voice | location
    file_id: str = ""
    name: str | None = None
    mime: str | None = None
    size: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    stored_path: str | None = None  # a local copy, where the adapter could fetch one


@dataclass(frozen=True)
class Chat:
    """Where a message was said: a platform chat id and whether it is a group."""

    id: str
    is_group: bool = False
    title: str | None = None


@dataclass(frozen=True)
class Sender:
    """Who said it, as the platform knows them."""

    id: str
    display_name: str | None = None


@dataclass(frozen=True)
class IncomingMessage:
    """One message (or button press) from a platform, already verified by its adapter."""

    platform: str
    key: str  # platform-unique id of this delivery, used to recognise retries
    chat: Chat
    sender: Sender
    text: str
    sent_at: dt.datetime
    attachments: tuple[Attachment, ...] = ()
    reply_to: str | None = None  # platform message id this one answers
    action: str | None = None  # data of a pressed button, when this is a button press
    addressed: bool = True  # in a group: was the bot mentioned/replied to, or is this a command
    event: str | None = None  # "joined" / "left": the bot was added to or removed from this chat
    edited: bool = False  # an edit of an earlier message: it may correct a report, it starts nothing new


@dataclass(frozen=True)
class Button:
    """One choice under a card: what it shows and what pressing it sends back."""

    label: str
    data: str


@dataclass(frozen=True)
class OutgoingMessage:
    """One message to send; `key` makes it unique, so it is sent once whatever happens."""

    platform: str
    chat_id: str
    text: str
    key: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    attachments: tuple[Attachment, ...] = ()
    reply_to: str | None = None
    urgent: bool = False
    edit_of: str | None = None  # platform message id to replace (a card updated in place)
    not_before: dt.datetime | None = None  # hold until then (working hours), urgent messages never wait
    card: bool = False  # a summary shown as a card where the platform has one (WeCom markdown)
    daily: bool = False  # a notice held for the recipient's one 今日待办 note of the day, not sent alone


@dataclass(frozen=True)
class HeldNotice:
    """A notice (`daily`) stored and waiting for its chat's 今日待办 note."""

    id: int
    message: OutgoingMessage


def message_to_dict(msg: IncomingMessage) -> dict[str, Any]:
    """A JSON-ready form of a message, as stored raw in the inbox."""
    data = asdict(msg)
    data["sent_at"] = msg.sent_at.isoformat()
    return data


def message_from_dict(data: dict[str, Any]) -> IncomingMessage:
    """The message stored by `message_to_dict`."""
    return IncomingMessage(
        platform=data["platform"], key=data["key"], chat=Chat(**data["chat"]), sender=Sender(**data["sender"]),
        text=data["text"], sent_at=dt.datetime.fromisoformat(data["sent_at"]),
        attachments=tuple(Attachment(**a) for a in data.get("attachments", ())),
        reply_to=data.get("reply_to"), action=data.get("action"), addressed=data.get("addressed", True),
        event=data.get("event"), edited=data.get("edited", False),
    )


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value)})
    return value


def storable(msg: IncomingMessage) -> IncomingMessage:
    """`msg` with characters no database takes replaced and long file names cut; ValueError for ids, texts or
    files no platform sends (an adapter's translation of a hostile payload)."""
    ids = (msg.chat.id, msg.sender.id, msg.reply_to or "", msg.action or "")
    if not all(isinstance(v, str) and len(v) <= MAX_ID for v in ids):
        raise ValueError(f"an id is not text of at most {MAX_ID} characters")
    if not isinstance(msg.text, str) or not isinstance(msg.sent_at, dt.datetime):
        raise ValueError("text or time of the wrong type")
    attachments = []
    for a in msg.attachments:
        if not isinstance(a.file_id, str) or len(a.file_id) > MAX_FILE_ID:
            raise ValueError(f"a file id is not text of at most {MAX_FILE_ID} characters")
        size = a.size if isinstance(a.size, int) and 0 <= a.size <= MAX_SIZE else None
        attachments.append(dataclasses.replace(
            a, name=a.name[:MAX_FILE_NAME] if isinstance(a.name, str) else None, size=size,
            mime=a.mime[:MAX_MIME] if isinstance(a.mime, str) else None,
            latitude=_coordinate(a.latitude), longitude=_coordinate(a.longitude)))
    cleaned: IncomingMessage = _clean(dataclasses.replace(msg, attachments=tuple(attachments)))
    return cleaned


def _coordinate(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None
