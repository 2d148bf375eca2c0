"""The console's reads of projects: the scoped list with latest progress, and one project's or one report's whole
record. Every read is a fixed number of statements, however many villages, projects or reports there are."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from handlers.console_ports import (
    Evidence,
    InspectionLine,
    MilestoneLine,
    ProjectFilter,
    ProjectLine,
    ProjectRecord,
    ReportLine,
    ReportRecord,
    Revision,
    RevisionHead,
    Scope,
)
from handlers.summary_ports import REPORTED
from storage.models import (
    Inspection,
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
from storage.repositories._scope import within
from storage.repositories.console_work import TASKS, task_line

_Owner, _Reporter, _Author, _DoneBy, _Inspector, _AddedBy = (aliased(Person) for _ in range(6))


def _latest(column: Any) -> Any:
    """The latest confirmed report's value of a column (its progress, its month), as a correlated subquery."""
    return (select(column)
            .where(Report.project_id == Project.id, Report.progress.is_not(None), Report.status == REPORTED)
            .order_by(Report.period.desc()).limit(1).correlate(Project).scalar_subquery())


_PROJECTS: Select[*tuple[Any, ...]] = (
    select(Project.id, Project.code, Project.title, Project.kind, Project.status, Project.township_id, Township.name,
           Project.village_id, Village.name, _Owner.name, Project.start, Project.deadline, _latest(Report.progress),
           _latest(Report.period), Project.category, Project.weight, Project.showcase, Project.active)
    .join(Township, Township.id == Project.township_id)
    .outerjoin(Village, Village.id == Project.village_id)
    .outerjoin(_Owner, _Owner.id == Project.owner_id))
_PROJECT_COLUMNS = len(_PROJECTS.selected_columns)

_EVIDENCE: Select[*tuple[Any, ...]] = (
    select(ReportEvidence.id, ReportEvidence.report_id, ReportEvidence.kind, ReportEvidence.name, ReportEvidence.mime,
           ReportEvidence.size, ReportEvidence.stored_path, _AddedBy.name, ReportEvidence.created_at)
    .outerjoin(_AddedBy, _AddedBy.id == ReportEvidence.added_by_id))


def _project(row: Any, dues: tuple[Any, ...] = ()) -> ProjectLine:
    (project_id, code, title, kind, status, township_id, township, village_id, village, owner, start, deadline,
     progress, period, category, weight, showcase, active) = row[:_PROJECT_COLUMNS]
    return ProjectLine(project_id, code, title, kind, status, township_id, township, village_id, village, owner,
                       start, deadline, progress, period, tuple(dues), category, weight, showcase, active)


def _filters(scope: Scope, where: ProjectFilter) -> list[ColumnElement[bool]]:
    found = [within(scope, Project.township_id, Project.village_id), Project.active.is_(True)]
    if where.village_id is not None:
        found.append(Project.village_id == where.village_id)
    if where.kind is not None:
        found.append(Project.kind == where.kind)
    if where.town_level is not None:
        found.append(Project.village_id.is_(None) if where.town_level else Project.village_id.is_not(None))
    if where.status is not None:
        found.append(Project.status == where.status)
    return found


