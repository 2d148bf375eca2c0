"""The 1st, 10:00 (月报告): last month at a glance for the township leaders."""
from __future__ import annotations

import datetime as dt

from handlers.roles import LEADERS
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, month_words, shift, to_people


async def job(ctx: JobContext, now: dt.datetime) -> int:
    """Who reported, late reports, open and overdue tasks, open issues: to every leader and admin."""
    assert ctx.township_id is not None and ctx.period is not None
    month = shift(ctx.period, -1)
    today = now.astimezone(ctx.zone).date()
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        reports = await store.reports.for_period(ctx.township_id, month)
        tasks = await store.tasks.with_deadlines(ctx.township_id)
        issues = await store.issues.open_issues(ctx.township_id)
        reported = {r.project_id for r in reports}
        lines = [f"📊 {directory.registry.township}{month_words(month)}月报简报",
                 f"报送：{len(reported)}/{len(directory.projects)} 个项目（逾期报送 {sum(r.late for r in reports)}）"]
        for village in directory.registry.villages:
            projects = directory.projects_of(village.name)
            if projects:
                done = sum(p.id in reported for p in projects)
                lines.append(f"· {village.name}：{done}/{len(projects)}")
        overdue = [t for t in tasks if t.deadline and t.deadline < today]
        lines.append(f"未完成任务 {len(tasks)} 项，其中逾期 {len(overdue)} 项；未办结事件 {len(issues)} 件。")
        leaders = await store.people.with_roles(ctx.township_id, LEADERS)
        messages = await to_people(store, leaders, "\n".join(lines), f"digest:{month}")
        return await store.outbox.enqueue(messages, now)
