"""A 书记项目 from topic to acceptance in chat: every step a message or a button, stored as rows and events."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.callbacks import ProjectButton
from handlers.project_refs import MilestoneRef
from handlers.projects.resolve import reached
from storage.models import Inspection, Milestone, Project, ProjectEvent, ProjectPlan, ProjectTopic, Task, TaskEvent
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered, with_people
from tests.support.rows import count, rows

SUPERVISOR = {"name": "赵纪检", "role": "supervisor", "title": "镇纪委督导组"}


@pytest.fixture
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township with a supervisor (督导组) on its roster."""
    return with_people(REGISTRY, tmp_path_factory.mktemp("registry"), SUPERVISOR)


async def _people(app: App) -> dict[str, ConsoleUser]:
    return {n: await registered(app, n) for n in ("胡立新", "程晓燕", "储德胜", "王建国", "吴桂英", "赵纪检")}


async def _press(app: App, user: ConsoleUser, button: ProjectButton) -> None:
    data = button.pack()
    await app.pipeline.handle(dataclasses.replace(user.message(""), action=data, key=f"press-{data}-{user.sender.id}"))
    await app.sender.drain()


async def _project(app: App, title: str) -> Project:
    (project,) = [p for p in await rows(app, Project) if p.title == title]
    return project


async def _events(app: App, project: Project) -> list[str]:
    return [e.kind for e in await rows(app, ProjectEvent, project_id=project.id)]


async def _approved(app: App) -> tuple[ConsoleUser, ConsoleUser, Project]:
    """储德胜 declares 白茶产业园 and 胡立新 approves it on its card."""
    p = await _people(app)
    chu, hu = p["储德胜"], p["胡立新"]
    await chu.say(PLAN)
    project = await _project(app, "白茶产业园")
    await _press(app, hu, ProjectButton("approve", project.id))
    return chu, hu, project


PLAN = ("请水寨村申报书记项目：白茶产业园。目标：发展白茶种植，带动村集体增收。"
        "步骤：4月底前完成选址，6月底前建成大棚。完成时限：2026年12月底。")


async def test_a_project_from_topic_to_showcase(app: App, transport: RecordingTransport) -> None:
    p = await _people(app)
    chu, hu, cheng, zhao = p["储德胜"], p["胡立新"], p["程晓燕"], p["赵纪检"]
    await cheng.say("今年书记项目选题：1.发展村集体经济 2.人居环境整治 3.乡村治理")
    assert [t.title for t in await rows(app, ProjectTopic)] == ["发展村集体经济", "人居环境整治", "乡村治理"]
    await chu.say("选题")
    assert "2. 人居环境整治" in transport.texts(chu.chat.id)[-1]

    await chu.say("领第1个")
    assert "已认领第1个选题“发展村集体经济”" in transport.texts(chu.chat.id)[-1]
    await chu.say(PLAN)
    project = await _project(app, "白茶产业园")
    (topic,) = [t for t in await rows(app, ProjectTopic) if t.number == 1]
    assert (project.status, project.topic_id, project.deadline) == ("declared", topic.id, dt.date(2026, 12, 31))
    assert [(m.title, m.due) for m in await rows(app, Milestone, project_id=project.id)] == [
        ("完成选址", dt.date(2026, 4, 30)), ("建成大棚", dt.date(2026, 6, 30))]
    assert "已提交镇党委审核" in transport.texts(chu.chat.id)[-1]
    assert any(t.startswith("📋 项目申报待审核") for t in transport.texts(hu.chat.id))

    await hu.say("白茶产业园方案退回，请补充资金来源")
    project = await _project(app, "白茶产业园")
    assert project.status == "returned" and await count(app, Task) == 0  # a review comment is not a hand-off
    assert transport.texts(chu.chat.id)[-1].startswith("↩️ 项目“白茶产业园”方案退回修改：请补充资金来源")

    await chu.say("修改方案：资金来源为村集体自筹5万元、争取上级补助10万元。步骤：4月底前完成选址，6月底前建成大棚，"
                  "9月底前首批挂果。完成时限：2026年12月底。")
    plans = await rows(app, ProjectPlan, project_id=project.id)
    assert [pl.number for pl in plans] == [1, 2] and plans[0].text.startswith("请水寨村申报")
    assert (await _project(app, "白茶产业园")).status == "declared"
    assert len(await rows(app, Milestone, project_id=project.id)) == 3

    await _press(app, hu, ProjectButton("approve", project.id))
    project = await _project(app, "白茶产业园")
    assert (project.status, project.start) == ("in_progress", dt.date(2026, 3, 2))
    assert project.weight == pytest.approx(1.0)  # the default rule: 未分类 1 × 中 1 × 一年内 1
    assert "已审核通过，认定权重 1" in transport.texts(hu.chat.id)[-1]

    await chu.say("里程碑完成：选址")
    ticked = [m for m in await rows(app, Milestone, project_id=project.id) if m.done_at]
    assert [m.title for m in ticked] == ["完成选址"]

    await zhao.say("督导白茶产业园项目：现场查看大棚建设。发现问题：1.台账不全 2.公示未上墙。整改期限4月20日")
    (inspection,) = await rows(app, Inspection)
    assert inspection.findings == ["台账不全", "公示未上墙"]
    fixes = await rows(app, Task)
    assert [(t.inspection_id, t.deadline, t.status) for t in fixes] == [(inspection.id, dt.date(2026, 4, 20),
                                                                          "assigned")] * 2
    await chu.say("#1 已办结，台账已补齐")
    await zhao.say("#1 验收通过")  # the supervisor who ordered it verifies it
    assert (await rows(app, Task, number=1))[0].status == "verified"

    await chu.say("申请验收：白茶产业园已完工。解决了村集体无收入的问题，形成了“支部+合作社”的经验。")
    assert (await _project(app, "白茶产业园")).status == "acceptance_requested"
    await hu.say("白茶产业园验收通过")
    assert (await _project(app, "白茶产业园")).status == "accepted"
    await hu.say("白茶产业园列为示范点：带动30户增收")
    project = await _project(app, "白茶产业园")
    assert project.showcase == "带动30户增收"
    assert await _events(app, project) == ["declare", "return", "revise", "approve", "milestone", "inspect", "apply",
                                           "accept", "showcase"]
    await hu.say("查看方案 白茶产业园")
    assert "共2版" in transport.texts(hu.chat.id)[-1]


