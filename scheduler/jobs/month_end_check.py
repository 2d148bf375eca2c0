"""The 25th (月末督查): the report window opens, with last month's report as each secretary's starting point.

A village that has reported (confirmed) every project for the month hears nothing; one whose reports are
filed but not confirmed is asked only for the confirmation."""
from __future__ import annotations

import datetime as dt

from handlers.quarters import shift_period
from handlers.refs import ReportView
from handlers.summary_ports import is_reported
from scheduler.context import JobContext
from scheduler.jobs._audience import directory_of, month_words, to_people
from scheduler.jobs._owed import Owed, confirm_buttons, confirm_lines, owed, reporters
from scheduler.stores import ReminderStore


def _text(village: Owed, period: str, last: dict[int, ReportView]) -> str:
    if not village.missing:
        return "\n".join([f"📋 {month_words(period)}月报月底前截止。", *confirm_lines(village.drafts, village.village)])
    lines = [f"📋 {month_words(period)}月报已开始报送（月底前）。上月报告供参考："]
    for project in village.missing:
        report = last.get(project.id)
        if report is None:
            lines.append(f"· {project.title}：上月未报")
        else:
            progress = f"{report.fields.progress}%" if report.fields.progress is not None else "进度未说明"
            plan = f"，下步计划：{report.fields.next_plan}" if report.fields.next_plan else ""
            lines.append(f"· {project.title}：{progress}{plan}")
    lines.append("直接回复本月进展即可，只说有变化的地方也行。")
    return "\n".join(lines + confirm_lines(village.drafts))


async def job(ctx: JobContext[ReminderStore], now: dt.datetime) -> int:
    """To each village that still owes its report: what it reported last month, project by project."""
    assert ctx.township_id is not None and ctx.period is not None
    async with ctx.uow() as store:
        directory = await directory_of(ctx, store)
        last = {r.project_id: r for r in await store.reports.for_period(ctx.township_id, shift_period(ctx.period, -1))
                if is_reported(r.status)}
        messages = []
        for village in await owed(store, directory, ctx.township_id, ctx.period):
            people = await reporters(store, ctx.township_id, directory, village)
            messages += await to_people(store, people, _text(village, ctx.period, last),
                                        f"window:{ctx.period}:{village.village}",
                                        buttons=confirm_buttons(village.drafts))
        return await store.outbox.enqueue(messages, now)
