"""项目: the viewer's projects with their latest progress against 序时进度, one project's whole record, one report's
every revision, and the photos kept with reports (served by id, never by a path from the request)."""
from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response

from bot.web.pages import Page
from bot.web.records import choice, found, path_id, project_records, scope
from handlers.console_ports import Evidence, ProjectFilter, ProjectLine, ProjectRecord
from handlers.project_refs import APPROVED, STATUS, PlanVersion
from handlers.projects.cards import STEP
from handlers.quarters import period_label
from handlers.refs import TaskEventRef
from handlers.reports.cards import amounts_label
from handlers.schedule import GREEN, RED, YELLOW, colour, scheduled_progress
from handlers.tasks.cards import STATUS as TASK_STATUS
from scheduler import kinds
from scheduler.ledger_xlsx import SOURCES

COLOURS = {GREEN: "正常", YELLOW: "需关注", RED: "滞后"}  # as the colour dots' titles say them
# Served in the page; anything else (a document, an SVG that could carry script) is a download.
INLINE = ("image/jpeg", "image/png", "image/gif", "image/webp")
FIELDS = (("progress", "进度"), ("done", "本月完成"), ("problems", "存在问题"), ("next_plan", "下步计划"),
          ("amounts", "金额"))


@dataclass(frozen=True)
class ProjectRow:
    """A project with its 序时进度 and colour today (None for one not yet approved: a plan under review is not
    measured)."""

    line: ProjectLine
    planned: int | None
    colour: str | None


def judged(line: ProjectLine, today: dt.date) -> ProjectRow:
    """A project's schedule and colour on a day, as the digest judges them (an accepted one is finished)."""
    if line.status not in APPROVED:
        return ProjectRow(line, None, None)
    dues = line.milestone_dues
    return ProjectRow(line, scheduled_progress(line.start, line.deadline, today, dues),
                      colour(line.progress, line.start, line.deadline, today, finished=line.status == "accepted",
                             milestones=dues))


def _filter(page: Page, villages: dict[str, str]) -> tuple[ProjectFilter, str | None]:
    village = choice(page, "village", villages, "村（社区）")
    kind = choice(page, "kind", kinds.LABELS, "项目类别")
    status = choice(page, "status", STATUS, "项目状态")
    wanted = choice(page, "colour", COLOURS, "进度颜色")
    town_level = {kinds.TOWN_PROJECT: True, "secretary_project": False}.get(kind or "")
    stored_kind = "secretary_project" if kind == kinds.TOWN_PROJECT else kind
    return ProjectFilter(int(village) if village else None, stored_kind, town_level, status), wanted


async def projects(page: Page) -> Response:
    """The viewer's projects, filtered by village, kind, status and colour (the table alone is swapped by htmx)."""
    viewer = page.viewer
    many_towns = len(viewer.towns) > 1
    villages = {str(v.id): f"{v.township} · {v.name}" if many_towns else v.name
                for v in await page.store.summary.villages(viewer.township_ids)
                if viewer.village_ids is None or v.id in viewer.village_ids}
    where, wanted = _filter(page, villages)
    rows = [judged(line, page.today) for line in await project_records(page).projects(scope(viewer), where)]
    if wanted is not None:
        rows = [row for row in rows if row.colour == wanted]
    offered = {k: v for k, v in kinds.LABELS.items() if viewer.village_ids is None or k != kinds.TOWN_PROJECT}
    return page.render("projects.html", rows=rows, villages=villages, kinds=offered, statuses=STATUS,
                       colours=COLOURS, many_towns=many_towns, asked=page.request.query_params)


async def project(page: Page) -> Response:
    """One project: plan versions, milestones, steps, every report with its revisions, inspections and 整改."""
    project_id = path_id(page, "project_id")
    within = scope(page.viewer)

    async def read() -> tuple[ProjectRecord | None, list[PlanVersion], list[TaskEventRef]]:
        record = await project_records(page).project(project_id, within)
        if record is None:
            return None, [], []
        return record, await page.store.projects.plans(project_id), await page.store.projects.history(project_id)

    # Kept until a record changes, as the 总览's figures are (bot.web.kept): a project's page is read again and again.
    shown, plans, steps = await page.console.kept.get(("project", project_id, within), read)
    record = found(shown)
    return page.render("project.html", record=record, row=judged(record.project, page.today),
                       plans=plans, steps=steps, step_words=STEP, statuses=STATUS,
                       sources=SOURCES, task_statuses=TASK_STATUS,
                       colours=COLOURS, zone=page.console.zone, label=period_label,
                       kept=kept(page.console.files_dir, (e for r in record.reports for e in r.evidence)))


async def report(page: Page) -> Response:
    """One monthly report: every revision (who, when, how, the words it came from, the fields it left)."""
    record = found(await project_records(page).report(path_id(page, "report_id"), scope(page.viewer)))
    return page.render("report.html", record=record, fields=FIELDS, sources=SOURCES, zone=page.console.zone,
                       label=period_label, amounts=amounts_label, kept=kept(page.console.files_dir, record.evidence))


def kept(files_dir: Path, evidence: Iterable[Evidence]) -> dict[int, bool]:
    """The evidence with a kept copy, by id: True for a picture shown in the page, False for a file to download."""
    copies = {}
    for item in evidence:
        path = local_copy(files_dir, item)
        if path is not None:
            copies[item.id] = _media(item, path) in INLINE
    return copies


def local_copy(files_dir: Path, item: Evidence) -> Path | None:
    """The kept copy of a piece of evidence: a file under the files folder, or None (none kept, gone, or a path that
    leads elsewhere)."""
    if not item.stored_path:
        return None
    try:
        path = Path(item.stored_path).resolve(strict=True)
        root = files_dir.resolve()
    except (OSError, RuntimeError):
        return None
    return path if path.is_relative_to(root) and path.is_file() else None


def _media(item: Evidence, path: Path) -> str | None:
    return item.mime if item.mime in INLINE else mimetypes.guess_type(path.name)[0]


async def evidence(page: Page) -> Response:
    """A kept photo (shown) or file (downloaded) of a report the viewer may read."""
    item = found(await project_records(page).evidence(path_id(page, "evidence_id"), scope(page.viewer)))
    path = local_copy(page.console.files_dir, item)
    if path is None:
        raise HTTPException(404, "这份材料没有保存副本，请在工作群的聊天记录中查看。")
    media = _media(item, path)
    if media in INLINE:
        return FileResponse(path, media_type=media, headers={"content-disposition": "inline"})
    return FileResponse(path, media_type="application/octet-stream", filename=item.name or path.name)

