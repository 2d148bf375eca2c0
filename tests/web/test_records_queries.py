"""The record pages read in a fixed number of statements: more villages, projects, reports, revisions, photos,
inspections, tasks, sub-tasks and issues add rows to the page, never queries (no N+1)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest
import yaml

from bot.app import App
from bot.registry_file import load_organisation
from handlers.clock import FakeClock
from handlers.messages import Attachment
from handlers.refs import NewIssue, NewTask
from storage.models import Person, Project
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import RecordingTransport
from tests.scheduler.lifecycle import add_inspection, add_milestone, add_plan, add_rectification
from tests.scheduler.records import file_report
from tests.storage.test_summary_lifecycle import statements
from tests.support.rows import rows
from tests.web.records_world import World, make_world, registry
from tests.web.support import signed_in

NEW_VILLAGES = 4


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township with a supervisor (督导组) on its roster."""
    return registry(tmp_path_factory.mktemp("registry"))


async def _more_villages(app: App, registry: Path, folder: Path) -> None:
    """The roster again with more villages, each with a secretary and two projects with dated milestones."""
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    for n in range(1, NEW_VILLAGES + 1):
        data["villages"].append({"name": f"新{n}村", "grids": ["一组"]})
        data["people"].append({"name": f"新书记{n}", "role": "secretary", "village": f"新{n}村"})
        for part in "ab":
            data["projects"].append({
                "id": f"XN-{n}{part}", "title": f"新{n}村项目{part}", "kind": "secretary_project",
                "village": f"新{n}村", "owner": f"新书记{n}", "deadline": "2026-12-31", "weight": 10,
                "milestones": [{"title": "完成规划", "due": "2026-06-30"}, {"title": "建成", "due": "2026-11-30"}]})
    path = folder / "more-villages.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(load_organisation(path))


async def _more_records(app: App, world: World) -> None:
    """Reports (corrected, with photos), plans, milestones, inspections with 整改, tasks, sub-tasks and issues."""
    now = app.clock.now()
    people = {p.name: p for p in await rows(app, Person)}
    for n in range(1, NEW_VILLAGES + 1):
        for part in "ab":
            for period in ("2026-01", "2026-02"):
                await file_report(app, f"新书记{n}", f"XN-{n}{part}", period, 10, "进度10%")
                report = await file_report(app, f"新书记{n}", f"XN-{n}{part}", period, 20, "进度改成20%")
                async with app.uow() as store:
                    await store.reports.add_evidence(report, "telegram", [Attachment("photo", f"{period}-{n}{part}")],
                                                     author_id=None, inbox_id=None, now=now)
    for period in ("2026-01", "2026-02"):
        await file_report(app, "王建国", "XC-01", period, 30, "进度30%")
    xc01 = world.projects["XC-01"]
    for number in (1, 2):
        await add_plan(app, xc01, number, f"方案第{number}版", dt.date(2026, 12, 31), "王建国", now)
    await add_milestone(app, xc01, "立面改造", dt.date(2026, 4, 30), now, "王建国")
    await add_milestone(app, xc01, "主街段", dt.date(2026, 8, 31))
    for number in (50, 51):
        inspection = await add_inspection(app, xc01, "赵纪检", now, f"第{number}次督导", ["台账不全", "公示未上墙"])
        await add_rectification(app, inspection, number, "整改：台账不全", "王建国", dt.date(2026, 4, 20), now)
    hu, wang = people["胡立新"], people["王建国"]
    async with app.uow() as store:
        await store.tasks.create(hu.township_id, hu.id, [
            NewTask(f"新任务{n}", people[f"新书记{n}"].id, None, dt.date(2026, 3, 1 + n), parent_id=world.tasks[1])
            for n in range(1, NEW_VILLAGES + 1)], inbox_id=None, now=now)
        await store.tasks.create(hu.township_id, hu.id, [
            NewTask(f"王建国的任务{n}", wang.id, None, dt.date(2026, 4, n)) for n in range(1, 4)],
            inbox_id=None, now=now)
        for step in ("progress", "progress", "done"):
            await store.tasks.change(world.tasks[1], step, actor_id=wang.id, now=now, inbox_id=None, note="说明")
        for n in range(1, 6):
            await store.issues.create(hu.township_id, wang.id, NewIssue(
                "environment", None, None, f"地点{n}", False, f"事件{n}", now + dt.timedelta(days=3)),
                repeat_since=now - dt.timedelta(days=90), inbox_id=None, now=now)
        for step in ("in_progress", "resolved"):
            await store.issues.change(world.issues[1], step, actor_id=wang.id, now=now, inbox_id=None, note="处置")


async def _counts(app: App, viewers: dict[str, httpx.AsyncClient], world: World) -> dict[str, int]:
    """SELECT statements per page, for each viewer, nothing kept from an earlier view (as after a write)."""
    pages = {"projects": "/console/projects",
             "projects filtered": "/console/projects?colour=red&kind=secretary_project",
             "project": f"/console/projects/{world.projects['XC-01']}", "report": f"/console/reports/{world.report}",
             "tasks": "/console/tasks", "task": f"/console/tasks/{world.tasks[1]}", "issues": "/console/issues",
             "issue": f"/console/issues/{world.issues[1]}"}
    counts = {}
    for who, http in viewers.items():
        for name, path in pages.items():
            app.db.writes.generation += 1  # as a committed change would: the viewer and the page are read afresh
            with statements(app) as seen:
                page = await http.get(path)
            assert page.status_code == 200, (who, path, page.text)
            counts[f"{who} {name}"] = len(seen)
    return counts


async def test_the_pages_read_in_as_many_statements_however_many_records(
        app: App, clock: FakeClock, transport: RecordingTransport, registry_file: Path, tmp_path: Path) -> None:
    world = await make_world(app, clock, tmp_path / "files")
    viewers = {name: await signed_in(app, person, transport) for name, person in (("leader", "胡立新"),
                                                                                 ("secretary", "王建国"))}
    before = await _counts(app, viewers, world)
    await _more_villages(app, registry_file, tmp_path)
    await _more_records(app, world)
    projects = len(await rows(app, Project, active=True))  # the roster's (白茶产业园, declared in chat, is not on it)
    after = await _counts(app, viewers, world)
    assert projects == 8 + 2 * NEW_VILLAGES
    assert after == before, (before, after)
    leader = viewers["leader"]
    assert (await leader.get("/console/projects")).text.count("data-project=") == projects
    page = (await leader.get(f"/console/projects/{world.projects['XC-01']}")).text
    assert page.count('class="report"') == 3 and page.count('class="inspection"') == 2 and "共2版" in page
    assert (await leader.get(f"/console/tasks/{world.tasks[1]}")).text.count("data-task=") == NEW_VILLAGES
    # What each page costs beyond signing the viewer in (the task list's one query less):
    signing_in = before["leader tasks"] - 1
    assert {name: count - signing_in for name, count in before.items() if name.startswith("leader")} == {
        "leader projects": 3, "leader projects filtered": 3,  # villages for the filter, milestones, projects
        "leader project": 8,  # project, milestones, reports with revisions, evidence, inspections, 整改, plans, steps
        "leader report": 3,  # the report with its project, revisions, evidence
        "leader tasks": 1, "leader task": 3,  # the task, its steps, its sub-tasks (and its parent, when it has one)
        "leader issues": 1, "leader issue": 2}
