"""Scheduled runs: each (job, scope, period) is claimed before it sends anything, so it happens once."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ScheduledRun
from storage.repositories._insert import prepared_insert_ignoring
from storage.repositories._result import rowcount

_TABLE = ScheduledRun.__table__


class SqlRuns:
    """RunRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def claim(self, job: str, scope: str, period: str, now: dt.datetime, stale_after: dt.timedelta) -> bool:
        """True when this caller may run it: nobody has, a run started long ago never finished, or one
        failed at least `stale_after` ago."""
        claimed = (await self._s.execute(prepared_insert_ignoring(self._s, _TABLE, "id"), {
            "job": job, "scope": scope, "period": period, "status": "running", "started_at": now})).first()
        if claimed is not None:
            return True
        # A run that died half-way, or failed, is run again; its messages have outbox keys, so none goes twice.
        # A failed one waits as long as a dead one: retried on every tick, a job that always fails would
        # redo its work and log its traceback every 30 seconds until it stops being useful.
        cutoff = now - stale_after
        stale = (_TABLE.c.status == "running") & (_TABLE.c.started_at < cutoff)
        failed = (_TABLE.c.status == "failed") & (_TABLE.c.finished_at < cutoff)
        retaken = await self._s.execute(update(_TABLE).where(
            _TABLE.c.job == job, _TABLE.c.scope == scope, _TABLE.c.period == period, stale | failed,
        ).values(status="running", started_at=now))
        return rowcount(retaken) == 1

    async def finish(self, job: str, scope: str, period: str, now: dt.datetime, status: str,
                     note: str | None = None) -> None:
        """Record how a claimed run ended: done, skipped (no longer useful) or failed."""
        await self._s.execute(update(_TABLE).where(_TABLE.c.job == job, _TABLE.c.scope == scope,
                                                   _TABLE.c.period == period)
                              .values(status=status, finished_at=now, note=note))

    async def finished(self, periods: Sequence[str]) -> set[tuple[str, str, str]]:
        """(job, scope, period) of every run of these periods that is done or skipped (nothing left to do)."""
        rows = await self._s.execute(select(_TABLE.c.job, _TABLE.c.scope, _TABLE.c.period).where(
            _TABLE.c.period.in_(list(periods)), _TABLE.c.status.in_(("done", "skipped"))))
        return {(job, scope, period) for job, scope, period in rows}
