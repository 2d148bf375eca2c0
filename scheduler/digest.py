"""The monthly digest's facts for one township and month, gathered from records (rendering is elsewhere).

Only approved projects are in it: one declared or returned for revision is a plan under review, not yet work
to report on. Scheduled progress follows a project's milestones where it has dated ones (handlers.schedule)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.directory import Directory
from handlers.ports import LedgerStore
from handlers.quarters import Quarter
from handlers.schedule import GREEN, RED, YELLOW, colour, scheduled_progress
from handlers.summary_lifecycle import SECRETARY_PROJECT
from handlers.summary_ports import IssueRow, TaskRow, is_reported
from scheduler import kinds
from scheduler.rates import Rates, Window, rates, total
from scheduler.stores import SummaryStore


@dataclass(frozen=True)
class ProjectLine:
    """A project at the month's end: latest progress, this month's report, schedule and colour."""

    village: str
    code: str
    title: str
    progress: int | None
    planned: int | None
    colour: str
    reported: bool
    late: bool
    kind: str = SECRETARY_PROJECT
    status: str = "in_progress"


@dataclass(frozen=True)
class VillageRate:
    """How many of a village's projects were reported this month."""

    name: str
    reported: int
    total: int
    late: int


@dataclass(frozen=True)
class TrendPoint:
    """One month of the quarter: shares of projects reported, tasks on time, issues within limit (None: none due)."""

    period: str
    reporting: float | None
    tasks: float | None
    issues: float | None

    @classmethod
    def of(cls, period: str, month: Rates) -> TrendPoint:
        """A month's point from its rates."""
        return cls(period, month.reports.share, month.tasks.share, month.issues.share)


@dataclass(frozen=True)
class Digest:
    """Everything the monthly digest says, with the records it came from."""

    township: str
    period: str
    projects: list[ProjectLine]
    villages: list[VillageRate]
    problems: list[tuple[str, str, str]]  # village, project, what the report says is in the way
    tasks_done: list[TaskRow]
    tasks_overdue: list[TaskRow]
    tasks_awaiting: list[TaskRow]  # done, not verified at the month's end (待验收): never overdue
    issues_opened: list[IssueRow]
    issues_resolved: list[IssueRow]
    issues_late: list[IssueRow]
    repeats: list[tuple[str, int]]  # "village·grid", repeats opened this month
    month: Rates  # the month's 报送率, tasks on time and issues in time, as the trend counts them
    trend: list[TrendPoint]

    @property
    def is_empty(self) -> bool:
        """Nothing reported, handed off or logged that month (a township that had not started yet)."""
        return not any(p.reported for p in self.projects) and not (
            self.tasks_done or self.tasks_overdue or self.issues_opened or self.issues_resolved or self.issues_late)

    def count(self, which: str) -> int:
        """Projects reported this month in one colour: one not reported is not on schedule, whatever it last said."""
        return sum(p.reported and p.colour == which for p in self.projects)

    def by_kind(self) -> list[tuple[str, int, int]]:
        """(kind, projects, of them reported this month) for each kind present, 书记项目 first."""
        present = sorted({p.kind for p in self.projects}, key=kinds.order)
        return [(kind, sum(p.kind == kind for p in self.projects), sum(p.kind == kind and p.reported
                                                                       for p in self.projects)) for kind in present]

    @property
    def colours(self) -> tuple[int, int, int]:
        """(green, yellow, red) counts of the projects reported this month."""
        return self.count(GREEN), self.count(YELLOW), self.count(RED)


async def _quarter_so_far(store: SummaryStore, township_id: int, period: str,
                          zone: ZoneInfo) -> list[tuple[str, dict[int, Rates]]]:
    """Each month of `period`'s quarter up to it, with its rates by village id."""
    months = [m for m in Quarter.of_period(period).months if m <= period]
    return list(zip(months, await rates(store, [township_id], [Window.month(m) for m in months], zone),
                    strict=True))


def _points(quarter: list[tuple[str, dict[int, Rates]]]) -> list[TrendPoint]:
    return [TrendPoint.of(month, total(by_village.values())) for month, by_village in quarter]


async def trend(store: SummaryStore, township_id: int, period: str, zone: ZoneInfo) -> list[TrendPoint]:
    """The quarter's months up to `period`: reporting rate, tasks on time, issues within limit."""
    return _points(await _quarter_so_far(store, township_id, period, zone))


async def gather(store: LedgerStore, directory: Directory, township_id: int, period: str, zone: ZoneInfo) -> Digest:
    """The digest of `period` for a township, read after that month has ended."""
    window = Window.month(period)
    last = window.days[1]
    start, end = window.times(zone)
    reports = {r.project_id: r for r in await store.reports.for_period(township_id, period) if is_reported(r.status)}
    approved = {row.project_id: row async for row in store.summary.project_progress([township_id], [period])}
    quarter = await _quarter_so_far(store, township_id, period, zone)
    by_village = quarter[-1][1]
    projects, villages, problems = [], [], []
    for village in directory.registry.villages:
        for p in directory.projects_of(village.name):
            row = approved.get(p.id)
            if row is None:
                continue
            report = reports.get(p.id)
            progress, dues = row.latest[0], row.milestone_dues
            projects.append(ProjectLine(village.name, p.code, p.title, progress,
                                        scheduled_progress(p.start, p.deadline, last, dues),
                                        colour(progress, p.start, p.deadline, last, milestones=dues),
                                        report is not None, bool(report and report.late), row.kind, row.status))
            if report and report.fields.problems:
                problems.append((village.name, p.title, report.fields.problems))
        owed = by_village.get(directory.village_ids.get(village.name, -1), Rates()).reports
        if owed.due:  # a village whose projects are all accepted (销号) or still under review owes nothing
            late = sum(reports[p.id].late for p in directory.projects_of(village.name)
                       if p.id in reports and p.id in approved)
            villages.append(VillageRate(village.name, owed.met, owed.due, late))
    tasks = await store.summary.tasks_between(township_id, start, end)
    issues = await store.summary.issues_between(township_id, start, end)

    def open_at_end(t: TaskRow) -> bool:
        return t.done_at is None or t.done_at >= end

    def late_issue(i: IssueRow) -> bool:
        if i.due_at is None or i.due_at >= end:
            return False
        return i.resolved_at is None or (i.resolved_at > i.due_at and i.resolved_at >= start)

    repeats = Counter(f"{i.village or '镇级'}·{i.grid or '未分网格'}" for i in issues
                      if i.repeat_of is not None and start <= i.created_at < end)
    return Digest(
        township=directory.registry.township, period=period, projects=projects, villages=villages,
        problems=problems,
        tasks_done=[t for t in tasks if t.done_at is not None and start <= t.done_at < end],
        tasks_overdue=[t for t in tasks if t.deadline is not None and t.deadline <= last and open_at_end(t)],
        tasks_awaiting=[t for t in tasks if not open_at_end(t) and (t.verified_at is None or t.verified_at >= end)],
        issues_opened=[i for i in issues if start <= i.created_at < end],
        issues_resolved=[i for i in issues if i.resolved_at is not None and start <= i.resolved_at < end],
        issues_late=[i for i in issues if late_issue(i)],
        repeats=sorted(repeats.items(), key=lambda kv: (-kv[1], kv[0])),
        month=total(by_village.values()),
        trend=_points(quarter))
