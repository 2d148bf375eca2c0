"""The monthly digest's facts for one township and month, gathered from records (rendering is elsewhere)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.directory import Directory
from handlers.ports import Store
from handlers.quarters import Quarter, local_midnight, month_end
from handlers.schedule import GREEN, RED, YELLOW, colour, scheduled_progress
from handlers.summary_ports import IssueRow, TaskRow


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
    issues_opened: list[IssueRow]
    issues_resolved: list[IssueRow]
    issues_late: list[IssueRow]
    repeats: list[tuple[str, int]]  # "village·grid", repeats opened this month
    trend: list[TrendPoint]

    @property
    def is_empty(self) -> bool:
        """Nothing reported, handed off or logged that month (a township that had not started yet)."""
        return not any(p.reported for p in self.projects) and not (
            self.tasks_done or self.tasks_overdue or self.issues_opened or self.issues_resolved or self.issues_late)

    def count(self, which: str) -> int:
        """Projects of one colour."""
        return sum(p.colour == which for p in self.projects)

    @property
    def colours(self) -> tuple[int, int, int]:
        """(green, yellow, red) project counts."""
        return self.count(GREEN), self.count(YELLOW), self.count(RED)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _local_day(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    return moment.astimezone(zone).date()


async def trend(store: Store, township_id: int, period: str, zone: ZoneInfo, projects: int) -> list[TrendPoint]:
    """The quarter's months up to `period`: reporting rate, tasks on time, issues within limit."""
    months = [m for m in Quarter.of_period(period).months if m <= period]
    days = [(dt.date.fromisoformat(f"{m}-01"), month_end(m)) for m in months]
    task_tallies = await store.summary.task_tally([township_id], days, zone)
    issue_tallies = await store.summary.issue_tally(
        [township_id], [(local_midnight(first, zone), local_midnight(last + dt.timedelta(days=1), zone))
                        for first, last in days])
    points = []
    for month, tasks, issues in zip(months, task_tallies, issue_tallies, strict=True):
        reports = await store.reports.for_period(township_id, month)
        points.append(TrendPoint(month, _share(len({r.project_id for r in reports}), projects),
                                 _share(sum(t.met for t in tasks.values()), sum(t.due for t in tasks.values())),
                                 _share(sum(i.met for i in issues.values()), sum(i.due for i in issues.values()))))
    return points


async def gather(store: Store, directory: Directory, township_id: int, period: str, zone: ZoneInfo) -> Digest:
    """The digest of `period` for a township, read after that month has ended."""
    last = month_end(period)
    start = local_midnight(dt.date.fromisoformat(f"{period}-01"), zone)
    end = local_midnight(last + dt.timedelta(days=1), zone)
    reports = {r.project_id: r for r in await store.reports.for_period(township_id, period)}
    latest = {row.project_id: row.latest[0] async for row in store.summary.project_progress([township_id], [period])}
    projects, villages, problems = [], [], []
    for village in directory.registry.villages:
        refs = directory.projects_of(village.name)
        for p in refs:
            report = reports.get(p.id)
            progress = latest.get(p.id)
            projects.append(ProjectLine(village.name, p.code, p.title, progress,
                                        scheduled_progress(p.start, p.deadline, last),
                                        colour(progress, p.start, p.deadline, last), report is not None,
                                        bool(report and report.late)))
            if report and report.fields.problems:
                problems.append((village.name, p.title, report.fields.problems))
        if refs:
            mine = [reports[p.id] for p in refs if p.id in reports]
            villages.append(VillageRate(village.name, len(mine), len(refs), sum(r.late for r in mine)))
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
        issues_opened=[i for i in issues if start <= i.created_at < end],
        issues_resolved=[i for i in issues if i.resolved_at is not None and start <= i.resolved_at < end],
        issues_late=[i for i in issues if late_issue(i)],
        repeats=sorted(repeats.items(), key=lambda kv: (-kv[1], kv[0])),
        trend=await trend(store, township_id, period, zone, len(directory.projects)))


def on_time(task: TaskRow, zone: ZoneInfo) -> bool:
    """Done by its deadline's local day."""
    return task.done_at is not None and (task.deadline is None or _local_day(task.done_at, zone) <= task.deadline)
