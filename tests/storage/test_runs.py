"""Scheduled runs: a failed run is retried, but not on every tick."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from scheduler import runner
from scheduler.context import JobContext
from scheduler.jobs import mid_month
from storage.models import ScheduledRun
from tests.conftest import CST
from tests.support.rows import rows

TICK = dt.timedelta(seconds=30)


async def _mid_month(app: App, when: dt.datetime) -> list[str]:
    app.clock.set(when)
    outcomes = await runner.run_due(app.job_context(), when)
    return [o.status for o in outcomes if (o.job, o.period) == ("mid_month", "2026-03")]


async def test_a_failed_run_waits_before_it_is_retried(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dt.datetime] = []
    works = False

    async def flaky(ctx: JobContext, now: dt.datetime) -> int:
        calls.append(now)
        if not works:
            raise RuntimeError("chart renderer down")
        return 0

    monkeypatch.setattr(mid_month, "job", flaky)
    failed_at = dt.datetime(2026, 3, 16, 10, 0, tzinfo=CST)  # 月中督办 fired at 09:00
    assert await _mid_month(app, failed_at) == ["failed"]

    assert await _mid_month(app, failed_at + TICK) == []  # the next tick leaves it alone
    assert await _mid_month(app, failed_at + runner.STALE - TICK) == []
    assert len(calls) == 1
    (run,) = await rows(app, ScheduledRun, job="mid_month", period="2026-03")
    assert run.status == "failed"

    assert await _mid_month(app, failed_at + runner.STALE + TICK) == ["failed"]  # retried, failed again
    assert await _mid_month(app, failed_at + runner.STALE + 2 * TICK) == []  # the wait starts over
    works = True
    assert await _mid_month(app, failed_at + 2 * runner.STALE + 2 * TICK) == ["done"]
    assert len(calls) == 3
    (run,) = await rows(app, ScheduledRun, job="mid_month", period="2026-03")
    assert run.status == "done"
