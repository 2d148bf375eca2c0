"""When the next message to a chat may go: per-chat spacing, per-group and global sliding windows.

Written here rather than taken from python-telegram-bot's AIORateLimiter because the limits must hold
across a durable outbox and every platform's transport, must include Telegram's 1 message/second per
chat, and must let one chat wait out a 429 while the others keep going.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """A platform's sending limits; `None` fields are not limited."""

    chat_interval: float | None = None  # seconds between two messages to one chat
    group_limit: int | None = None  # messages per group chat ...
    group_window: float = 60.0  # ... in this many seconds
    global_limit: int | None = None  # messages overall ...
    global_window: float = 1.0  # ... in this many seconds
    margin: float = 0.05  # slack for the platform measuring arrival a little later than we send


TELEGRAM_LIMITS = Limits(chat_interval=1.0, group_limit=20, group_window=60.0, global_limit=30, global_window=1.0)


@dataclass
class Pacer:
    """Tracks what was sent when, and says when a chat may send next (times are monotonic seconds)."""

    limits: Limits
    _last: dict[str, float] = field(default_factory=dict)
    _blocked: dict[str, float] = field(default_factory=dict)
    _groups: dict[str, deque[float]] = field(default_factory=dict)
    _all: deque[float] = field(default_factory=deque)

    def ready_at(self, chat: str, is_group: bool, now: float) -> float:
        """The earliest time (≥ now) a message to `chat` may be sent."""
        lim, t = self.limits, now
        t = max(t, self._blocked.get(chat, 0.0))
        if lim.chat_interval is not None and chat in self._last:
            t = max(t, self._last[chat] + lim.chat_interval + lim.margin)
        if is_group and lim.group_limit is not None:
            sent = self._window(self._groups.setdefault(chat, deque()), now, lim.group_window)
            if len(sent) >= lim.group_limit:
                t = max(t, sent[-lim.group_limit] + lim.group_window + lim.margin)
        if lim.global_limit is not None:
            sent = self._window(self._all, now, lim.global_window)
            if len(sent) >= lim.global_limit:
                t = max(t, sent[-lim.global_limit] + lim.global_window + lim.margin)
        return t

    def record(self, chat: str, is_group: bool, at: float) -> None:
        """A message to `chat` went out at `at`."""
        self._last[chat] = at
        if is_group:
            self._groups.setdefault(chat, deque()).append(at)
        self._all.append(at)

    def block(self, chat: str, until: float) -> None:
        """The platform said to wait (429 retry_after): hold this chat only."""
        self._blocked[chat] = max(self._blocked.get(chat, 0.0), until)

    @staticmethod
    def _window(sent: deque[float], now: float, window: float) -> deque[float]:
        # Forget sends that can no longer limit anything (older than two windows keeps retries exact).
        while sent and sent[0] < now - 2 * window:
            sent.popleft()
        return sent
