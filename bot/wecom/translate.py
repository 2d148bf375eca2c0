"""WeCom / WeChat callback fields → the core's message model."""
from __future__ import annotations

import datetime as dt
import re

from handlers.messages import Attachment, Chat, IncomingMessage, Sender

IGNORED_EVENTS = ("view", "unsubscribe", "LOCATION")  # link clicks, unfollows, periodic location reports
_SECONDS = re.compile(r"[0-9]{1,20}")  # ASCII digits: str.isdigit() takes "²", which int() refuses


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def dedup_key(fields: dict[str, str]) -> str:
    """MsgId for messages; for events (which have none) the fields that make one event distinct."""
    if fields.get("MsgId"):
        return fields["MsgId"]
    return ":".join(fields.get(name, "") for name in ("FromUserName", "CreateTime", "Event", "EventKey", "AgentID"))


def translate(fields: dict[str, str], platform: str, key: str) -> IncomingMessage | None:
    """The message for a decrypted callback stored under `key`, or None for what the bot does not act on;
    ValueError (or OverflowError, for a time past the calendar) when it is not a message."""
    user, kind = fields.get("FromUserName", ""), fields.get("MsgType", "")
    created = fields.get("CreateTime", "")
    if not user or not _SECONDS.fullmatch(created) or not kind:
        raise ValueError("callback without FromUserName, CreateTime or MsgType")
    sent_at = dt.datetime.fromtimestamp(int(created), dt.UTC)
    text, event = "", None
    attachments: tuple[Attachment, ...] = ()
    if kind == "text":
        text = fields.get("Content", "")
    elif kind == "voice":  # WeCom and WeChat send their own speech recognition where it is on
        text = fields.get("Recognition", "")
        attachments = (Attachment("voice", fields.get("MediaId", ""), mime=fields.get("Format")),)
    elif kind == "image":
        attachments = (Attachment("photo", fields.get("MediaId", "")),)
    elif kind == "file":
        attachments = (Attachment("document", fields.get("MediaId", ""), fields.get("FileName") or None),)
    elif kind == "location":
        text = fields.get("Label", "")
        attachments = (Attachment("location", latitude=_float(fields.get("Location_X", "")),
                                  longitude=_float(fields.get("Location_Y", ""))),)
    elif kind == "event":
        name = fields.get("Event", "")
        if name in IGNORED_EVENTS:
            return None
        if name == "click":  # a menu item's key is a command word, e.g. 我的
            text = fields.get("EventKey", "")
        elif name in ("subscribe", "enter_agent"):  # stored like any message; the core decides on a reply
            event = name
        else:
            return None
    else:
        return None
    return IncomingMessage(platform, key, Chat(user), Sender(user), text, sent_at,
                           attachments=attachments, event=event)
