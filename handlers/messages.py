"""The platform-neutral message model: every adapter translates to and from these, and nothing else crosses."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any


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
