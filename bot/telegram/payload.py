"""Webhook bodies to stored payloads: what is a Telegram update, bounded before it is parsed."""
from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 32  # a real update nests about 10 deep (a replied-to message's inline keyboard)
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")


class NotAnUpdate(ValueError):
    """A body that is not a Telegram update: not UTF-8, not JSON, nested too deeply, or without an update_id."""


def too_deep(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects in a JSON text nest deeper than `limit`, counted without parsing it
    (Python's parser recurses, so a deep enough body would exhaust the stack)."""
    level = 0
    for byte in _STRING.sub(b"", body).translate(None, _NOT_BRACKETS):
        level += 1 if byte in _OPENING else -1
        if level > limit:
            return True
    return False


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def update_key(update_id: int) -> str:
    """The inbox key of an update: Telegram re-sends an update with the same id."""
    return f"u{update_id}"


def update_of(body: bytes) -> tuple[str, str]:
    """(inbox key, text as received) of a webhook body that is a Telegram update; NotAnUpdate when it is not."""
    try:
        text = body.decode("utf-8")
        if too_deep(body):
            raise ValueError(f"JSON nested deeper than {MAX_DEPTH}")
        data = json.loads(text, parse_constant=_no_constant)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError included
        raise NotAnUpdate(str(exc)) from exc
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        raise NotAnUpdate("no update_id")
    return update_key(data["update_id"]), text
