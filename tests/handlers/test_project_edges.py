"""The project steps do not take what is something else: a patrol's issue, a report with a figure, a hand-off
while a question is open, a reply that is no decision; and odd plans do not break them."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.callbacks import ProjectButton
from storage.models import Issue, Milestone, Project, ProjectEvent, Report, Task
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered, with_people
from tests.support.rows import count, rows

PLAN = ("请水寨村申报书记项目：白茶产业园。目标：发展白茶种植。步骤：4月底前完成选址，6月底前建成加工厂。"
        "完成时限：2026年12月底。")


@pytest.fixture
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township with a supervisor on its roster."""
    return with_people(REGISTRY, tmp_path_factory.mktemp("registry"),
                       {"name": "赵纪检", "role": "supervisor", "title": "镇纪委督导组"})


async def _people(app: App) -> dict[str, ConsoleUser]:
    return {n: await registered(app, n) for n in ("胡立新", "储德胜", "王建国", "吴桂英")}


async def _declared(app: App, people: dict[str, ConsoleUser]) -> Project:
    await people["储德胜"].say(PLAN)
    (project,) = [p for p in await rows(app, Project) if p.title == "白茶产业园"]
    return project


async def _press(app: App, user: ConsoleUser, button: ProjectButton) -> None:
    data = button.pack()
    await app.pipeline.handle(dataclasses.replace(user.message(""), action=data, key=f"press-{data}"))
    await app.sender.drain()


async def test_a_patrol_finding_is_an_issue_and_a_report_naming_a_milestone_with_a_figure_is_a_report(
        app: App, transport: RecordingTransport) -> None:
    p = await _people(app)
    await p["吴桂英"].say("巡查发现三步桥街路灯坏了，存在安全隐患问题")
    assert await count(app, Issue) == 1
    await p["王建国"].say("征地搬迁本月完成了第一阶段里程碑，签约12户，进度40%")
    (report,) = await rows(app, Report)
    assert report.progress == 40


async def test_a_report_while_a_declaration_waits_for_its_deadline_is_filed_as_a_report(
        app: App, transport: RecordingTransport) -> None:
    chu = (await _people(app))["储德胜"]
    await chu.say("我申报一个书记项目：茶叶加工坊，目标是建成村级茶叶加工点。")
    await chu.say("“三步走”建强村级后备干部队伍本月开展培训2次，进度50%")
    (report,) = await rows(app, Report)
    assert report.progress == 50 and not [p for p in await rows(app, Project) if p.title == "茶叶加工坊"]


async def test_a_reply_that_decides_nothing_returns_nothing(app: App, transport: RecordingTransport) -> None:
    p = await _people(app)
    project = await _declared(app, p)
    hu = p["胡立新"]
    await _press(app, hu, ProjectButton("return", project.id))
    await hu.say("@王建国 请于3月10日前报送征地搬迁进展材料")  # meanwhile a hand-off: that, not the comment
    assert (await rows(app, Project, id=project.id))[0].status == "declared" and await count(app, Task) == 1
    await hu.say("千佛塔村路灯改造方案通过，请尽快实施")  # another village's: never the only one awaiting
    assert (await rows(app, Project, id=project.id))[0].status == "declared"
    assert await count(app, ProjectEvent, project_id=project.id) == 1


async def test_a_bare_verification_goes_to_the_task_awaiting_it(app: App, transport: RecordingTransport) -> None:
    p = await _people(app)
    hu, chu = p["胡立新"], p["储德胜"]
    project = await _declared(app, p)
    await _press(app, hu, ProjectButton("approve", project.id))
    await chu.say("申请验收：白茶产业园已完工")
    await hu.say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    await p["王建国"].say("#1 已办结")
    await hu.say("验收通过")
    (task,) = await rows(app, Task)
    assert task.status == "verified"
    assert (await rows(app, Project, id=project.id))[0].status == "acceptance_requested"


async def test_odd_plans_and_weights_are_answered_not_crashed_on(app: App, transport: RecordingTransport) -> None:
    p = await _people(app)
    chu, hu = p["储德胜"], p["胡立新"]
    await chu.say("申报书记项目：党员议事会。步骤：4月底前召开党员大会，6月底前召开党员大会。完成时限：2026年12月底。")
    (project,) = [x for x in await rows(app, Project) if x.title == "党员议事会"]
    assert [m.title for m in await rows(app, Milestone, project_id=project.id)] == ["召开党员大会"]
    await hu.say("党员议事会方案通过，权重999")
    assert transport.texts(hu.chat.id)[-1] == "权重应大于0、不超过100，请重新填写。"
    assert (await rows(app, Project, id=project.id))[0].status == "declared"
