"""The 台账 for one township and quarter, gathered from records; `ledger_xlsx` writes it as a workbook."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.directory import Directory
from handlers.ports import LedgerStore
from handlers.quarters import Quarter, local_midnight
from handlers.refs import ProjectRef, ReportView
from handlers.schedule import colour, scheduled_progress
from handlers.summary_ports import IssueRow, RevisionRow, TaskRow, is_reported


@dataclass(frozen=True)
class ProjectLedgerRow:
    """A project with each month's confirmed report (None: not reported) and its state on the ledger's day."""

    project: ProjectRef
    months: tuple[ReportView | None, ...]
    progress: int | None  # the latest reported up to the ledger's day
    planned: int | None
    colour: str


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

    @property
    def title(self) -> str:
        """'青山镇2026年第1季度台账'."""
        return f"{self.township}{self.quarter.label}台账"


async def gather(store: LedgerStore, directory: Directory, township_id: int, quarter: Quarter, today: dt.date,
                 zone: ZoneInfo) -> Ledger:
    """The quarter's ledger as it stands on `today`."""
    as_of = min(today, quarter.end)
    monthly = [{r.project_id: r for r in await store.reports.for_period(township_id, month) if is_reported(r.status)}
               for month in quarter.months]
    until = min(quarter.months[-1], f"{as_of:%Y-%m}")
    latest = {row.project_id: row.latest[0] async for row in store.summary.project_progress([township_id], [until])}
    projects = []
    for p in directory.projects:
        progress = latest.get(p.id)
        projects.append(ProjectLedgerRow(p, tuple(m.get(p.id) for m in monthly), progress,
                                         scheduled_progress(p.start, p.deadline, as_of),
                                         colour(progress, p.start, p.deadline, as_of)))
    start = local_midnight(quarter.start, zone)
    end = local_midnight(quarter.end + dt.timedelta(days=1), zone)
    return Ledger(directory.registry.township, quarter, as_of, zone, projects,
                  await store.summary.tasks_between(township_id, start, end),
                  await store.summary.issues_between(township_id, start, end),
                  await store.summary.revisions(township_id, quarter.months))


def file_name(ledger: Ledger) -> str:
    """What the file is called where people see it."""
    return f"{ledger.title}.xlsx"