async def test_a_declaration_missing_its_deadline_and_dated_steps_asks_at_most_twice(
        app: App, transport: RecordingTransport) -> None:
    chu = (await _people(app))["储德胜"]
    registered_projects = await count(app, Project)
    await chu.say("我申报一个书记项目：茶叶加工坊，目标是建成村级茶叶加工点。")
    assert "还需要：完成时限、至少一个带日期的步骤" in transport.texts(chu.chat.id)[-1]
    assert await count(app, Project) == registered_projects  # nothing filed yet
    await chu.say("完成时限是11月底")
    assert "还需要：至少一个带日期的步骤" in transport.texts(chu.chat.id)[-1]
    await chu.say("就这样")  # the second answer: filed with what is known, not asked a third time
    project = await _project(app, "茶叶加工坊")
    assert (project.status, project.deadline) == ("declared", dt.date(2026, 11, 30))


async def test_a_returned_acceptance_goes_back_to_work_with_the_comment(
        app: App, transport: RecordingTransport) -> None:
    chu, hu, project = await _approved(app)
    await chu.say("申请验收：白茶产业园已完工")
    await _press(app, hu, ProjectButton("return", project.id))
    assert "请回复对“白茶产业园”的修改意见" in transport.texts(hu.chat.id)[-1]
    await hu.say("大棚验收资料不全，请补齐")
    project = await _project(app, "白茶产业园")
    assert project.status == "in_progress"
    assert (await rows(app, ProjectEvent, project_id=project.id))[-1].note == "大棚验收资料不全，请补齐"


# Each step, who says it, and whether they may: a refusal names who may and changes nothing.
STEPS = [
    ("王建国", "白茶产业园方案通过", "抱歉，审核方案由镇领导或镇党建办办理。"),
    ("赵纪检", "白茶产业园方案退回，请补充资金来源", "抱歉，退回由镇领导或镇党建办办理。"),
    ("吴桂英", PLAN, "抱歉，申报项目由请水寨村的村书记或包村干部办理。"),
    ("胡立新", "督导白茶产业园项目：发现问题：1.台账不全", None),  # the 组织办 inspects too
    ("赵纪检", "督导白茶产业园项目：发现问题：1.台账不全", None),
    ("储德胜", "白茶产业园方案通过", "抱歉，审核方案由镇领导或镇党建办办理。"),
    ("储德胜", "白茶产业园完成了50%", "“白茶产业园”目前待审核，审核通过后再报送进度。"),
    ("王建国", "申请验收：白茶产业园已完工", "抱歉，申请验收由请水寨村的村书记或包村干部办理。"),
]


@pytest.mark.parametrize(("who", "text", "refusal"), STEPS, ids=[s[0] + s[1][:8] for s in STEPS])
async def test_who_may_take_each_step(app: App, transport: RecordingTransport, who: str, text: str,
                                      refusal: str | None) -> None:
    p = await _people(app)
    await p["储德胜"].say(PLAN)
    project = await _project(app, "白茶产业园")
    if "督导" in text:
        await _press(app, p["胡立新"], ProjectButton("approve", project.id))
    before = (await count(app, ProjectEvent), await count(app, Project), await count(app, Task),
              await count(app, TaskEvent))
    await p[who].say(text)
    reply = transport.texts(p[who].chat.id)[-1]
    if refusal is None:
        assert not reply.startswith("抱歉") and await count(app, ProjectEvent) == before[0] + 1
    else:
        assert reply == refusal
        after = (await count(app, ProjectEvent), await count(app, Project), await count(app, Task),
                 await count(app, TaskEvent))
        assert after == before


async def test_a_report_that_says_a_milestone_was_reached_ticks_it_once_confirmed(
        app: App, transport: RecordingTransport) -> None:
    chu, hu, project = await _approved(app)
    await chu.say("白茶产业园本月完成选址，大棚还在建，进度20%")
    assert "确认后将同时记录里程碑完成：完成选址" in transport.texts(chu.chat.id)[-1]
    assert not [m for m in await rows(app, Milestone, project_id=project.id) if m.done_at]  # not before 确认
    await chu.say("确认")
    assert "已记录里程碑完成：完成选址" in transport.texts(chu.chat.id)[-1]
    assert [m.title for m in await rows(app, Milestone, project_id=project.id) if m.done_at] == ["完成选址"]
    await chu.say("里程碑完成：选址")
    assert transport.texts(chu.chat.id)[-1] == "里程碑“完成选址”已经记录完成了，无需再报。"


def test_a_milestone_with_a_figure_is_reached_only_at_that_figure() -> None:
    steps = [MilestoneRef(1, "完成茶园改造200亩", None), MilestoneRef(2, "合作社分红", None)]
    assert reached("1月完成茶园改造30亩", steps) == []
    assert reached("完成管网铺设2.5公里", [MilestoneRef(3, "完成主管网铺设", None)]) == []  # a part of it
    assert [m.id for m in reached("茶园改造200亩全部完成，合作社分红已完成", steps)] == [1, 2]
    assert reached("大棚已完成招标", [MilestoneRef(4, "建成大棚", None)]) == []  # a step towards it
