"""What the sender needs from a platform: send one stored message, or say why it could not."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from bot.pacing import Limits


class SendError(Exception):
    """A failed send: `retry_after` seconds when the platform said when to retry; `permanent` when it never will;
    `possibly_sent` when the request may have reached the platform all the same (no answer in time)."""

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False,
                 possibly_sent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent
        self.possibly_sent = possibly_sent


class Transport(Protocol):
    """One platform's way out."""

    # Read-only, so that a transport may declare `limits = None` or a fixed `Limits`.
    @property
    def platform(self) -> str: ...
    @property
    def limits(self) -> Limits | None:
        """The platform's flood limits, paced by the sender."""
        ...

    def is_group(self, chat_id: str) -> bool:
        """Whether a chat id is a group chat (group limits apply)."""
        ...

    def direct_chat(self, platform_user_id: str) -> str:
        """The chat id of a private chat with this user."""
        ...

    def split(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """The payload as the parts the platform accepts (a long text becomes several messages)."""
        ...

    async def send(self, chat_id: str, payload: dict[str, Any]) -> str | None:
        """Deliver one part; return the platform's message id if it gives one; raise SendError on failure."""
        ...


def split_lines(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut text at line boundaries into pieces that each fit (a single over-long line is cut inside)."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if fits(candidate):
            current = candidate
            continue
        if current:
            pieces.append(current)
        while not fits(line):  # one line longer than a whole message: cut it where it must be cut
            cut = max(1, _longest_prefix(line, fits))
            pieces.append(line[:cut])
            line = line[cut:]
        current = line
    if current or not pieces:
        pieces.append(current)
    return pieces


def _longest_prefix(line: str, fits: Callable[[str], bool]) -> int:
    low, high = 0, len(line)
    while low < high:
        mid = (low + high + 1) // 2
        if fits(line[:mid]):
            low = mid
        else:
            high = mid - 1
    return low