class SqlConsoleProjects:
    """ConsoleProjectsRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def projects(self, scope: Scope, where: ProjectFilter) -> list[ProjectLine]:
        """The active projects in scope matching the filter, by township, village and project, with their latest
        confirmed progress and milestone due dates: two statements."""
        conditions = _filters(scope, where)
        dues: defaultdict[int, list[Any]] = defaultdict(list)
        for project_id, due in await self._s.execute(
                select(Milestone.project_id, Milestone.due).join(Project, Project.id == Milestone.project_id)
                .where(*conditions, Milestone.due.is_not(None)).order_by(Milestone.project_id, Milestone.due)):
            dues[project_id].append(due)
        rows = await self._s.execute(_PROJECTS.where(*conditions).order_by(
            Project.township_id, Project.village_id.is_not(None), Project.village_id, Project.id))
        return [_project(row, tuple(dues.get(row[0], ()))) for row in rows]

    async def project(self, project_id: int, scope: Scope) -> ProjectRecord | None:
        """One project's record (milestones, reports with revisions and evidence, inspections, 整改 items); None
        when missing or out of scope: six statements."""
        head = (await self._s.execute(_PROJECTS.where(
            Project.id == project_id, within(scope, Project.township_id, Project.village_id)))).first()
        if head is None:
            return None
        milestones = [MilestoneLine(*row) for row in await self._s.execute(
            select(Milestone.title, Milestone.due, Milestone.done_at, _DoneBy.name)
            .outerjoin(_DoneBy, _DoneBy.id == Milestone.done_by_id).where(Milestone.project_id == project_id)
            # Undated ones last on both engines (SQLite sorts NULL first, PostgreSQL last).
            .order_by(Milestone.due.is_(None), Milestone.due, Milestone.id))]
        inspections = [InspectionLine(i, at, who, note, tuple(str(f) for f in findings or ()), len(photos or ()))
                       for i, at, who, note, findings, photos in await self._s.execute(
                           select(Inspection.id, Inspection.at, _Inspector.name, Inspection.note, Inspection.findings,
                                  Inspection.photos)
                           .outerjoin(_Inspector, _Inspector.id == Inspection.inspector_id)
                           .where(Inspection.project_id == project_id).order_by(Inspection.at, Inspection.id))]
        fixes = [task_line(row) for row in await self._s.execute(
            TASKS.where(Task.inspection_id.in_(select(Inspection.id).where(Inspection.project_id == project_id)))
            .order_by(Task.number))]
        return ProjectRecord(_project(head, tuple(m.due for m in milestones if m.due is not None)),
                             tuple(milestones), await self._reports(project_id), tuple(inspections), tuple(fixes))

    async def _reports(self, project_id: int) -> tuple[ReportLine, ...]:
        """A project's reports, newest month first, each with its revisions and evidence: two statements."""
        evidence: defaultdict[int, list[Evidence]] = defaultdict(list)
        for item in await self._evidence(Report.project_id == project_id):
            evidence[item.report_id].append(item)
        revisions: defaultdict[int, list[RevisionHead]] = defaultdict(list)
        reports: dict[int, Any] = {}
        for row in await self._s.execute(
                select(Report.id, Report.period, Report.status, Report.progress, Report.late,
                       _Reporter.name.label("reporter"), Report.updated_at, ReportRevision.number,
                       ReportRevision.source, _Author.name, ReportRevision.created_at)
                .outerjoin(_Reporter, _Reporter.id == Report.reporter_id)
                .outerjoin(ReportRevision, ReportRevision.report_id == Report.id)
                .outerjoin(_Author, _Author.id == ReportRevision.author_id)
                .where(Report.project_id == project_id).order_by(Report.period.desc(), ReportRevision.number)):
            reports.setdefault(row.id, row)
            if row.number is not None:
                revisions[row.id].append(RevisionHead(*row[7:]))
        return tuple(ReportLine(r.id, r.period, r.status, r.progress, r.late, r.reporter, r.updated_at,
                                tuple(revisions[r.id]), tuple(evidence[r.id])) for r in reports.values())

    async def report(self, report_id: int, scope: Scope) -> ReportRecord | None:
        """One report with every revision, oldest first, and its evidence; None when missing or out of scope."""
        row = (await self._s.execute(
            _PROJECTS.add_columns(Report.period, Report.status, Report.progress, Report.done, Report.problems,
                                  Report.next_plan, Report.late, _Reporter.name, Report.created_at, Report.updated_at)
            .join(Report, Report.project_id == Project.id)
            .outerjoin(_Reporter, _Reporter.id == Report.reporter_id)
            .where(Report.id == report_id, within(scope, Project.township_id, Project.village_id)))).first()
        if row is None:
            return None
        revisions = [Revision(number, source, author, at, raw, dict(fields or {})) for number, source, author, at, raw,
                     fields in await self._s.execute(
                         select(ReportRevision.number, ReportRevision.source, _Author.name, ReportRevision.created_at,
                                ReportRevision.raw_text, ReportRevision.fields)
                         .outerjoin(_Author, _Author.id == ReportRevision.author_id)
                         .where(ReportRevision.report_id == report_id).order_by(ReportRevision.number))]
        evidence = await self._evidence(ReportEvidence.report_id == report_id)
        (period, status, progress, done, problems, next_plan, late, reporter, created_at,
         updated_at) = row[_PROJECT_COLUMNS:]
        return ReportRecord(report_id, _project(row), period, status, progress, done, problems, next_plan, late,
                            reporter, created_at, updated_at, tuple(revisions), tuple(evidence))

    async def evidence(self, evidence_id: int, scope: Scope) -> Evidence | None:
        """One piece of a report's evidence; None when missing or out of scope."""
        found = await self._evidence(ReportEvidence.id == evidence_id,
                                     within(scope, Project.township_id, Project.village_id))
        return found[0] if found else None

    async def _evidence(self, *where: ColumnElement[bool]) -> list[Evidence]:
        rows = await self._s.execute(
            _EVIDENCE.join(Report, Report.id == ReportEvidence.report_id)
            .join(Project, Project.id == Report.project_id).where(*where).order_by(ReportEvidence.id))
        return [Evidence(*row) for row in rows]
