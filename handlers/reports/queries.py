"""我的 / 未报 / 台账: what a sender owes, who has not reported, and this month's table."""
from __future__ import annotations

import datetime as dt

from handlers.directory import Directory
from handlers.parse.periods import default_period
from handlers.project_refs import KIND_LABELS
from handlers.quarters import Quarter, period_label
from handlers.refs import ProjectRef, ReportView
from handlers.reports.store import ReportsContext
from handlers.roles import READERS, REPORTERS
from handlers.router import Router
from handlers.schedule import LEGEND, MARKS, colour, scheduled_progress
from handlers.summary_ports import is_reported
from handlers.tasks.cards import STATUS as TASK_STATUS

router = Router()
LEADER_ROLES = READERS  # leaders, admins, and supervisors (who read, and change nothing)
STATUS = {"draft": "待确认", "confirmed": "已确认"}


async def _this_period(ctx: ReportsContext) -> tuple[Directory, str, dict[int, ReportView]]:
    directory = await ctx.directory()
    year, month = default_period(directory.local(ctx.now).date())
    period = f"{year:04d}-{month:02d}"
    reports = await ctx.store.reports.for_period(ctx.person.township_id, period)
    return directory, period, {r.project_id: r for r in reports}


Dues = dict[int, tuple[dt.date, ...]]


async def _dues(ctx: ReportsContext) -> Dues:
    """Each project's dated milestones: where it has them, they set its 序时进度."""
    return {p.id: tuple(m.due for m in p.milestones if m.due)
            for p in await ctx.store.projects.of_township(ctx.person.township_id)}


def _line(directory: Directory, ctx: ReportsContext, project: ProjectRef, report: ReportView | None,
          dues: Dues) -> str:
    today = directory.local(ctx.now).date()
    progress = report.fields.progress if report else None
    steps = dues.get(project.id, ())
    mark = MARKS[colour(progress, project.start, project.deadline, today, milestones=steps)]
    planned = scheduled_progress(project.start, project.deadline, today, steps)
    plan = f"（序时{planned}%）" if planned is not None else ""
    if report is None:
        return f"{mark} {project.title}：未报{plan}"
    shown = f"{progress}%" if progress is not None else "进度未说明"
    late = "，逾期" if report.late else ""
    return f"{mark} {project.title}：{shown}{plan}，{STATUS.get(report.status, report.status)}{late}"


def _leaders_only(what: str) -> str:
    return f"抱歉，“{what}”查询仅限镇领导、党建办和督导使用。发送“我的”可查看您自己的项目。"


@router.command("my", words=("我的", "我的项目"))
async def my(ctx: ReportsContext) -> None:
    """The sender's projects with this month's status, and their open tasks."""
    directory, period, reports = await _this_period(ctx)
    person = ctx.person
    # A 包村干部 covering several villages sees each of them.
    villages = person.villages_for(REPORTERS) or ((person.reporting_village,) if person.reporting_village else ())
    lines = [f"{person.name}（{'、'.join(villages) or person.township}）· {period_label(period)}"]
    projects = [p for village in villages for p in directory.projects_of(village)]
    dues = await _dues(ctx)
    for kind, label in KIND_LABELS.items():  # 书记项目 and 领办事项 are counted apart
        of_kind = [p for p in projects if p.kind == kind]
        if of_kind:
            lines.append(f"【{label}】{len(of_kind)}个")
            lines += [_line(directory, ctx, p, reports.get(p.id), dues) for p in of_kind]
    ids = {directory.village_ids.get(v) for v in villages}
    pending = [p for p in await ctx.store.projects.of_township(person.township_id)
               if p.village_id in ids and not p.approved]
    lines += [f"📋 {p.title}：{p.label}" for p in pending]
    if not projects and not pending:
        lines.append("您没有负责的村项目。")
    tasks = await ctx.store.tasks.open_assigned(person.id)
    if tasks:
        lines.append(f"待办任务（{len(tasks)}）：")
        lines += [f"#{t.number} {t.title[:30]}" + (f" · {t.deadline.month}月{t.deadline.day}日前" if t.deadline else "")
                  + f" · {TASK_STATUS.get(t.status, t.status)}" for t in tasks]
    else:
        lines.append("待办任务：无")
    ctx.reply("\n".join(lines))


@router.command("missing", words=("未报", "谁没报", "未报送"), roles=LEADER_ROLES, refusal=_leaders_only("未报"))
async def missing(ctx: ReportsContext) -> None:
    """Projects with no report this period, by village (leaders and admins)."""
    directory, period, reports = await _this_period(ctx)
    lines, count = [], 0
    for village in directory.registry.villages:
        # A draft never confirmed is not reported (the digest counts the same way), but it needs only 确认.
        absent = [p.title + ("（已填报待确认）" if p.id in reports else "") for p in directory.projects_of(village.name)
                  if p.id not in reports or not is_reported(reports[p.id].status)]
        if absent:
            count += len(absent)
            lines.append(f"{village.name}：" + "；".join(absent))
    if not lines:
        ctx.reply(f"{period_label(period)}各村项目均已报送 ✅")
        return
    ctx.reply(f"{period_label(period)}未报送（{count}/{len(directory.projects)} 个项目）：\n" + "\n".join(lines))


@router.command("ledger", words=("台账", "本月台账", "季度台账"), args=r"\s*(\d{4}\s*[Qq季]\s*[1-4])?\s*",
                roles=LEADER_ROLES, refusal=_leaders_only("台账"))
async def ledger(ctx: ReportsContext) -> None:
    """This month's project table as text, and a quarter's workbook as a file (leaders and admins)."""
    directory, period, reports = await _this_period(ctx)
    try:
        quarter = Quarter.parse(ctx.args) if ctx.args.strip() else Quarter.of_period(period)
    except ValueError:
        ctx.reply("请按“台账 2026Q1”的格式指定季度，或只发“台账”查看本月情况和本季度台账。")
        return
    if not ctx.args.strip():
        ctx.reply(_month_table(ctx, directory, period, reports, await _dues(ctx)))
    if ctx.ledger_files is not None:
        # Read now, written after the commit: drawing a workbook must not hold SQLite's only write lock.
        render = await ctx.ledger_files(ctx.store, directory, ctx.person.township_id, quarter, ctx.now)
        ctx.reply_later(f"📎 {quarter.label}台账（项目、方案、里程碑、督导、整改、任务、网格事件、月报原文）见附件。",
                        render)


def _month_table(ctx: ReportsContext, directory: Directory, period: str, reports: dict[int, ReportView],
                 dues: Dues) -> str:
    done = sum(1 for p in directory.projects if p.id in reports and is_reported(reports[p.id].status))
    total = len(directory.projects)
    lines = [f"📒 {directory.registry.township} {period_label(period)} 项目台账（已报 {done}/{total}）"]
    for village in directory.registry.villages:
        projects = directory.projects_of(village.name)
        if projects:
            lines.append(f"【{village.name}】")
            lines += [_line(directory, ctx, p, reports.get(p.id), dues) for p in projects]
    lines.append(LEGEND)
    return "\n".join(lines)
