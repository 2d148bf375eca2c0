"""Reads for digests, bulletins and ledgers: aggregates in SQL, and streams where a row per project is needed."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, and_, case, cast, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.summary_lifecycle import APPROVED, REPORTING
from handlers.summary_ports import (
    REPORTED,
    DayWindow,
    DoneTask,
    IssueRow,
    ProjectProgress,
    RevisionRow,
    Tally,
    TaskRow,
    TimeWindow,
    VillageRef,
)
from storage.models import (
    County,
    Grid,
    Issue,
    Milestone,
    Person,
    Project,
    Report,
    ReportEvidence,
    ReportRevision,
    Task,
    Township,
    Village,
)
from storage.repositories.county_people import county_cadres
from storage.repositories.summary_lifecycle import LifecycleSummary

STREAM_CHUNK = 5000
_Assignee, _Assigner, _Author = aliased(Person), aliased(Person), aliased(Person)
_Earlier = aliased(Issue)


def _local_date(column: Any, zone: ZoneInfo, dialect: str, on: dt.date) -> Any:
    """The local calendar day of a stored UTC time, computed in SQL."""
    if dialect == "postgresql":
        return cast(func.timezone(zone.key, column), Date)
    # SQLite has no zone data: shift by the zone's offset on `on` (China keeps one offset all year).
    offset = zone.utcoffset(dt.datetime.combine(on, dt.time(12)))
    minutes = int(offset.total_seconds() // 60) if offset else 0
    return func.date(column, f"{minutes:+d} minutes")


def _window(column: Any, windows: Sequence[tuple[Any, Any]], *, end_included: bool) -> Any:
    """Which window (0, 1, …) a value falls in; NULL for none."""
    return case(*[(and_(column >= start, column <= end if end_included else column < end), i)
                  for i, (start, end) in enumerate(windows)])


async def _tallies(session: AsyncSession, village: Any, window: Any, met: Any, where: Sequence[Any],
                   count: int) -> list[dict[int, Tally]]:
    """Count rows and those meeting their limit per window and village, in one statement."""
    # Grouped in an outer query: PostgreSQL does not match a CASE with bound parameters in GROUP BY to
    # the same CASE in the select list, since each use gets parameters of its own.
    inner = select(village.label("village_id"), window.label("w"), met.label("met")).where(*where).subquery()
    rows = await session.execute(
        select(inner.c.village_id, inner.c.w, func.count(), func.sum(inner.c.met))
        .where(inner.c.w.is_not(None)).group_by(inner.c.village_id, inner.c.w))
    tallies: list[dict[int, Tally]] = [{} for _ in range(count)]
    for village_id, w, due, met_count in rows:
        tallies[w][village_id] = Tally(int(due), int(met_count or 0))
    return tallies


def _ranked_projects(township_ids: Sequence[int], statuses: Sequence[str], towns: bool) -> list[Any]:
    """Projects of villages in these townships (or, `towns`, the townships' own), active and in one of these
    lifecycle states."""
    # A township's own projects are ranked by the county tier, not among its villages.
    level = Project.village_id.is_(None) if towns else Project.village_id.is_not(None)
    return [Project.township_id.in_(township_ids), Project.active, level, Project.status.in_(statuses)]


def _unit(towns: bool, village: Any, township: Any) -> Any:
    """What rows are counted by: the village, or (a county's view) the township."""
    return township if towns else village


class SqlSummary(LifecycleSummary):
    """SummaryRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def villages(self, township_ids: Sequence[int]) -> list[VillageRef]:
        """The villages of these townships, by township, in registry order."""
        rows = await self._s.execute(select(Village.id, Village.name, Township.name)
                                     .join(Township, Township.id == Village.township_id)
                                     .where(Village.township_id.in_(township_ids), Village.active.is_(True))
                                     .order_by(Township.name, Village.id))
        return [VillageRef(*row) for row in rows]

    async def towns(self, township_ids: Sequence[int]) -> list[VillageRef]:
        """The townships themselves as units a county ranks (their county's name in `township`), in order."""
        rows = await self._s.execute(select(Township.id, Township.name, func.coalesce(County.name, ""))
                                     .outerjoin(County, County.id == Township.county_id)
                                     .where(Township.id.in_(township_ids)).order_by(Township.id))
        return [VillageRef(*row) for row in rows]

    async def project_progress(self, township_ids: Sequence[int], untils: Sequence[str], *,
                               towns: bool = False) -> AsyncIterator[ProjectProgress]:
        """Every active approved project of the villages (or, `towns`, of the townships themselves, keyed by
        township) with its latest reported progress up to each month of `untils`, and its milestones' due dates."""
        # Read before the stream opens: a connection serves one statement at a time while a cursor streams.
        dues = await self._milestone_dues(township_ids, towns)
        latest = [select(Report.progress)
                  .where(Report.project_id == Project.id, Report.period <= until, Report.progress.is_not(None),
                         Report.status == REPORTED)
                  .order_by(Report.period.desc()).limit(1).correlate(Project).scalar_subquery()
                  for until in untils]
        query = (select(_unit(towns, Project.village_id, Project.township_id), Project.id, Project.title,
                        Project.weight, Project.start,
                        Project.deadline, Project.kind, Project.status, *latest)
                 .where(*_ranked_projects(township_ids, APPROVED, towns))
                 .order_by(_unit(towns, Project.village_id, Project.township_id), Project.id)
                 .execution_options(yield_per=STREAM_CHUNK))
        result = await self._s.stream(query)
        # A chunk per await: iterating row by row pays an event-loop round trip for every project.
        async for chunk in result.partitions():
            for row in chunk:
                yield ProjectProgress(row[0], row[1], row[2], row[3], row[4], row[5], tuple(row[8:]), row[6], row[7],
                                      dues.get(row[1], ()))

    async def _milestone_dues(self, township_ids: Sequence[int], towns: bool) -> dict[int, tuple[dt.date, ...]]:
        """The dated milestones' due dates of each project project_progress yields, in order, in one statement."""
        rows = await self._s.execute(
            select(Milestone.project_id, Milestone.due).join(Project, Project.id == Milestone.project_id)
            .where(*_ranked_projects(township_ids, APPROVED, towns), Milestone.due.is_not(None))
            .order_by(Milestone.project_id, Milestone.due))
        dues: defaultdict[int, list[dt.date]] = defaultdict(list)
        for project_id, due in rows:
            if due is not None:
                dues[project_id].append(due)
        return {project_id: tuple(dates) for project_id, dates in dues.items()}

    async def report_tally(self, township_ids: Sequence[int], windows: Sequence[Sequence[str]], *,
                           towns: bool = False) -> list[dict[int, Tally]]:
        """Per window of months (not overlapping), per village: project-months owed (by projects that owe
        reports: approved, not yet accepted), and those reported."""
        if not windows:
            return []
        reported = [func.count(case((Report.period.in_(months), Report.id))) for months in windows]
        rows = await self._s.execute(
            select(_unit(towns, Project.village_id, Project.township_id), func.count(distinct(Project.id)), *reported)
            .outerjoin(Report, and_(Report.project_id == Project.id, Report.status == REPORTED,
                                    Report.period.in_(sorted({m for months in windows for m in months}))))
            .where(*_ranked_projects(township_ids, REPORTING, towns))
            .group_by(_unit(towns, Project.village_id, Project.township_id)))
        tallies: list[dict[int, Tally]] = [{} for _ in windows]
        for village_id, projects, *counts in rows:
            assert village_id is not None  # the other level's projects are left out above
            for tally, months, met in zip(tallies, windows, counts, strict=True):
                tally[village_id] = Tally(projects * len(months), int(met))
        return tallies

    async def task_tally(self, township_ids: Sequence[int], windows: Sequence[DayWindow], zone: ZoneInfo, *,
                         towns: bool = False) -> list[dict[int, Tally]]:
        """Per window (not overlapping), per village: tasks due in it, and those done by their deadline's day."""
        if not windows:
            return []
        done_day = _local_date(Task.done_at, zone, self._s.get_bind().dialect.name, windows[-1][1])
        on_time = case((and_(Task.done_at.is_not(None), done_day <= Task.deadline), 1), else_=0)
        # A county counts a town by the tasks the county handed it (县交办), not its own hand-offs or 整改 items.
        level = (and_(Task.village_id.is_(None), Task.assigner_id.in_(county_cadres())) if towns
                 else Task.village_id.is_not(None))
        where = [Task.township_id.in_(township_ids), level,
                 Task.deadline >= min(w[0] for w in windows), Task.deadline <= max(w[1] for w in windows)]
        return await _tallies(self._s, _unit(towns, Task.village_id, Task.township_id),
                              _window(Task.deadline, windows, end_included=True),
                              on_time, where, len(windows))

    async def issue_tally(self, township_ids: Sequence[int], windows: Sequence[TimeWindow], *,
                          towns: bool = False) -> list[dict[int, Tally]]:
        """Per window (not overlapping), per village: issues whose limit fell in it, and those resolved in time."""
        if not windows:
            return []
        in_time = case((and_(Issue.resolved_at.is_not(None), Issue.resolved_at <= Issue.due_at), 1), else_=0)
        where = [Issue.township_id.in_(township_ids), *([] if towns else [Issue.village_id.is_not(None)]),
                 Issue.due_at >= min(w[0] for w in windows), Issue.due_at < max(w[1] for w in windows)]
        # A county counts a town by every issue raised in it: its villages' grids are its responsibility too.
        return await _tallies(self._s, _unit(towns, Issue.village_id, Issue.township_id),
                              _window(Issue.due_at, windows, end_included=False),
                              in_time, where, len(windows))

    async def tasks_between(self, township_id: int, start: dt.datetime, end: dt.datetime) -> list[TaskRow]:
        """Tasks created before `end` that were not yet verified at `start`: the window's ledger rows."""
        rows = await self._s.execute(
            select(Task.number, Task.title, Village.name, _Assignee.name, _Assigner.name, Task.created_at,
                   Task.deadline, Task.status, Task.progress, Task.done_at, Task.verified_at, Task.assigner_id)
            .outerjoin(Village, Village.id == Task.village_id)
            .outerjoin(_Assignee, _Assignee.id == Task.assignee_id)
            .outerjoin(_Assigner, _Assigner.id == Task.assigner_id)
            .where(Task.township_id == township_id, Task.created_at < end,
                   or_(Task.verified_at.is_(None), Task.verified_at >= start))
            .order_by(Task.number))
        return [TaskRow(*row) for row in rows]

    async def issues_between(self, township_id: int, start: dt.datetime, end: dt.datetime) -> list[IssueRow]:
        """Issues created before `end` that were still open at `start` or created since."""
        rows = await self._s.execute(
            select(Issue.number, Issue.category, Village.name, Grid.name, Issue.location, Issue.summary,
                   Issue.urgent, Issue.status, Person.name, Issue.created_at, Issue.due_at, Issue.resolved_at,
                   Issue.closed_at, _Earlier.number)
            .outerjoin(Village, Village.id == Issue.village_id)
            .outerjoin(Grid, Grid.id == Issue.grid_id)
            .outerjoin(Person, Person.id == Issue.reporter_id)
            .outerjoin(_Earlier, _Earlier.id == Issue.repeat_of_id)
            .where(Issue.township_id == township_id, Issue.created_at < end,
                   or_(Issue.closed_at.is_(None), Issue.closed_at >= start))
            .order_by(Issue.number))
        # SQLAlchemy types a row's first ten columns and leaves the rest `*tuple[Any, ...]`; mypy 2.4 cannot spread
        # such a tail over more than one parameter and calls them missing. The columns above are IssueRow's fields.
        return [IssueRow(*row) for row in rows]  # type: ignore[call-arg]

    async def revisions(self, township_id: int, periods: Sequence[str]) -> list[RevisionRow]:
        """Every revision of the township's reports for these months, in order."""
        evidence: dict[int, list[str]] = {}
        for report_id, kind, name in await self._s.execute(
                select(ReportEvidence.report_id, ReportEvidence.kind, ReportEvidence.name)
                .join(Report, Report.id == ReportEvidence.report_id).join(Project, Project.id == Report.project_id)
                .where(Project.township_id == township_id, Report.period.in_(periods))
                .order_by(ReportEvidence.id)):
            evidence.setdefault(report_id, []).append(name or ("照片" if kind == "photo" else "文件"))
        rows = await self._s.execute(
            select(Report.id, Village.name, Project.code, Project.title, Report.period, ReportRevision.number,
                   ReportRevision.created_at, _Author.name, ReportRevision.source, ReportRevision.raw_text,
                   Report.status, Report.late)
            .join(Report, Report.id == ReportRevision.report_id)
            .join(Project, Project.id == Report.project_id)
            .join(Village, Village.id == Report.village_id)
            .outerjoin(_Author, _Author.id == ReportRevision.author_id)
            .where(Project.township_id == township_id, Report.period.in_(periods))
            .order_by(Report.period, Village.id, Project.id, ReportRevision.number))
        # Spread as in issues_between (mypy 2.4 cannot spread a tail past ten typed columns); row[0] is the report.
        return [RevisionRow(*row[1:], evidence=tuple(evidence.get(row[0], ()))) for row in rows]  # type: ignore[call-arg]

    async def awaiting_verification(self, done_before: dt.datetime) -> list[DoneTask]:
        """Tasks of every township done before then and still waiting for verification, by number."""
        rows = await self._s.execute(
            select(Task.id, Task.number, Task.title, Village.name, _Assignee.name, Task.assigner_id, Task.done_at)
            .outerjoin(Village, Village.id == Task.village_id)
            .outerjoin(_Assignee, _Assignee.id == Task.assignee_id)
            .where(Task.status == "done", Task.done_at < done_before)
            .order_by(Task.township_id, Task.number))
        return [DoneTask(task_id, number, title, village, assignee, assigner_id, done_at)
                for task_id, number, title, village, assignee, assigner_id, done_at in rows if done_at is not None]
