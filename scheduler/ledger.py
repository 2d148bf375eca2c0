"""The 台账 for one township and quarter, gathered from records; `ledger_xlsx` writes it as a workbook.

Every project is listed with its lifecycle status, those still under review (待审核, 退回修改) too; only approved
ones have figures (progress, 序时进度 — by milestones where they have dated ones — colour, and for 村集体经济
projects the 投入 and 收入 their reports name)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.directory import Directory
from handlers.money_flow import MoneyTotals, ReportMoney, totals
from handlers.ports import LedgerStore
from handlers.quarters import Quarter, local_midnight
from handlers.refs import ProjectRef, ReportView
from handlers.schedule import colour, scheduled_progress
from handlers.summary_lifecycle import (
    COLLECTIVE_ECONOMY,
    InspectionRow,
    MilestoneRow,
    PlanRow,
    ProjectState,
    RectificationRow,
)
from handlers.summary_ports import IssueRow, ProjectProgress, RevisionRow, TaskRow, is_reported
from handlers.work_record_ports import WorkRecordRow


@dataclass(frozen=True)
class ProjectLedgerRow:
    """A project with each month's confirmed report (None: not reported) and its state on the ledger's day."""

    project: ProjectRef
    months: tuple[ReportView | None, ...]
    progress: int | None  # the latest reported up to the ledger's day
    planned: int | None
    colour: str | None  # None: not approved, so not measured
    state: ProjectState
    money: MoneyTotals | None = None  # 村集体经济 projects that are approved: 投入 and 收入 reported so far


@dataclass(frozen=True)
class Ledger:
    """Everything the workbook holds."""

    township: str
    quarter: Quarter
    as_of: dt.date  # the quarter's last day, or today while it runs
    zone: ZoneInfo
    projects: list[ProjectLedgerRow]
    tasks: list[TaskRow]
    issues: list[IssueRow]
    revisions: list[RevisionRow]
    plans: list[PlanRow]
    milestones: list[MilestoneRow]
    inspections: list[InspectionRow]
    rectifications: list[RectificationRow]
    work_records: list[WorkRecordRow]  # listed for the inspectors, never scored

    @property
    def title(self) -> str:
        """'青山镇2026年第1季度台账'."""
        return f"{self.township}{self.quarter.label}台账"


def _row(p: ProjectRef, state: ProjectState, months: tuple[ReportView | None, ...], progress: ProjectProgress | None,
         money: Mapping[int, list[ReportMoney]], as_of: dt.date) -> ProjectLedgerRow:
    if progress is None:  # under review (or approved since the ledger's month): listed, not measured
        return ProjectLedgerRow(p, tuple(None for _ in months), None, None, None, state)
    dues = progress.milestone_dues
    collective = COLLECTIVE_ECONOMY in (state.category or "")
    return ProjectLedgerRow(p, months, progress.latest[0], scheduled_progress(p.start, p.deadline, as_of, dues),
                            colour(progress.latest[0], p.start, p.deadline, as_of, milestones=dues), state,
                            totals(money.get(p.id, ())) if collective else None)


async def gather(store: LedgerStore, directory: Directory, township_id: int, quarter: Quarter, today: dt.date,
                 zone: ZoneInfo) -> Ledger:
    """The quarter's ledger as it stands on `today`."""
    as_of = min(today, quarter.end)
    monthly = [{r.project_id: r for r in await store.reports.for_period(township_id, month) if is_reported(r.status)}
               for month in quarter.months]
    until = min(quarter.months[-1], f"{as_of:%Y-%m}")
    states = await store.summary.project_states(township_id)
    approved = {row.project_id: row async for row in store.summary.project_progress([township_id], [until])}
    money: defaultdict[int, list[ReportMoney]] = defaultdict(list)
    for report in await store.summary.collective_amounts(township_id, until):
        money[report.project_id].append((report.amounts, report.done))
    projects = [_row(p, states[p.id], tuple(m.get(p.id) for m in monthly), approved.get(p.id), money, as_of)
                for p in await store.registry.projects(township_id, approved_only=False) if p.id in states]
    start = local_midnight(quarter.start, zone)
    end = local_midnight(quarter.end + dt.timedelta(days=1), zone)
    summary = store.summary
    return Ledger(directory.registry.township, quarter, as_of, zone, projects,
                  await summary.tasks_between(township_id, start, end),
                  await summary.issues_between(township_id, start, end),
                  await summary.revisions(township_id, quarter.months),
                  await summary.plans(township_id, end), await summary.milestones(township_id),
                  await summary.inspections(township_id, start, end),
                  await summary.rectifications(township_id, start, end),
                  await store.work_records.between(township_id, quarter.start, quarter.end))


def file_name(ledger: Ledger) -> str:
    """What the file is called where people see it."""
    return f"{ledger.title}.xlsx"
