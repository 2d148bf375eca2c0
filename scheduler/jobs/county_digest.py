"""The county's 月报告 (the 1st, for last month): each township's month-end report status, its own projects'
colours, overdue tasks and issues past their limit, and the problems raised — to the county's leaders."""
from __future__ import annotations

import asyncio
import datetime as dt

from handlers.county.town_figures import TownFigures
from handlers.county_ports import TownReportRef
from handlers.quarters import shift_period
from handlers.schedule import GREEN, RED, YELLOW
from scheduler import charts, town_report
from scheduler.artifacts import Folder, progress_png
from scheduler.context import JobContext
from scheduler.jobs._audience import month_words, to_people
from scheduler.jobs._county import county_of
from scheduler.stores import TownReportStore

MAX_PROBLEMS = 8


def _status(report: TownReportRef | None) -> str:
    if report is None or not report.confirmed:
        return "未报送"
    return "逾期报送" if report.late else "已报送"


def render(county: str, period: str, towns: list[tuple[TownFigures, TownReportRef | None]]) -> str:
    """The county digest's text."""
    lines = [f"📊 {county}{month_words(period)}基层党建月报告"]
    sent = sum(r is not None and r.confirmed for _, r in towns)
    lines.append(f"一、月末报送：{len(towns)}个乡镇，已报送{sent}个")
    lines += [f"  {f.township}：{_status(r)}" for f, r in towns]
    own = [p for f, _ in towns for p in f.own]
    count = {c: sum(p.colour == c for p in own) for c in (GREEN, YELLOW, RED)}
    lines.append(f"二、乡镇党委书记项目{len(own)}个：🟢{count[GREEN]} 🟡{count[YELLOW]} 🔴{count[RED]}")
    lines += [f"  🔴{f.township}·{p.title} {'未报' if p.progress is None else f'{p.progress}%'}"
              f"（序时{p.planned}%）" for f, _ in towns for p in f.own if p.colour == RED]
    overdue = sum(len(f.tasks_overdue) for f, _ in towns)
    late = sum(f.issues_late for f, _ in towns)
    lines.append(f"三、逾期任务{overdue}项，超时限事件{late}件")
    lines += [f"  {f.township}：逾期任务{len(f.tasks_overdue)}项，超时限事件{f.issues_late}件"
              for f, _ in towns if f.tasks_overdue or f.issues_late]
    problems = [(f.township, p) for f, _ in towns for p in f.problems]
    problems += [(f.township, f"补充说明：{r.addendum}") for f, r in towns if r is not None and r.addendum]
    if problems:
        lines.append("四、本月主要问题：")
        lines += [f"  {n}. {town}·{p}" for n, (town, p) in enumerate(problems[:MAX_PROBLEMS], 1)]
    return "\n".join(lines)


async def job(ctx: JobContext[TownReportStore], now: dt.datetime) -> int:
    """Last month across the county, from the townships' records and their month-end reports."""
    assert ctx.period is not None
    period = shift_period(ctx.period, -1)
    async with ctx.uow() as store:
        county = await county_of(ctx, store)
        if not county.cadres:
            return 0
        reports = {r.township_id: r for r in await store.town_reports.of_county(county.id, period)}
        towns = []
        for town in county.towns:
            directory = await ctx.directories.get(store, town.id, town.registry_version)
            towns.append((await town_report.assemble(store, directory, town.id, period, ctx.zone,
                                                     now.astimezone(ctx.zone).date()),
                          reports.get(town.id)))
        text = render(county.name, period, towns)
    # Drawn outside the transaction, as the townships' digests are.
    bars = [charts.Bar(f"{f.township}·{p.title[:14]}", f"T{n}", p.progress, p.planned, p.colour)
            for n, (f, _) in enumerate(towns, 1) for p in f.own]
    folder = Folder(ctx.files_dir, county.name)
    await asyncio.to_thread(folder.path(f"digest-{period}.txt").write_text, text + "\n", "utf-8")
    attachments = (await progress_png(folder, county.name, period, bars),) if bars else ()
    async with ctx.uow() as store:
        messages = await to_people(store, list(county.cadres), text, f"county-digest:{period}",
                                   attachments=attachments)
        return await store.outbox.enqueue(messages, now)
