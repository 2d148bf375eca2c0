"""The 25th (月末督查): the report window opens, with last month's report as each secretary's starting point."""
from __future__ import annotations

import datetime as dt

from handlers.quarters import shift_period
from handlers.roles import REPORTERS
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, month_words, to_people


async def job(ctx: JobContext, now: dt.datetime) -> int:
    """To each village's reporters: what they reported last month, project by project."""
    assert ctx.township_id is not None and ctx.period is not None
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        last = {r.project_id: r for r in await store.reports.for_period(ctx.township_id, shift_period(ctx.period, -1))}
        messages = []
        for village in directory.registry.villages:
            projects = directory.projects_of(village.name)
            if not projects:
                continue
            lines = [f"📋 {month_words(ctx.period)}月报已开始报送（月底前）。上月报告供参考："]
            for project in projects:
                report = last.get(project.id)
                if report is None:
                    lines.append(f"· {project.title}：上月未报")
                else:
                    progress = f"{report.fields.progress}%" if report.fields.progress is not None else "进度未说明"
                    plan = f"，下步计划：{report.fields.next_plan}" if report.fields.next_plan else ""
                    lines.append(f"· {project.title}：{progress}{plan}")
            lines.append("直接回复本月进展即可，只说有变化的地方也行。")
            people = await store.people.with_roles(ctx.township_id, REPORTERS, village.name)
            messages += await to_people(store, people, "\n".join(lines), f"window:{ctx.period}:{village.name}")
        return await store.outbox.enqueue(messages, now)
