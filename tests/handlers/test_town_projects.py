"""A township's own project (乡镇党委书记项目) in a county (tests/fixtures/county.yaml): the county's menu, a town's
claim or declaration, the county's review with a weight, milestones, 督导, monthly progress reported by the town, and
acceptance — the village lifecycle one level up."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.callbacks import ProjectButton
from storage.models import (
    Inspection,
    Milestone,
    Person,
    Project,
    ProjectTopic,
    Report,
    ReportRevision,
    Task,
    WeightFactor,
)
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import rows

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"
MENU = "全县非均衡发展项目菜单：1.产城园核心党建；2.流动党建；3.乡村旅游"
PLAN = "实施方案：目标：建立流动党员服务站。步骤：5月底前完成选址，9月底前建成服务站。完成时限：2026年12月底。"
OWN = ("申报乡镇党委书记项目：荷塘党建。目标：党建引领莲藕产业。步骤：6月底前完成规划，10月底前建成展示馆。"
       "完成时限：2026年12月底。难度较大")
NAMES = ("罗明远", "何晓梅", "纪文清", "孟督导", "王德兴", "张丽华", "赵全友", "孙云锦", "吴敏", "冯福集")


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


async def people(app: App) -> dict[str, ConsoleUser]:
    """Everyone the tests speak as, linked to a console account."""
    return {name: await registered(app, name) for name in NAMES}


async def project_named(app: App, title: str) -> Project:
    """The one project with this title."""
    (project,) = [p for p in await rows(app, Project) if p.title == title]
    return project


async def person_id(app: App, name: str) -> int:
    """A registered person's id."""
    (person,) = await rows(app, Person, name=name)
    return person.id


async def press(app: App, user: ConsoleUser, button: ProjectButton) -> None:
    """Press a project card's button."""
    data = button.pack()
    await app.pipeline.handle(dataclasses.replace(user.message(""), action=data, key=f"press-{data}-{user.sender.id}"))
    await app.sender.drain()


async def declared(app: App, p: dict[str, ConsoleUser]) -> Project:
    """The county publishes its menu; 玄滩镇's admin claims 流动党建 and sends the plan."""
    await p["何晓梅"].say(MENU)
    await p["张丽华"].say("领第2个")
    await p["张丽华"].say(PLAN)
    return await project_named(app, "流动党建")


async def test_the_county_menu_reaches_every_town_and_a_town_claims_from_it(
        app: App, transport: RecordingTransport) -> None:
    p = await people(app)
    await p["何晓梅"].say(MENU)
    topics = await rows(app, ProjectTopic)
    assert [(t.number, t.title, t.township_id) for t in topics] == [
        (1, "产城园核心党建", None), (2, "流动党建", None), (3, "乡村旅游", None)]
    assert {t.county_id for t in topics} != {None}
    for leader in ("王德兴", "张丽华", "孙云锦", "吴敏", "冯福集"):
        assert any("2. 流动党建" in t for t in transport.texts(p[leader].chat.id)), leader
    assert not any("流动党建" in t for t in transport.texts(p["赵全友"].chat.id))  # villages claim from the town

    await p["张丽华"].say("选题")
    shown = transport.texts(p["张丽华"].chat.id)[-1]
    assert "还没有发布书记项目选题" in shown and "2. 流动党建" in shown

    await p["张丽华"].say("领第2个")
    assert "已认领第2个选题“流动党建”" in transport.texts(p["张丽华"].chat.id)[-1]
    await p["张丽华"].say(PLAN)
    project = await project_named(app, "流动党建")
    (topic,) = [t for t in topics if t.number == 2]
    assert (project.village_id, project.status, project.kind, project.topic_id, project.owner_id) == (
        None, "declared", "secretary_project", topic.id, await person_id(app, "张丽华"))
    assert [m.title for m in await rows(app, Milestone, project_id=project.id)] == ["完成选址", "建成服务站"]
    assert "已提交县委审核" in transport.texts(p["张丽华"].chat.id)[-1]
    # The county reviews it: its cards go to the county's leader and admin, not to the town's own leader.
    assert any(t.startswith("📋 项目申报待审核") and "玄滩镇" in t for t in transport.texts(p["罗明远"].chat.id))
    assert not any(t.startswith("📋 项目申报待审核") for t in transport.texts(p["王德兴"].chat.id))
    await p["孙云锦"].say("选题")
    assert "2. 流动党建（已领：玄滩镇）" in transport.texts(p["孙云锦"].chat.id)[-1]


