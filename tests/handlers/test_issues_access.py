"""Who may log, see and move a grid issue (DESIGN.md, roles), and how an issue's history and card read."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.app import App
from bot.console import ConsoleUser
from handlers.clock import FakeClock
from handlers.messages import Attachment
from storage.models import Issue, IssueEvent, Village
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered, with_people
from tests.support.rows import count, rows

HAZARD = "二组路口电线杆倾斜，随时可能倒下，很危险"
NAMES = ("吴桂英", "王建国", "江涛", "周敏", "赵包村")


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test registry plus 赵包村, a contact official with no village."""
    return with_people(REGISTRY, tmp_path_factory.mktemp("registry"), {"name": "赵包村", "role": "contact_official"})


@pytest.fixture
async def people(app: App) -> dict[str, ConsoleUser]:
    """Each of NAMES, linked once."""
    return {name: await registered(app, name) for name in NAMES}


async def _set_issue(app: App, number: int, **values: object) -> None:
    async with app.db.sessions() as session:
        await session.execute(update(Issue).where(Issue.number == number).values(**values))
        await session.commit()


async def test_a_grid_worker_moves_only_issues_in_their_grids_or_their_own(
        app: App, people: dict[str, ConsoleUser], transport: RecordingTransport) -> None:
    wu = people["吴桂英"]  # 千佛塔村, grids 一组 · 二组 · 三步桥街
    await people["江涛"].say("四组路灯坏了好几天了，晚上出行不安全")  # #E1 in 四组, not hers
    await wu.say("#E1 正在处置")
    assert transport.texts(wu.chat.id)[-1] == ("抱歉，事件 #E1 不在您负责的网格，"
                                              "请由千佛塔村的村干部或该网格的网格员办理。")
    await wu.say("#E1 已办结")
    await wu.say("事件 1")
    assert transport.texts(wu.chat.id)[-1] == "没有找到您可以查看的事件 #E1。"
    (issue,) = await rows(app, Issue)
    assert issue.status == "reported" and await count(app, IssueEvent) == 1
    await wu.say("四组有人往河沟里乱倒垃圾")  # #E2: outside her grids, but she reported it
    await wu.say("#E2 正在处置")
    await wu.say(HAZARD)  # #E3: in her grid 二组, reported by someone else below
    await people["江涛"].say("二组有户人家门口垃圾堆了好几天没人清理")  # #E4
    await wu.say("#E4 已办结，已清理")
    statuses = {i.number: i.status for i in await rows(app, Issue)}
    assert statuses == {1: "reported", 2: "in_progress", 3: "reported", 4: "resolved"}


async def test_issues_are_logged_only_in_the_senders_own_village(
        app: App, people: dict[str, ConsoleUser], transport: RecordingTransport) -> None:
    wu, wang = people["吴桂英"], people["王建国"]
    await wu.say("河西村二组路口电线杆倾斜，随时可能倒下，很危险")
    assert transport.texts(wu.chat.id)[-1].startswith("抱歉，您只能登记本村（千佛塔村）的事件，河西村的事件请由")
    await wang.say("河西村三组两户人家因为宅基地边界吵起来了")
    assert transport.texts(wang.chat.id)[-1].startswith("抱歉，您只能登记本村（千佛塔村）的事件")
    assert await count(app, Issue) == 0 and await count(app, IssueEvent) == 0
    await wu.say(HAZARD)  # her own village still works
    (issue,) = await rows(app, Issue)
    assert issue.number == 1


async def test_no_village_is_refused_except_for_the_township(
        app: App, people: dict[str, ConsoleUser], transport: RecordingTransport) -> None:
    zhao = people["赵包村"]  # a contact official the registry gives no village
    await zhao.say("路口电线杆倾斜，随时可能倒下，很危险")
    assert transport.texts(zhao.chat.id)[-1] == "请写明事件所在的村和地点，例如“千佛塔村二组路灯坏了”。"
    assert await count(app, Issue) == 0
    await people["吴桂英"].say(HAZARD)
    await _set_issue(app, 1, village_id=None, grid_id=None)  # as when its village is deleted (ON DELETE SET NULL)
    await zhao.say("#E1 受理")
    assert transport.texts(zhao.chat.id)[-1] == ("抱歉，名册中还没有登记您所属的村，暂时不能办理事件。"
                                                "请联系镇党建办补充。")
    await people["江涛"].say("#E1 受理")
    assert transport.texts(people["江涛"].chat.id)[-1] == "抱歉，事件 #E1 还没有确定所属村，请由镇领导或镇党建办处理。"
    (issue,) = await rows(app, Issue)
    assert issue.status == "reported" and await count(app, IssueEvent) == 1
    await people["周敏"].say("#E1 受理")  # a township leader acts everywhere
    (issue,) = await rows(app, Issue)
    assert issue.status == "accepted"


async def test_history_names_photos_in_chinese(
        app: App, people: dict[str, ConsoleUser], transport: RecordingTransport) -> None:
    wu = people["吴桂英"]
    await wu.say(HAZARD, attachments=(Attachment("photo", "file-1"),))
    await wu.say("事件 1")
    history = transport.texts(wu.chat.id)[-1]
    assert "吴桂英 上传照片" in history and "photos" not in history


@pytest.fixture
def repeat_window_60(monkeypatch: pytest.MonkeyPatch) -> None:
    """The installation's setting, read when the app is built."""
    monkeypatch.setenv("YUEBAO_ISSUE_REPEAT_DAYS", "60")


async def test_the_repeat_warning_names_the_configured_window(
        repeat_window_60: None, app: App, people: dict[str, ConsoleUser], clock: FakeClock,
        transport: RecordingTransport) -> None:
    wu = people["吴桂英"]
    await wu.say("一组路边垃圾堆放，没人清理")
    clock.advance(dt.timedelta(days=45))
    await wu.say("一组又有人乱堆垃圾，污水横流")
    assert "⚠️ 同一网格60天内第2次同类事件（上次 #E1）" in transport.texts(wu.chat.id)[-1]
    clock.advance(dt.timedelta(days=61))
    await wu.say("一组路边垃圾又堆起来了")
    assert "同类事件" not in transport.texts(wu.chat.id)[-1]  # the first two are older than the window


async def test_a_correction_when_the_registry_no_longer_lists_the_village(
        app: App, people: dict[str, ConsoleUser], transport: RecordingTransport) -> None:
    wu = people["吴桂英"]
    await wu.say(HAZARD)  # the directory is built and cached here
    async with app.db.sessions() as session:  # renamed without a new registry version: the cached one lacks it
        await session.execute(update(Village).where(Village.name == "千佛塔村").values(name="千佛塔社区"))
        await session.commit()
    await wu.say("不紧急")
    assert transport.texts(wu.chat.id)[-1].startswith("📝 已更正事件 #E1：安全隐患\n地点：千佛塔社区")
    (issue,) = await rows(app, Issue)
    assert issue.urgent is False
