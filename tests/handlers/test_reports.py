"""Monthly reports in chat, end to end through the console adapter and the real pipeline."""
from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.app import App
from handlers.clock import FakeClock
from handlers.messages import Attachment
from scheduler import artifacts
from storage.models import Project, Report, ReportEvidence, ReportRevision
from tests.conftest import CST, REGISTRY, RecordingTransport
from tests.support.chat import import_with, registered
from tests.support.rows import count, rows

REPORT = ("【千佛塔村3月份书记领办事项进展】一、本月进展：三步桥街立面改造完成60%，拆除违建5处。"
          "二、存在问题：资金缺口约20万元。三、下步计划：4月底前完成主街段。")
PROJECT_A = "党建引领，打造三步桥街人居环境治理示范点"
PROJECT_B = "党建引领征地搬迁攻坚"


@pytest.fixture
def march(clock: FakeClock) -> FakeClock:
    clock.set(dt.datetime(2026, 3, 20, 10, 0, tzinfo=CST))
    return clock


LEDGER_SHEETS = ["项目台账", "方案版本", "里程碑", "督导记录", "整改事项", "任务台账", "网格事件台账", "月报原文",
                 "工作记录"]


async def _project_id(app: App, title: str) -> int:
    (project,) = await rows(app, Project, title=title)
    return project.id


