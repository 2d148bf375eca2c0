"""The 5th of Jan/Apr/Jul/Oct (季通报): last quarter's reporting by village, ranked, to the township group
and leaders. Outcome scores come with the digest work; this counts what was reported, not app use."""
from __future__ import annotations

import datetime as dt

from handlers.roles import LEADERS
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, shift, to_chats, to_people


async def job(ctx: JobContext, now: dt.datetime) -> int:
    """Each village's share of its project reports filed over the last three months, ranked."""
    assert ctx.township_id is not None and ctx.period is not None
    months = [shift(ctx.period, -k) for k in (3, 2, 1)]
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        filed: set[tuple[int, str]] = set()
        for month in months:
            filed |= {(r.project_id, month) for r in await store.reports.for_period(ctx.township_id, month)}
        rows = []
        for village in directory.registry.villages:
            projects = directory.projects_of(village.name)
            if projects:
                owed = len(projects) * len(months)
                done = sum((p.id, m) in filed for p in projects for m in months)
                rows.append((done / owed, village.name, done, owed))
        rows.sort(key=lambda row: (-row[0], row[1]))
        year, month = map(int, months[0].split("-"))
        lines = [f"📣 {year}年第{(month - 1) // 3 + 1}季度月报报送通报（按项目月报报送率排名）"]
        lines += [f"{i}. {name}：{done}/{owed}（{rate:.0%}）" for i, (rate, name, done, owed) in enumerate(rows, 1)]
        text = "\n".join(lines)
        key = f"bulletin:{months[0]}"
        messages = to_chats(await store.places.township_chats(ctx.township_id), text, key)
        messages += await to_people(store, await store.people.with_roles(ctx.township_id, LEADERS), text, key)
        return await store.outbox.enqueue(messages, now)
