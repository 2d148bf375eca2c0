"""Words of the county tier that must not catch a township's or a village's own messages (tests/fixtures/
county.yaml): a village's progress that mentions its 村民小组, a village plan that mentions the town's project,
a township's menu that mentions the county."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from storage.models import Project, ProjectTopic, Task
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import rows

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


async def test_a_villages_progress_through_its_groups_is_progress_not_a_pass_down(
        app: App, transport: RecordingTransport) -> None:
    leader, secretary = await registered(app, "王德兴"), await registered(app, "周秀英")
    await leader.say("各村书记请于3月20日前组织党员冬训并上报情况")
    (task,) = [t for t in await rows(app, Task) if t.village_id is not None and t.number == 2]
    await secretary.say("#2 已转发到各村民小组微信群，进度50%")
    assert transport.texts(secretary.chat.id)[-1] == "已记录任务 #2 的进展，进度 50%。"
    (after,) = await rows(app, Task, id=task.id)
    assert after.progress == 50 and not [t for t in await rows(app, Task) if t.parent_id is not None]


async def test_a_village_plan_that_mentions_the_towns_project_is_the_villages(
        app: App, transport: RecordingTransport) -> None:
    secretary = await registered(app, "赵全友")
    await secretary.say("申报书记项目：石牛村农家乐提升。目标：配合全镇非均衡发展项目，带动农户增收。"
                        "步骤：6月底前完成改造10户。完成时限：2026年12月31日")
    (project,) = [p for p in await rows(app, Project) if p.title.endswith("农家乐提升")]
    assert (project.status, project.village_id is not None) == ("declared", True)


async def test_a_township_menu_that_mentions_the_county_is_the_townships(
        app: App, transport: RecordingTransport) -> None:
    leader = await registered(app, "王德兴")
    await leader.say("根据县委部署，今年书记项目选题：1.发展村集体经济 2.人居环境整治 3.乡村治理")
    assert transport.texts(leader.chat.id)[-1].startswith("已发布3个选题")
    topics = await rows(app, ProjectTopic)
    assert len(topics) == 3 and {(t.township_id is not None, t.county_id) for t in topics} == {(True, None)}


async def test_a_posted_supervisors_rectification_items_are_not_county_hand_offs(
        app: App, transport: RecordingTransport) -> None:
    """孟督导 is a supervisor posted to 云锦镇 (on the county's roster, not a county leader or admin): his 整改
    items are the town's business, not listed as 县交办."""
    supervisor, county = await registered(app, "孟督导"), await registered(app, "罗明远")
    await supervisor.say("督导荷花村莲藕产业：现场查看。发现问题：1.台账不全 2.公示未上墙。整改期限3月20日")
    assert len([t for t in await rows(app, Task) if t.inspection_id is not None]) == 2
    await county.say("县交办")
    assert "台账不全" not in transport.texts(county.chat.id)[-1]
