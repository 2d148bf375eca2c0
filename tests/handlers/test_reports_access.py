"""Who may confirm or correct a report card: its village's reporters, or whoever just filed it."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.clock import FakeClock
from storage.models import Report, ReportRevision
from tests.conftest import CST, REGISTRY, RecordingTransport
from tests.support.chat import import_with, registered
from tests.support.rows import count, rows

REPORT = ("【千佛塔村3月份书记领办事项进展】一、本月进展：三步桥街立面改造完成60%，拆除违建5处。"
          "二、存在问题：资金缺口约20万元。三、下步计划：4月底前完成主街段。")
GROUP = "千佛塔村工作群"


@pytest.fixture
async def zhao(app: App, clock: FakeClock, tmp_path: Path) -> ConsoleUser:
    """赵包村, a contact official the registry gives no village, in March's report window."""
    clock.set(dt.datetime(2026, 3, 20, 10, 0, tzinfo=CST))
    await import_with(app, REGISTRY, clock.now(), tmp_path, {"name": "赵包村", "role": "contact_official"})
    return await registered(app, "赵包村")


async def test_no_village_cannot_confirm_another_villages_card(
        app: App, zhao: ConsoleUser, transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    wang.enter_group(GROUP)
    await wang.say(REPORT)
    confirm = transport.sent[-1][1]["buttons"][0][0]["data"]
    zhao.enter_group(GROUP)
    await app.pipeline.handle(dataclasses.replace(zhao.message(""), action=confirm))
    await app.sender.drain()
    assert transport.texts(zhao.chat.id)[-1] == ("抱歉，还不知道您负责哪个村，不能确认或修改千佛塔村的报告，"
                                                "请由王建国、江涛办理。如您负责该村，请联系镇党建办在名册中登记。")
    (report,) = await rows(app, Report)
    assert report.status == "draft"
    await app.pipeline.handle(dataclasses.replace(wang.message(""), action=confirm))  # its own village may
    await app.sender.drain()
    (report,) = await rows(app, Report)
    assert report.status == "confirmed" and await count(app, ReportRevision) == 1


async def test_no_village_confirms_the_card_it_just_filed(
        app: App, zhao: ConsoleUser, transport: RecordingTransport) -> None:
    await zhao.say("石关村集体经济本月收入5万元，快车道项目进度50%")  # the village named, so none is remembered
    assert transport.texts(zhao.chat.id)[-1].startswith("📋 已记录：石关村")
    await zhao.say("进度改成55%")
    await zhao.say("确认")
    (report,) = await rows(app, Report)
    assert (report.status, report.progress) == ("confirmed", 55)


async def test_a_remembered_village_does_not_block_the_card_just_filed_for_another(
        app: App, zhao: ConsoleUser, transport: RecordingTransport) -> None:
    await zhao.say("小冬桃项目本月完成冷库建设，进度45%")
    await zhao.say("4")  # 桃园村 is remembered from here on
    await zhao.say("确认")
    await zhao.say("石关村集体经济本月收入5万元，快车道项目进度50%")  # filing names another village: allowed
    await zhao.say("确认")
    assert transport.texts(zhao.chat.id)[-1].startswith("✅ 已确认：石关村")
    assert {r.status for r in await rows(app, Report)} == {"confirmed"}
