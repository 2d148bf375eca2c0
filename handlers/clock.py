"""The one source of time: every component asks a `Clock`, so tests and the demo can drive months in seconds."""
from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """Gives the current time as an aware UTC datetime."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The wall clock; the only place in the project that reads it."""

    def now(self) -> dt.datetime:
        """Current time, aware, in UTC."""
        return dt.datetime.now(dt.UTC)


class FakeClock:
    """A clock that stands still until told to move."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        """The time the clock was last set to, in UTC."""
        return self._now

    def set(self, when: dt.datetime) -> None:
        """Jump to `when` (aware); time may only move forward."""
        when = when.astimezone(dt.UTC)
        if when < self._now:
            raise ValueError(f"FakeClock cannot go back from {self._now} to {when}")
        self._now = when

    def advance(self, delta: dt.timedelta) -> None:
        """Move forward by `delta`."""
        self.set(self._now + delta)
