"""When the next message to a chat may go: per-chat spacing, per-group and global sliding windows.

Written here rather than taken from python-telegram-bot's AIORateLimiter because the limits must hold
across a durable outbox and every platform's transport, must include Telegram's 1 message/second per
chat, and must let one chat wait out a 429 while the others keep going.

The platform counts a message when it arrives, somewhere between our request and its answer. So a
finished send is counted at the moment its answer came (never earlier than its arrival) and a send
still in flight is counted as arriving now: the windows can only be overestimated, never overrun.
"""
from __future__ import annotations

import math
from collections import Counter, deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """A platform's sending limits; `None` fields are not limited."""

    chat_interval: float | None = None  # seconds between two messages to one chat
    group_limit: int | None = None  # messages per group chat ...
    group_window: float = 60.0  # ... in this many seconds
    global_limit: int | None = None  # messages overall ...
    global_window: float = 1.0  # ... in this many seconds
    margin: float = 0.01  # clock granularity between us and the platform


TELEGRAM_LIMITS = Limits(chat_interval=1.0, group_limit=20, group_window=60.0, global_limit=30, global_window=1.0)
GLOBAL = ""


@dataclass
class Pacer:
    """Tracks sends in flight and finished, and says when a chat may send next (monotonic seconds)."""

    limits: Limits
    _last: dict[str, float] = field(default_factory=dict)
    _blocked: dict[str, float] = field(default_factory=dict)
    _done: dict[str, deque[float]] = field(default_factory=dict)  # answer times per group, and GLOBAL
    _flying: Counter[str] = field(default_factory=Counter)  # sends in flight per chat, and GLOBAL

    def ready_at(self, chat: str, is_group: bool, now: float) -> float:
        """The earliest time (≥ now) a message to `chat` may be sent; inf while in-flight sends decide it."""
        lim, t = self.limits, max(now, self._blocked.get(chat, 0.0))
        if lim.chat_interval is not None:
            if self._flying[chat]:
                return math.inf
            if chat in self._last:
                t = max(t, self._last[chat] + lim.chat_interval + lim.margin)
        if is_group and lim.group_limit is not None:
            t = max(t, self._window_free(chat, self._flying[chat], lim.group_limit, lim.group_window, now))
        if lim.global_limit is not None:
            t = max(t, self._window_free(GLOBAL, self._flying[GLOBAL], lim.global_limit, lim.global_window, now))
        return t

    def started(self, chat: str) -> None:
        """A send to `chat` has begun."""
        self._flying[chat] += 1
        self._flying[GLOBAL] += 1

    def finished(self, chat: str, is_group: bool, at: float) -> None:
        """A send to `chat` got its answer at `at` (whatever the answer was)."""
        self._flying[chat] -= 1
        self._flying[GLOBAL] -= 1
        self._last[chat] = at
        if is_group:
            self._done.setdefault(chat, deque()).append(at)
        self._done.setdefault(GLOBAL, deque()).append(at)

    def abandoned(self, chat: str) -> None:
        """A send to `chat` that had begun never went out (another sender had taken the message)."""
        self._flying[chat] -= 1
        self._flying[GLOBAL] -= 1

    def _window_free(self, key: str, flying: int, limit: int, window: float, now: float) -> float:
        """When fewer than `limit` sends fall in the window, counting those in flight as arriving now."""
        if flying >= limit:
            return math.inf
        done = self._done.setdefault(key, deque())
        while done and done[0] <= now - window:
            done.popleft()
        room = limit - flying  # finished sends allowed to remain in the window, plus this one
        if len(done) < room:
            return now
        return done[-room] + window + self.limits.margin