async def test_a_town_project_from_declaration_to_acceptance(app: App, transport: RecordingTransport) -> None:
    p = await people(app)
    project = await declared(app, p)
    await p["王德兴"].say("流动党建方案通过")
    assert transport.texts(p["王德兴"].chat.id)[-1] == "抱歉，审核方案由县领导或县委组织部办理。"
    assert (await project_named(app, "流动党建")).status == "declared"

    await p["罗明远"].say("玄滩镇流动党建方案通过，权重1.2")
    project = await project_named(app, "流动党建")
    assert (project.status, project.weight) == ("in_progress", pytest.approx(1.2))
    assert transport.texts(p["张丽华"].chat.id)[-1].startswith("✅ 项目“流动党建”方案已审核通过，认定权重 1.2")

    await p["张丽华"].say("里程碑完成：选址")
    assert [m.title for m in await rows(app, Milestone, project_id=project.id) if m.done_at] == ["完成选址"]

    await p["纪文清"].say("督导流动党建项目：发现问题：1.台账不全 2.公示未上墙")
    (inspection,) = await rows(app, Inspection)
    assert inspection.project_id == project.id
    fixes = await rows(app, Task)
    assert [(t.assignee_id, t.township_id, t.inspection_id) for t in fixes] == [
        (project.owner_id, project.township_id, inspection.id)] * 2

    await p["张丽华"].say("申请验收：流动党建服务站已建成运行")
    assert (await project_named(app, "流动党建")).status == "acceptance_requested"
    assert "县级验收申请" in transport.texts(p["张丽华"].chat.id)[-1]
    assert any(t.startswith("📋 申请县级验收") for t in transport.texts(p["何晓梅"].chat.id))
    await p["何晓梅"].say("流动党建验收通过")
    assert (await project_named(app, "流动党建")).status == "accepted"
    assert transport.texts(p["张丽华"].chat.id)[-1] == "✅ 项目“流动党建”县级验收通过，已销号。"
    await p["罗明远"].say("流动党建列为示范点：流动党员服务有特色")
    assert (await project_named(app, "流动党建")).showcase == "流动党员服务有特色"


async def test_a_town_declares_its_own_and_the_county_weighs_it_by_its_rule(
        app: App, transport: RecordingTransport) -> None:
    p = await people(app)
    await p["何晓梅"].say("权重规则 类别 荷塘 1.5")
    (factor,) = await rows(app, WeightFactor)
    assert (factor.township_id, factor.key, factor.value) == (None, "荷塘", 1.5) and factor.county_id is not None
    await p["吴敏"].say(OWN.replace("。难度较大", "。类别：荷塘。难度较大"))
    project = await project_named(app, "荷塘党建")
    assert (project.village_id, project.status, project.difficulty) == (None, "declared", "难")
    # 罗明远 acts in 玄滩镇 (his county's first town) and approves 云锦镇's project on its card.
    await press(app, p["罗明远"], ProjectButton("approve", project.id))
    project = await project_named(app, "荷塘党建")
    assert (project.status, project.weight) == ("in_progress", pytest.approx(1.95))  # 1.5 × 难 1.3 × 一年内 1
    assert "类别荷塘 1.5 × 难度难 1.3" in transport.texts(p["罗明远"].chat.id)[-1]


async def test_a_town_reports_monthly_progress_on_its_own_project(app: App, transport: RecordingTransport) -> None:
    p = await people(app)
    project = await declared(app, p)
    await p["罗明远"].say("玄滩镇流动党建方案通过")
    zhang = p["张丽华"]
    await zhang.say("玄滩镇流动党建项目本月进度60%，本月完成选址。存在问题：经费未到位")
    card = transport.texts(zhang.chat.id)[-1]
    assert "玄滩镇" in card and "流动党建" in card and "60%" in card, card
    (report,) = await rows(app, Report)
    assert (report.project_id, report.village_id, report.progress, report.status) == (
        project.id, None, 60, "draft")
    await zhang.say("进度改成65%")
    await zhang.say("确认")
    (report,) = await rows(app, Report)
    assert (report.progress, report.status) == (65, "confirmed")
    assert len(await rows(app, ReportRevision, report_id=report.id)) == 2
    assert "已确认：玄滩镇 · 流动党建" in transport.texts(zhang.chat.id)[-1]
    # 确认 also ticks the milestone the report says was reached.
    assert [m.title for m in await rows(app, Milestone, project_id=project.id) if m.done_at] == ["完成选址"]


async def test_a_village_secretary_cannot_report_on_the_town_s_project(
        app: App, transport: RecordingTransport) -> None:
    p = await people(app)
    await declared(app, p)
    await p["罗明远"].say("玄滩镇流动党建方案通过")
    await p["赵全友"].say("流动党建项目本月进度70%，服务站已建成")
    assert transport.texts(p["赵全友"].chat.id)[-1].startswith("抱歉，流动党建是玄滩镇的乡镇党委书记项目")
    assert await rows(app, Report) == []


async def test_the_registry_s_town_project_is_reported_on_by_the_town(
        app: App, transport: RecordingTransport) -> None:
    p = await people(app)
    await p["王德兴"].say("乡村旅游项目本月进度30%，完成规划初稿")
    (report,) = await rows(app, Report)
    project = await project_named(app, "玄滩镇党委非均衡发展项目·乡村旅游")
    assert (report.project_id, report.village_id, report.period) == (project.id, None, "2026-03")
    assert report.reporter_id == await person_id(app, "王德兴")
