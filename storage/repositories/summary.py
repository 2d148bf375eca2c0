"""Reads for digests, bulletins and ledgers: aggregates in SQL, and streams where a row per project is needed."""
from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, and_, case, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.summary_ports import IssueRow, ProjectProgress, RevisionRow, Tally, TaskRow, VillageRef
from storage.models import Grid, Issue, Person, Project, Report, ReportEvidence, ReportRevision, Task, Township, Village

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


def _tallies(rows: Any) -> dict[int, Tally]:
    return {village_id: Tally(int(due), int(met or 0)) for village_id, due, met in rows}


class SqlSummary:
    """SummaryRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def villages(self, township_ids: Sequence[int]) -> list[VillageRef]:
        """The villages of these townships, by township, in registry order."""
        rows = await self._s.execute(select(Village.id, Village.name, Township.name)
                                     .join(Township, Township.id == Village.township_id)
                                     .where(Village.township_id.in_(township_ids))
                                     .order_by(Township.name, Village.id))
        return [VillageRef(*row) for row in rows]

    async def project_progress(self, township_ids: Sequence[int], until: str) -> AsyncIterator[ProjectProgress]:
        """Every active project with its latest progress reported in a month up to `until`, streamed."""
        latest = (select(Report.progress)
                  .where(Report.project_id == Project.id, Report.period <= until, Report.progress.is_not(None))
                  .order_by(Report.period.desc()).limit(1).correlate(Project).scalar_subquery())
        query = (select(Project.village_id, Project.id, Project.title, Project.weight, Project.start,
                        Project.deadline, latest)
                 .where(Project.township_id.in_(township_ids), Project.active)
                 .order_by(Project.village_id, Project.id)
                 .execution_options(yield_per=STREAM_CHUNK))
        result = await self._s.stream(query)
        # A chunk per await: iterating row by row pays an event-loop round trip for every project.
        async for chunk in result.partitions():
            for row in chunk:
                yield ProjectProgress(*row)

    async def task_tally(self, township_ids: Sequence[int], start: dt.date, end: dt.date,
                         zone: ZoneInfo) -> dict[int, Tally]:
        """Per village: tasks with a deadline in [start, end], and those done by their deadline (local day)."""
        done_day = _local_date(Task.done_at, zone, self._s.bind.dialect.name, end)
        on_time = case((and_(Task.done_at.is_not(None), done_day <= Task.deadline), 1), else_=0)
        rows = await self._s.execute(
            select(Task.village_id, func.count(), func.sum(on_time))
            .where(Task.township_id.in_(township_ids), Task.village_id.is_not(None),
                   Task.deadline >= start, Task.deadline <= end)
            .group_by(Task.village_id))
        return _tallies(rows)

    async def issue_tally(self, township_ids: Sequence[int], start: dt.datetime, end: dt.datetime) -> dict[int, Tally]:
        """Per village: issues whose time limit fell in [start, end), and those resolved within it."""
        in_time = case((and_(Issue.resolved_at.is_not(None), Issue.resolved_at <= Issue.due_at), 1), else_=0)
        rows = await self._s.execute(
            select(Issue.village_id, func.count(), func.sum(in_time))
            .where(Issue.township_id.in_(township_ids), Issue.village_id.is_not(None),
                   Issue.due_at >= start, Issue.due_at < end)
            .group_by(Issue.village_id))
        return _tallies(rows)

    async def tasks_between(self, township_id: int, start: dt.datetime, end: dt.datetime) -> list[TaskRow]:
        """Tasks created before `end` that were not yet verified at `start`: the window's ledger rows."""
        rows = await self._s.execute(
            select(Task.number, Task.title, Village.name, _Assignee.name, _Assigner.name, Task.created_at,
                   Task.deadline, Task.status, Task.progress, Task.done_at, Task.verified_at)
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
        return [IssueRow(*row) for row in rows]

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
        return [RevisionRow(*row[1:], evidence=tuple(evidence.get(row[0], ()))) for row in rows]
