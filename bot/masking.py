"""Text about a send made fit for logs and notices: robot webhook keys and tokens inside URLs cut away."""
from __future__ import annotations

import logging
import re

ROBOT = "robot:"  # a WeCom robot's chat id carries its webhook key, which is all it takes to post there
_ROBOT_KEY = re.compile(re.escape(ROBOT) + r"([^\s:/?&'\"…]+)")  # "…": masked already
_SECRET_PARAM = re.compile(r"\b(key|access_token|token|secret)=[^\s&'\"]+", re.IGNORECASE)
_BOT_TOKEN = re.compile(r"/bot\d+:[\w-]+")  # a Telegram bot token inside a Bot API URL


def _masked_key(key: str) -> str:
    return f"…{key[-4:]}" if len(key) > 8 else "…"


def mask_secrets(text: str) -> str:
    """The text with every robot webhook key (robot:<key>) cut to its last 4 characters."""
    return _ROBOT_KEY.sub(lambda m: ROBOT + _masked_key(m.group(1)), text)


def scrubbed(text: str, chat_id: str) -> str:
    """Exception text fit for logs: keys masked, including this chat's key and tokens inside URLs."""
    if chat_id.startswith(ROBOT) and len(chat_id) > len(ROBOT):
        key = chat_id[len(ROBOT):]
        text = text.replace(chat_id, mask_secrets(chat_id)).replace(key, _masked_key(key))
    text = _SECRET_PARAM.sub(lambda m: f"{m.group(1)}=…", mask_secrets(text))
    return _BOT_TOKEN.sub("/bot…", text)


_LINK_PARAM = re.compile(r"\b(token|code|state)=[^\s&'\"]+", re.IGNORECASE)


class AccessLogScrubber(logging.Filter):
    """Cuts sign-in secrets (a console link's token, an OAuth code) out of uvicorn's access log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the request path argument (uvicorn logs client, method, path, version, status)."""
        if isinstance(record.args, tuple) and len(record.args) >= 3 and isinstance(path := record.args[2], str):
            record.args = (*record.args[:2], _LINK_PARAM.sub(lambda m: f"{m.group(1)}=…", path), *record.args[3:])
        return True
