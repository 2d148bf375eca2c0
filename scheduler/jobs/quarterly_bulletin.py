"""The 5th of Jan/Apr/Jul/Oct (季通报): villages ranked by outcome, to the township group and leaders.

The score here is the projects part of DESIGN.md's outcome score: each project's weight × min(1,
progress ÷ scheduled progress at the quarter's end), as a share of the village's total weight, using
the latest progress reported in the quarter. Nothing about how often anyone used the app enters it;
the tasks and issues parts, and the full bulletin, come with the digest work.
"""
from __future__ import annotations

import calendar
import datetime as dt

from handlers.roles import LEADERS
from handlers.schedule import scheduled_progress
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, shift, to_chats, to_people


async def job(ctx: JobContext, now: dt.datetime) -> int:
    """Rank villages by progress against schedule over last quarter; say how the score is made."""
    assert ctx.township_id is not None and ctx.period is not None
    months = [shift(ctx.period, -k) for k in (3, 2, 1)]
    year, last_month = map(int, months[-1].split("-"))
    quarter_end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        latest: dict[int, int] = {}
        for month in months:  # later months overwrite earlier ones
            for report in await store.reports.for_period(ctx.township_id, month):
                if report.fields.progress is not None:
                    latest[report.project_id] = report.fields.progress
        rows = []
        for village in directory.registry.villages:
            projects = directory.projects_of(village.name)
            weight = sum(p.weight for p in projects)
            if not projects or weight <= 0:
                continue
            score = 0.0
            for p in projects:
                planned = scheduled_progress(p.start, p.deadline, quarter_end) or 0
                done = latest.get(p.id, 0)
                score += p.weight * (1.0 if planned == 0 else min(1.0, done / planned))
            rows.append((100 * score / weight, village.name))
        rows.sort(key=lambda row: (-row[0], row[1]))
        quarter = (int(months[0].split("-")[1]) - 1) // 3 + 1
        lines = [f"📣 {months[0][:4]}年第{quarter}季度书记项目推进情况通报"]
        lines += [f"{i}. {name}：{score:.0f} 分" for i, (score, name) in enumerate(rows, 1)]
        lines.append("评分办法：各项目按权重计，进度达到序时进度得满分，未达到按比例计分（本季度最后一次报送的进度）。")
        text = "\n".join(lines)
        key = f"bulletin:{months[0]}"
        messages = to_chats(await store.places.township_chats(ctx.township_id), text, key)
        messages += await to_people(store, await store.people.with_roles(ctx.township_id, LEADERS), text, key)
        return await store.outbox.enqueue(messages, now)
