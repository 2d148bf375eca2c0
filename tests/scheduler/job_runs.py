"""Running one calendar job as the runner would: for the township, then the day's 今日待办 notes, then delivered."""
from __future__ import annotations

import dataclasses
import datetime as dt
from types import ModuleType

from bot.app import App
from scheduler.jobs import daily_note
from storage.models import Township
from tests.support.rows import rows


async def run_job(app: App, job: ModuleType, period: str | None, when: dt.datetime) -> int:
    """`job` for the one township and `period` at `when`, then what it held goes out in the notes; what it queued."""
    app.clock.set(when)
    (township,) = await rows(app, Township)
    ctx = dataclasses.replace(app.job_context(), township_id=township.id, period=period)
    queued: int = await job.job(ctx, when)
    await daily_note.job(ctx, when)
    await app.sender.drain()
    return queued
