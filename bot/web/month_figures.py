"""A township's month as the 总览 shows it, computed by the digest's own code and kept until the records change.

Leaders reload the dashboard far more often than villages report: a county page is fifteen townships' digests,
and recomputing them on every view would cost a county cadre a quarter of a second each time. Entries are keyed
by township and month and stamped with the database's write generation (storage.write_clock), so any committed
change to a report, task, issue or project in this process makes them stale at once. Writes from another process
(an admin's `yuebao` command beside the running service) are not seen by the clock; entries also expire after
MAX_AGE so those show within a minute.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TypeVar
from zoneinfo import ZoneInfo

from handlers.county.town_figures import TownFigures
from handlers.directory import Directory
from handlers.ports import LedgerStore
from scheduler import town_report
from scheduler.digest import Digest, gather
from storage.write_clock import WriteClock

MAX_AGE = 60.0  # seconds an entry is trusted without a write in this process
MAX_ENTRIES = 512  # a county of 30 townships × a year of months, twice over; the least recently used go first

T = TypeVar("T")


class MonthFigures:
    """Digests and county-report figures by (township, month), valid until the next committed write."""

    def __init__(self, writes: WriteClock, clock: Callable[[], float] = time.monotonic) -> None:
        self._writes = writes
        self._clock = clock
        self._entries: OrderedDict[tuple[object, ...], tuple[int, float, object]] = OrderedDict()

    async def digest(self, store: LedgerStore, directory: Directory, township_id: int, period: str,
                     zone: ZoneInfo) -> Digest:
        """The township's digest of `period` (scheduler.digest.gather)."""
        return await self.kept(("digest", township_id, directory.version, period),
                                lambda: gather(store, directory, township_id, period, zone))

    async def town_report(self, store: LedgerStore, directory: Directory, township_id: int, period: str,
                          zone: ZoneInfo, today: dt.date) -> TownFigures:
        """The township's month-end figures for the county as they stand on `today` (scheduler.town_report)."""
        return await self.kept(("town", township_id, directory.version, period, today),
                                lambda: town_report.assemble(store, directory, township_id, period, zone, today))

    async def kept(self, key: tuple[object, ...], compute: Callable[[], Awaitable[T]]) -> T:
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
