"""The county's 月末报送 (last working day, 09:00): each township's report assembled from its records and shown
to its admin as a card to confirm before the county's due time; nothing for anyone to type."""
from __future__ import annotations

import datetime as dt

from handlers.callbacks import TownReportButton
from handlers.county.due import due_time, due_words
from handlers.county.town_figures import card
from handlers.messages import Button
from handlers.roles import TOWNSHIP_LEADERS
from scheduler import town_report
from scheduler.context import JobContext
from scheduler.jobs._audience import to_people
from scheduler.jobs._county import county_of
from scheduler.stores import TownReportStore


def buttons(report_id: int) -> tuple[tuple[Button, ...], ...]:
    """确认报送 under a township's card (a correction is typed: 报送补充：…)."""
    return ((Button("确认报送", TownReportButton("confirm", report_id).pack()),),)


async def job(ctx: JobContext[TownReportStore], now: dt.datetime) -> int:
    """Build every township's report of the month and send each to its admins (its leaders, if it has none)."""
    assert ctx.period is not None
    messages = []
    async with ctx.uow() as store:
        county = await county_of(ctx, store)
        if not county.cadres:
            return 0  # no one at the county to report to: asking towns to confirm would be work for nothing
        due = due_words(due_time(await store.calendar.county_entries(county.id), ctx.period, ctx.zone))
        for town in county.towns:
            directory = await ctx.directories.get(store, town.id, town.registry_version)
            figures = await town_report.assemble(store, directory, town.id, ctx.period, ctx.zone,
                                                 now.astimezone(ctx.zone).date())
            report = await store.town_reports.draft(town.id, ctx.period, figures.to_data(), now)
            if report.confirmed:
                continue
            people = (await store.people.with_roles(town.id, ("admin",))
                      or await store.people.with_roles(town.id, TOWNSHIP_LEADERS))
            messages += await to_people(store, people, card(figures, report.addendum, due),
                                        f"town-report:{ctx.period}:{town.id}", buttons=buttons(report.id),
                                        daily=False)
        return await store.outbox.enqueue(messages, now)