async def test_report_card_confirm(app: App, march: FakeClock, transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    await wang.say(REPORT)
    card = transport.texts()[-1]
    assert card.startswith(f"📋 已记录：千佛塔村 · {PROJECT_A}")
    assert "月份：2026年3月\n" in card and "进度：60%" in card and "资金缺口约20万元" in card
    assert [b["label"] for b in transport.sent[-1][1]["buttons"][0]] == ["确认", "修改"]
    await wang.say("确认")
    assert transport.texts()[-1].startswith("✅ 已确认：千佛塔村")
    (report,) = await rows(app, Report)
    assert (report.status, report.progress, report.period, report.late) == ("confirmed", 60, "2026-03", False)
    assert report.amounts[0]["value"] == 200000
    assert await count(app, ReportRevision) == 1


async def test_a_correction_keeps_both_revisions(app: App, march: FakeClock, transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    await wang.say(REPORT)
    march.advance(dt.timedelta(minutes=5))
    await wang.say("进度改成70%")
    assert "进度：70%" in transport.texts()[-1] and "第 2 版" in transport.texts()[-1]
    await wang.say("问题改为：部分商户有意见")
    (report,) = await rows(app, Report)
    assert (report.progress, report.problems, report.status) == (70, "部分商户有意见", "draft")
    revisions = await rows(app, ReportRevision, report_id=report.id)
    assert [(r.number, r.source, r.fields["progress"]) for r in revisions] == [
        (1, "report", 60), (2, "correction", 70), (3, "correction", 70)]
    assert revisions[1].raw_text == "进度改成70%"
    assert revisions[1].created_at == march.now()
    assert revisions[0].fields["problems"] == "资金缺口约20万元"  # earlier states stay as they were


async def test_a_second_report_for_the_month_amends_it(app: App, march: FakeClock) -> None:
    wang = await registered(app, "王建国")
    await wang.say("征地搬迁这块已签约25户，整体进度60%")
    march.advance(dt.timedelta(days=3))
    await wang.say("征地搬迁本月又签了3户，整体进度达到70%，剩下的卡在补偿标准上")
    (report,) = await rows(app, Report)
    assert report.project_id == await _project_id(app, PROJECT_B)
    assert report.progress == 70 and "补偿标准" in (report.problems or "")
    assert await count(app, ReportRevision, report_id=report.id) == 2


async def test_unknown_project_is_asked_with_numbered_choices(app: App, march: FakeClock,
                                                              transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    await wang.say("本月完成了60%，下步继续推进")
    question = transport.texts()[-1]
    assert question.startswith("请问这条进展是千佛塔村哪个项目的？")
    assert f"1. {PROJECT_A}" in question and f"2. {PROJECT_B}" in question
    assert await count(app, Report) == 0
    await wang.say("2")
    (report,) = await rows(app, Report)
    assert report.project_id == await _project_id(app, PROJECT_B) and report.progress == 60
    assert transport.texts()[-1].startswith(f"📋 已记录：千佛塔村 · {PROJECT_B}")


async def test_a_button_press_confirms(app: App, march: FakeClock, transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    wang.enter_group("千佛塔村工作群")
    await wang.say(REPORT, addressed=False)  # a report in the group is read even when not aimed at the bot
    data = transport.sent[-1][1]["buttons"][0][0]["data"]
    press = dataclasses.replace(wang.message(""), action=data)
    await app.pipeline.handle(press)
    await app.pipeline.handle(press)  # a re-delivered press changes nothing more
    await app.sender.drain()
    (report,) = await rows(app, Report)
    assert report.status == "confirmed"
    assert [t for t in transport.texts() if t.startswith("✅")] == [transport.texts()[-1]]


async def test_refusals_change_nothing(app: App, march: FakeClock, transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    await wang.say("石关村集体经济本月收入5万元，快车道项目进度50%")
    assert transport.texts()[-1] == "抱歉，您只能报送或更正本村（千佛塔村）的月报。石关村的项目请由余志强报送。"
    wu = await registered(app, "吴桂英")
    await wu.say("三步桥街人居环境示范点本月完成立面改造，进度60%")
    assert transport.texts()[-1].startswith("抱歉，项目进展由村书记或包村干部报送（千佛塔村：王建国、江涛）")
    assert await count(app, Report) == 0 and await count(app, ReportRevision) == 0


async def test_late_reports_are_accepted_and_marked(app: App, clock: FakeClock,
                                                    transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    clock.set(dt.datetime(2026, 4, 3, 9, 0, tzinfo=CST))  # day 1-5: reports on last month, now past due
    await wang.say("征地搬迁整体进度65%")
    assert "月份：2026年3月（逾期报送）" in transport.texts()[-1]
    clock.set(dt.datetime(2026, 4, 20, 9, 0, tzinfo=CST))
    await wang.say("三步桥街示范点本月进度40%")
    await wang.say("是2月的")  # filing for an earlier month by saying so
    reports = {r.period: r for r in await rows(app, Report)}
    assert set(reports) == {"2026-03", "2026-02"}
    assert reports["2026-03"].late and reports["2026-02"].late


async def test_photos_with_and_right_after_a_report_are_evidence(app: App, march: FakeClock,
                                                                 transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    await wang.say(REPORT, attachments=(Attachment("photo", "file-1"),))
    assert "佐证材料：1 份" in transport.texts()[-1]
    await wang.say("", attachments=(Attachment("photo", "file-2"), Attachment("document", "file-3", "清单.xlsx")))
    assert transport.texts()[-1].startswith("📎 已把 2 份材料作为佐证加入")
    assert [e.file_id for e in await rows(app, ReportEvidence)] == ["file-1", "file-2", "file-3"]


async def test_a_contact_official_without_a_village_is_asked_once(app: App, march: FakeClock, tmp_path: Path,
                                                                  transport: RecordingTransport) -> None:
    await import_with(app, REGISTRY, march.now(), tmp_path, {"name": "赵包村", "role": "contact_official"})
    zhao = await registered(app, "赵包村")
    await zhao.say("小冬桃项目本月完成冷库建设，进度45%")
    assert transport.texts()[-1].startswith("请问您报送的是哪个村的项目？")
    await zhao.say("4")  # 桃园村, the 4th village
    assert transport.texts()[-1].startswith("📋 已记录：桃园村 · 党建引领“小冬桃”助力乡村振兴")
    await zhao.say("确认")
    await zhao.say("小冬桃项目又完成了分拣车间，进度55%")
    assert transport.texts()[-1].startswith("📋 已更新：桃园村")  # remembered: not asked again
    assert not any(t.startswith("请问您报送") for t in transport.texts()[2:])


async def test_queries(app: App, march: FakeClock, transport: RecordingTransport) -> None:
    wang = await registered(app, "王建国")
    await wang.say(REPORT)
    await wang.say("确认")
    await wang.say("我的")
    mine = transport.texts()[-1]
    assert mine.startswith("王建国（千佛塔村）· 2026年3月")
    assert f"{PROJECT_A}：60%" in mine and "已确认" in mine and f"{PROJECT_B}：未报" in mine
    await wang.say("未报")
    assert transport.texts()[-1].startswith("抱歉，“未报”查询仅限镇领导、党建办和督导使用")
    hu = await registered(app, "胡立新")
    await hu.say("/missing")
    missing = transport.texts()[-1]
    assert missing.startswith("2026年3月未报送（7/8 个项目）")
    assert f"千佛塔村：{PROJECT_B}" in missing and PROJECT_A not in missing
    await hu.say("台账")
    table, note = transport.texts()[-2:]
    assert "已报 1/8" in table and "【龙潭村】" in table and "60%" in table
    (workbook,) = transport.sent[-1][1]["attachments"]
    assert note.startswith("📎 2026年第1季度台账") and workbook["name"].endswith("2026年第1季度台账.xlsx")
    assert load_workbook(workbook["stored_path"]).sheetnames == LEDGER_SHEETS


async def test_a_draft_is_not_reported_in_the_queries(app: App, march: FakeClock,
                                                      transport: RecordingTransport) -> None:
    wang, hu = await registered(app, "王建国"), await registered(app, "胡立新")
    await wang.say(REPORT)  # a card, never confirmed
    await hu.say("未报")
    missing = transport.texts()[-1]
    assert missing.startswith("2026年3月未报送（8/8 个项目）") and f"{PROJECT_A}（已填报待确认）" in missing
    await hu.say("台账")
    assert "已报 0/8" in transport.texts()[-2] and "待确认" in transport.texts()[-2]


async def test_the_ledger_workbook_is_written_after_the_commit(
        app: App, march: FakeClock, transport: RecordingTransport, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drawing the workbook must not hold the message's transaction (on SQLite, the only write lock)."""
    written = artifacts.ledger_file

    async def write() -> None:
        async with app.uow() as store:
            await store.audit.record(None, "test.write", "ledger", {}, march.now())

    async def while_another_writes(folder: object, data: object) -> object:
        await asyncio.wait_for(write(), timeout=10)  # times out if the message's transaction were still open
        return await written(folder, data)  # type: ignore[arg-type]
    monkeypatch.setattr(artifacts, "ledger_file", while_another_writes)
    hu = await registered(app, "胡立新")
    await hu.say("台账")
    assert transport.texts()[-1].startswith("📎 2026年第1季度台账")
    (workbook,) = transport.sent[-1][1]["attachments"]
    assert load_workbook(workbook["stored_path"]).sheetnames[0] == "项目台账"
