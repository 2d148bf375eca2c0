"""Runs the calendar: each job once per (job, unit, period), recorded before it sends anything; the units are
the townships and the counties (a county's own calendar: 月末报送, 县月报告, 县季通报).

A run missed while the service was down runs when it comes back if it is still useful (a month-start
arrangement until mid-month, the deadline reminder until the deadline…); otherwise it is recorded as
skipped. Daily work (task reminders on working days at 09:00, issue time limits on every tick) runs
alongside, and last each person's 今日待办 note of what all of these held for them (scheduler.jobs.daily_note).
Everything a job sends carries an outbox key, so a run repeated after a crash sends nothing twice.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
from collections.abc import Awaitable, Callable

from handlers.parse import is_workday
from handlers.parse.workdays import use_office_days
from handlers.ports import Store
from handlers.quarters import month_end
from handlers.reporting_calendar import CalendarEntry, occurrences
from scheduler.context import JobContext
from scheduler.jobs import daily_note, holiday_notice, issue_deadlines, task_reminders

log = logging.getLogger(__name__)

LOOKBACK = dt.timedelta(days=40)  # how far back missed runs are looked for
STALE = dt.timedelta(minutes=15)  # a run "running" this long died with its process: run it again
DAILY_AT = daily_note.AT  # the day's reminders, made in time for the day's note


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What became of one due run."""

    job: str
    scope: str
    period: str
    status: str  # done | skipped | failed
    note: str = ""


USEFUL_FOR = dt.timedelta(days=10)  # a missed arrangement or summary is still worth sending this long


def useful_until(entry: CalendarEntry, period: str, fired: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """After this, a missed run would only confuse: it is recorded as skipped instead. The deadline
    reminder is useful until the deadline; anything else for ten days, within the month it fires in."""
    last_moment = dt.time(23, 59, 59)
    if entry.before_deadline:
        return dt.datetime.combine(month_end(period), last_moment, tzinfo=zone)
    fired_in = dt.datetime.combine(month_end(f"{fired.astimezone(zone):%Y-%m}"), last_moment, tzinfo=zone)
    return min(fired_in, fired + USEFUL_FOR)


async def _run(ctx: JobContext[Store], job: str, scope: str, period: str, now: dt.datetime, useful: bool,
               function: Callable[[JobContext[Store], dt.datetime], Awaitable[int]],
               run_ctx: JobContext[Store]) -> Outcome | None:
    async with ctx.uow() as store:
        if not await store.runs.claim(job, scope, period, now, STALE):
            return None
        if not useful:
            await store.runs.finish(job, scope, period, now, "skipped", "missed while the service was down")
            return Outcome(job, scope, period, "skipped")
    try:
        sent = await function(run_ctx, now)
    except Exception as exc:  # recorded; retried once STALE has passed (see SqlRuns.claim)
        log.exception("calendar job %s for %s %s failed", job, scope, period)
        async with ctx.uow() as store:
            await store.runs.finish(job, scope, period, now, "failed", f"{type(exc).__name__}: {exc}"[:500])
        return Outcome(job, scope, period, "failed", str(exc))
    async with ctx.uow() as store:
        await store.runs.finish(job, scope, period, now, "done", f"{sent} messages")
    return Outcome(job, scope, period, "done", f"{sent} messages")


async def run_due(ctx: JobContext[Store], now: dt.datetime) -> list[Outcome]:
    """Run whatever is due at `now` on each township's calendar (read afresh, so a change applies at
    once) and has not run; the outcomes of what ran or was skipped."""
    outcomes: list[Outcome] = []
    local_now = now.astimezone(ctx.zone)
    periods = [f"{(local_now - dt.timedelta(days=d)).strftime('%Y-%m')}" for d in range(0, LOOKBACK.days + 32, 28)]
    async with ctx.uow() as store:
        # Read every tick: a schedule loaded by `yuebao holidays import` (another process) applies within a minute.
        use_office_days(await store.office_days.all())
        townships = await store.townships.all()
        counties = {t.county_id: t.county for t in townships if t.county_id is not None and t.county}
        # Each unit's calendar: every township's, and every county's own (月末报送, 县月报告, 县季通报).
        units = [(dataclasses.replace(ctx, township_id=t.id), t.name, await store.calendar.entries(t.id))
                 for t in townships]
        units += [(dataclasses.replace(ctx, county_id=county_id), name, await store.calendar.county_entries(county_id))
                  for county_id, name in counties.items()]
        # One read per look: what already ran is skipped without trying to claim it again.
        finished = await store.runs.finished(sorted(set(periods)))
    for unit_ctx, name, entries in units:
        for entry in entries:
            module = importlib.import_module(f"scheduler.jobs.{entry.job}")
            for period, fired in occurrences(entry, now - LOOKBACK, now + dt.timedelta(seconds=1), ctx.zone):
                if (entry.job, name, period) in finished:
                    continue
                useful = now <= useful_until(entry, period, fired, ctx.zone)
                run_ctx = dataclasses.replace(unit_ctx, period=period)
                outcome = await _run(ctx, entry.job, name, period, now, useful, module.job, run_ctx)
                if outcome is not None:
                    outcomes.append(outcome)
    local = now.astimezone(ctx.zone)
    if is_workday(local.date()) and local.time() >= DAILY_AT:
        outcome = await _run(ctx, "task_reminders", "*", str(local.date()), now, True, task_reminders.job, ctx)
        if outcome is not None:
            outcomes.append(outcome)
        period = local.strftime("%Y-%m")
        if holiday_notice.year_to_check(local.date()) and ("holiday_notice", "*", period) not in finished:
            outcome = await _run(ctx, "holiday_notice", "*", period, now, True, holiday_notice.job, ctx)
            if outcome is not None:
                outcomes.append(outcome)
    await issue_deadlines.job(ctx, now)  # idempotent: auto-accepts and escalates at most once per issue
    # Last, so that whatever this tick made for a person goes in their one note of the day; keyed, so idempotent.
    if notes := await daily_note.job(ctx, now):
        outcomes.append(Outcome("daily_note", "*", str(local.date()), "done", f"{notes} messages"))
    return outcomes
