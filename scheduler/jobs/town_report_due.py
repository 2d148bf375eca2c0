"""The county's 月末报送截止 (last working day, 16:00): a township whose report is not yet confirmed is reminded
once, its admins only; nobody else is told (减负: no one is named for what is merely pending)."""
from __future__ import annotations

import datetime as dt

from handlers.roles import TOWNSHIP_LEADERS
from scheduler.context import JobContext
from scheduler.jobs._audience import month_words, to_people
from scheduler.jobs._county import county_of
from scheduler.jobs.town_report import buttons
from scheduler.stores import TownReportStore


async def job(ctx: JobContext[TownReportStore], now: dt.datetime) -> int:
    """One reminder to each township that has a draft not yet confirmed."""
    assert ctx.period is not None
    messages = []
    async with ctx.uow() as store:
        county = await county_of(ctx, store)
        for town in county.towns:
            report = await store.town_reports.get(town.id, ctx.period)
            if report is None or report.confirmed or report.reminded_at is not None:
                continue
            people = (await store.people.with_roles(town.id, ("admin",))
                      or await store.people.with_roles(town.id, TOWNSHIP_LEADERS))
            text = (f"⏰ {town.name}{month_words(ctx.period)}月末报送今天截止，尚未确认。"
                    "数据已自动汇总，回复“确认报送”即可；需要补充请回复“报送补充：……”。")
            messages += await to_people(store, people, text, f"town-report-due:{ctx.period}:{town.id}",
                                        buttons=buttons(report.id), daily=False)
            await store.town_reports.reminded(report.id, now)
        return await store.outbox.enqueue(messages, now)
