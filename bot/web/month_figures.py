"""A township's month as the 总览 shows it, computed by the digest's own code and kept until the records change.

Leaders reload the dashboard far more often than villages report: a county page is fifteen townships' digests,
and recomputing them on every view would cost a county cadre a quarter of a second each time (bot.web.kept says
when a kept value goes stale).
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.web.kept import Kept
from handlers.county.town_figures import TownFigures
from handlers.directory import Directory
from handlers.ports import LedgerStore
from scheduler import town_report
from scheduler.digest import Digest, gather


class MonthFigures:
    """Digests and county-report figures by (township, month), valid until the next committed write."""

    def __init__(self, kept: Kept) -> None:
        self._kept = kept

    async def digest(self, store: LedgerStore, directory: Directory, township_id: int, period: str,
                     zone: ZoneInfo) -> Digest:
        """The township's digest of `period` (scheduler.digest.gather)."""
        return await self._kept.get(("digest", township_id, directory.version, period),
                                    lambda: gather(store, directory, township_id, period, zone))

    async def town_report(self, store: LedgerStore, directory: Directory, township_id: int, period: str,
                          zone: ZoneInfo, today: dt.date) -> TownFigures:
        """The township's month-end figures for the county as they stand on `today` (scheduler.town_report)."""
        return await self._kept.get(("town", township_id, directory.version, period, today),
                                    lambda: town_report.assemble(store, directory, township_id, period, zone, today))
