"""A supervisor or a grid worker who tells villages to do something is told who hands off tasks, and no task is made;
what a supervisor says that orders nothing, or a grid worker's issue, is not answered that way."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from storage.models import Issue, Task
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered, with_people
from tests.support.rows import count

SUPERVISOR = {"name": "赵纪检", "role": "supervisor", "title": "镇纪委督导组"}
DECLINED = "抱歉，给各村交办任务由镇领导或党建办发出"


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township's registry with a supervisor on its roster."""
    return with_people(REGISTRY, tmp_path_factory.mktemp("registry"), SUPERVISOR)


@pytest.mark.parametrize("order", ["千佛塔村 汪书记 这周把分红方案报上来", "王建国本周五前把冬训台账报上来",
                                   "各村月底前把党员花名册报上来"])
async def test_a_supervisors_order_is_declined_naming_who_hands_off(app: App, transport: RecordingTransport,
                                                                   order: str) -> None:
    supervisor = await registered(app, "赵纪检")
    await supervisor.say(order)
    said = transport.texts(supervisor.chat.id)[-1]
    assert said.startswith(DECLINED) and "这条没有生成任务" in said, said
    assert await count(app, Task) == 0


async def test_a_supervisors_remark_is_not_declined_as_an_order(app: App, transport: RecordingTransport) -> None:
    supervisor = await registered(app, "赵纪检")
    await supervisor.say("今天天气不错")
    assert not transport.texts(supervisor.chat.id)[-1].startswith(DECLINED)


async def test_a_grid_workers_order_to_every_village_is_declined_and_an_issue_is_still_an_issue(
        app: App, transport: RecordingTransport) -> None:
    wu = await registered(app, "吴桂英")
    await wu.say("各村书记 下周把冬训场地尽早谋划一下")
    said = transport.texts(wu.chat.id)[-1]
    assert said.startswith(DECLINED) and "这条没有生成任务" in said, said
    await wu.say("@王建国 二组路灯坏了，请尽快派人修")
    assert transport.texts(wu.chat.id)[-1].startswith("📝 已登记事件"), transport.texts(wu.chat.id)[-1]
    assert await count(app, Task) == 0 and await count(app, Issue) == 1
