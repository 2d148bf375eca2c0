"""Values read from the records, kept until a committed write in this process or MAX_AGE, whichever comes first.

Keyed by what they were read for and stamped with the database's write generation (storage.write_clock), so any
committed change to a watched table makes every kept value stale at once: nothing shown can lag a change this
process made. Writes from another process (an admin's `yuebao` command beside the running service) are not seen
by the clock; values also expire after MAX_AGE so those show within a minute.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TypeVar

from storage.write_clock import WriteClock

MAX_AGE = 60.0  # seconds a value is trusted without a write in this process
MAX_ENTRIES = 1024  # a county of 30 townships × a year of months, twice over, and its signed-in people

T = TypeVar("T")


class Kept:
    """A bounded map of values read from the records, valid until the next committed write (least recent go first)."""

    def __init__(self, writes: WriteClock, clock: Callable[[], float] = time.monotonic) -> None:
        self._writes = writes
        self._clock = clock
        self._entries: OrderedDict[tuple[object, ...], tuple[int, float, object]] = OrderedDict()

    async def get(self, key: tuple[object, ...], compute: Callable[[], Awaitable[T]]) -> T:
        """The value kept under `key` while no write committed and it is fresh, else `compute()`'s, kept."""
        generation, now = self._writes.generation, self._clock()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == generation and now - entry[1] < MAX_AGE:
            self._entries.move_to_end(key)
            return entry[2]  # type: ignore[return-value]  # stored by this method under this key's type
        value = await compute()
        # Stamped with the generation read *before* computing: a write committed meanwhile makes it stale.
        self._entries[key] = (generation, now, value)
        self._entries.move_to_end(key)
        while len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)
        return value
