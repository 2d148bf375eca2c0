"""Monthly reports: one per (project, period), amended in place, every state kept as a revision."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import Attachment
from handlers.refs import ProjectRef, ReportFields, ReportView
from storage.models import Project, Report, ReportEvidence, ReportRevision, Township, Village
from storage.repositories._insert import insert_ignoring_conflicts, prepared_insert_ignoring
from storage.repositories._result import rowcount

_CONTENT = ("progress", "done", "problems", "next_plan", "amounts")
_ADD_REVISION = insert(ReportRevision.__table__)


def _fields(report: Report) -> ReportFields:
    return ReportFields(report.progress, report.done, report.problems, report.next_plan, tuple(report.amounts or ()))


def _snapshot(report: Report) -> dict[str, Any]:
    data = asdict(_fields(report))
    data["amounts"] = list(data["amounts"])
    return {**data, "project_id": report.project_id, "period": report.period}


def _merge(report: Report, fields: ReportFields) -> None:
    # An amendment restates what it mentions; what it leaves out stays as reported before.
    for name in _CONTENT:
        value = getattr(fields, name)
        if value not in (None, ()):
            setattr(report, name, list(value) if name == "amounts" else value)


class SqlReports:
    """ReportRepo."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    def _views(self) -> Select[Report, str, str, int, int, int]:
        revisions = (select(func.count()).where(ReportRevision.report_id == Report.id)
                     .correlate(Report).scalar_subquery())
        evidence = (select(func.count()).where(ReportEvidence.report_id == Report.id)
                    .correlate(Report).scalar_subquery())
        # A township's own project has no village: its report is shown under the township's name.
        return (select(Report, Project.title, func.coalesce(Village.name, Township.name), revisions, evidence,
                       Project.township_id)
                .join(Project, Project.id == Report.project_id).join(Township, Township.id == Project.township_id)
                .outerjoin(Village, Village.id == Report.village_id))

    @staticmethod
    def _view(report: Report, title: str, village: str, revisions: int, evidence: int, township_id: int
              ) -> ReportView:
        return ReportView(report.id, report.project_id, title, report.village_id, village, report.period,
                          report.status, _fields(report), report.late, revisions, report.updated_at, evidence,
                          township_id)

    async def find(self, project_id: int, period: str) -> ReportView | None:
        """The report on a project for a month, if any."""
        row = (await self._s.execute(self._views().where(Report.project_id == project_id,
                                                         Report.period == period))).first()
        return self._view(*row) if row else None

    async def get(self, report_id: int) -> ReportView | None:
        """A report by id."""
        row = (await self._s.execute(self._views().where(Report.id == report_id))).first()
        return self._view(*row) if row else None

    async def save(self, project: ProjectRef, period: str, fields: ReportFields, *, late: bool, author_id: int,
                   inbox_id: int | None, raw_text: str, now: dt.datetime) -> ReportView:
        """Create the (project, period) report, or amend it; a new revision either way."""
        content = {name: getattr(fields, name) for name in _CONTENT}
        content["amounts"] = list(fields.amounts)
        new_id = (await self._s.execute(prepared_insert_ignoring(self._s, Report.__table__, "id"), {
            "project_id": project.id, "village_id": project.village_id, "period": period, "status": "draft",
            "late": late, "reporter_id": author_id, "created_at": now, "updated_at": now, **content,
        })).scalar_one_or_none()
        if new_id is not None:  # the common case, kept to two statements
            await self._add_revision(new_id, 1, author_id, inbox_id, raw_text, now, "report",
                                     {**content, "project_id": project.id, "period": period})
            return ReportView(new_id, project.id, project.title, project.village_id, project.village, period,
                              "draft", fields, late, 1, now)
        report = (await self._s.execute(select(Report).where(Report.project_id == project.id,
                                                             Report.period == period))).scalar_one()
        return await self._amend(report, lambda r: _merge(r, fields), author_id, inbox_id, raw_text, now, "report")

    async def revise(self, report_id: int, changes: dict[str, Any], *, author_id: int, inbox_id: int | None,
                     raw_text: str, now: dt.datetime) -> ReportView:
        """Apply a correction (content fields, project_id, period) and keep a revision."""
        report = await self._s.get_one(Report, report_id)

        def apply(r: Report) -> None:
            for name, value in changes.items():
                if name == "project_id":
                    r.project_id = value
                    r.village_id = select(Project.village_id).where(Project.id == value).scalar_subquery()
                else:
                    setattr(r, name, list(value) if name == "amounts" else value)
        return await self._amend(report, apply, author_id, inbox_id, raw_text, now, "correction")

    async def _amend(self, report: Report, change: Any, author_id: int, inbox_id: int | None, raw_text: str,
                     now: dt.datetime, source: str) -> ReportView:
        change(report)
        report.status = "draft"  # changed content needs a fresh confirmation
        report.updated_at = now
        await self._s.flush()
        await self._s.refresh(report)
        number = (await self._s.execute(select(func.coalesce(func.max(ReportRevision.number), 0))
                                        .where(ReportRevision.report_id == report.id))).scalar_one() + 1
        await self._add_revision(report.id, number, author_id, inbox_id, raw_text, now, source, _snapshot(report))
        view = await self.get(report.id)
        assert view is not None
        return view

    async def _add_revision(self, report_id: int, number: int, author_id: int, inbox_id: int | None,
                            raw_text: str, now: dt.datetime, source: str, fields: dict[str, Any]) -> None:
        await self._s.execute(_ADD_REVISION, {
            "report_id": report_id, "number": number, "author_id": author_id, "created_at": now, "source": source,
            "raw_text": raw_text, "inbox_id": inbox_id, "fields": fields})

    async def confirm(self, report_id: int, now: dt.datetime) -> None:
        """Mark the report as confirmed by its reporter."""
        report = await self._s.get_one(Report, report_id)
        report.status = "confirmed"
        report.updated_at = now
        await self._s.flush()

    async def add_evidence(self, report_id: int, platform: str, attachments: Sequence[Attachment], *,
                           author_id: int, inbox_id: int | None, now: dt.datetime) -> int:
        """Attach photos/files (skipping ones already attached); returns how many were new."""
        rows = [{"report_id": report_id, "platform": platform, "kind": a.kind, "file_id": a.file_id,
                 "name": a.name, "mime": a.mime, "size": a.size, "stored_path": a.stored_path,
                 "added_by_id": author_id, "inbox_id": inbox_id, "created_at": now}
                for a in attachments if a.file_id]
        if not rows:
            return 0
        result = await self._s.execute(insert_ignoring_conflicts(self._s, ReportEvidence.__table__).values(rows))
        return rowcount(result)

    async def for_period(self, township_id: int, period: str) -> list[ReportView]:
        """Every report of a township for one month."""
        rows = await self._s.execute(self._views().where(Project.township_id == township_id,
                                                         Report.period == period).order_by(Report.id))
        return [self._view(*row) for row in rows]
