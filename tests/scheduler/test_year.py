"""All of 2026 on a fake clock: every calendar job (the township's and its county's) runs at its time (not a
minute before) and only once."""
from __future__ import annotations

import calendar
import datetime as dt

import chinese_calendar
import pytest

from bot.app import App
from handlers.clock import FakeClock
from handlers.reporting_calendar import COUNTY_CALENDAR, DEFAULT_CALENDAR
from scheduler.runner import run_due
from storage.models import ScheduledRun
from tests.conftest import CST
from tests.support.rows import rows

pytestmark = [pytest.mark.parametrize("engine", ["sqlite"], indirect=True),  # the runner's logic, not the engine's
              pytest.mark.slow]


@pytest.fixture
def clock() -> FakeClock:
    """The year starts before its first job."""
    return FakeClock(dt.datetime(2025, 12, 31, 12, 0, tzinfo=CST))


def official(day: dt.date, at: dt.time, earlier: bool) -> dt.datetime:
    """DESIGN.md's rule, worked out here from chinese_calendar alone."""
    moved = day
    while not chinese_calendar.is_workday(moved):
        moved += dt.timedelta(days=-1 if earlier else 1)
    shifted = moved != day and not earlier
    return dt.datetime.combine(moved, dt.time(9, 0) if shifted else at, tzinfo=CST)


def expected_2026() -> list[tuple[dt.datetime, str, str]]:
    out = []
    for entry in DEFAULT_CALENDAR + COUNTY_CALENDAR:  # the township's, and its county's (岳西县)
        for month in entry.months:
            last = calendar.monthrange(2026, month)[1]
            day = dt.date(2026, month, last if entry.day == 0 else entry.day)
            out.append((official(day, entry.at, entry.before_deadline), entry.job, f"2026-{month:02d}"))
    return sorted(out)


async def test_every_job_runs_at_its_official_time_through_2026(app: App) -> None:
    ctx = app.job_context()
    for when, job, period in expected_2026():
        before = when - dt.timedelta(minutes=1)
        if before > app.clock.now():
            app.clock.set(before)
            await run_due(ctx, before)
            assert await rows(app, ScheduledRun, job=job, period=period) == [], f"{job} {period} ran early"
        app.clock.set(max(when, app.clock.now()))
        await run_due(ctx, app.clock.now())
        (run,) = await rows(app, ScheduledRun, job=job, period=period)
        assert run.status == "done" and run.started_at == when.astimezone(dt.UTC), f"{job} {period}"
    runs = [r for r in await rows(app, ScheduledRun) if r.scope != "*" and r.period.startswith("2026")]
    assert len(runs) == len(expected_2026())  # nothing ran twice, nothing extra
