"""The 10th of Jan/Apr/Jul/Oct (县季通报): last quarter's ranking of the county's townships, with 表扬 and 批评,
the year so far, and the score chart, to the county's leaders and every town's leaders."""
from __future__ import annotations

import asyncio
import datetime as dt

from handlers.quarters import Quarter, shift_period
from scheduler import county_bulletin, county_bulletin_text, county_ledger
from scheduler.artifacts import Folder, county_ledger_file, score_png
from scheduler.context import JobContext
from scheduler.jobs._audience import to_people
from scheduler.jobs._county import county_of, town_leaders
from scheduler.stores import CountyBulletinStore


async def job(ctx: JobContext[CountyBulletinStore], now: dt.datetime) -> int:
    """Score and rank the townships over last quarter; say why each named town is named, and how scores are made."""
    assert ctx.period is not None
    quarter = Quarter.of_period(shift_period(ctx.period, -1))
    async with ctx.uow() as store:
        county = await county_of(ctx, store)
        if not county.cadres:
            return 0  # a county named only as a label: no one there reads a ranking of its towns
        title = f"{county.name}{quarter.label}乡镇党委书记项目推进情况通报"
        built, year = await county_bulletin.build(store, county.town_ids, quarter, ctx.zone, title, ctx.weights)
        if not any(row.outcome.has_records for row in built.rows):
            return 0  # nothing reported or due all quarter: a ranking of zeros would only mislead
        data = await county_ledger.gather(store, county.id, county.name, [(t.id, t.name) for t in county.towns],
                                          built, ctx.zone, ctx.weights, {p.id for p in county.cadres})
    text = county_bulletin_text.render(built, year)
    folder = Folder(ctx.files_dir, county.name)
    await asyncio.to_thread(folder.path(f"bulletin-{quarter.code}.txt").write_text, text + "\n", "utf-8")
    chart = await score_png(folder, f"{county.name}{quarter.label}乡镇综合得分", built, f"scores-{quarter.code}")
    workbook = await county_ledger_file(folder, data)
    key = f"county-bulletin:{quarter.code}"
    async with ctx.uow() as store:
        # The county's cadres get its 台账 too; each town has its own.
        messages = await to_people(store, list(county.cadres), text, key, attachments=(chart, workbook))
        messages += await to_people(store, await town_leaders(store, county), text, key, attachments=(chart,))
        return await store.outbox.enqueue(messages, now)
