"""The calendar runner: each run once, recorded first; missed runs caught up if still useful, else skipped."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.app import App
from scheduler.runner import run_due
from storage.models import OutboxMessage, ScheduledRun
from tests.conftest import CST, REGISTRY, RecordingTransport
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.cli import InProcess, Ran
from tests.support.rows import count, rows

SECRETARIES = ("王建国", "储德胜", "汪海波", "刘春华", "王芳", "余志强")


async def _people(app: App) -> dict:
    return {n: await registered(app, n) for n in SECRETARIES + ("江涛", "胡立新", "程晓燕")}


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


async def _run(app: App, when: dt.datetime) -> list[tuple[str, str, str]]:
    app.clock.set(when)
    return [(o.job, o.period, o.status) for o in await run_due(app.job_context(), when)]


async def test_the_deadline_reminder_goes_once_and_only_to_those_who_owe(
        app: App, transport: RecordingTransport) -> None:
    people = await _people(app)
    app.clock.set(_at(2026, 3, 20, 10, 0))
    await file_report(app, "王建国", "XC-02", "2026-03", 70, "征地搬迁整体进度70%")
    await file_report(app, "王建国", "XC-01", "2026-03", 40, "三步桥街示范点本月进度40%")  # 千佛塔村: both confirmed
    await _run(app, _at(2026, 3, 31, 8, 0))  # what was missed since the fixture's date catches up (notes wait)
    before = await count(app, OutboxMessage)
    ran = await _run(app, _at(2026, 3, 31, 9, 0))
    assert ("deadline_reminder", "2026-03", "done") in ran
    again = await _run(app, _at(2026, 3, 31, 9, 5))
    assert not [r for r in again if r[0] in ("deadline_reminder", "daily_note")]
    new = (await rows(app, OutboxMessage))[before:]
    assert {r.key.split(":")[0] for r in new} == {"remind", "today"}  # the reminders, and the notes they joined
    reminders = [r for r in new if r.key.startswith("remind:month-end:2026-03:")]
    told = {r.chat_id for r in reminders}
    assert people["王建国"].chat.id not in told and people["江涛"].chat.id not in told
    assert {people[n].chat.id for n in SECRETARIES[1:]} == told


async def test_a_run_missed_while_down_runs_once_when_the_service_is_back(app: App) -> None:
    await _people(app)
    await _run(app, _at(2026, 3, 16, 8, 0))  # 月中督办 is due at 09:00 (15 March is a Sunday): not yet
    assert await rows(app, ScheduledRun, job="mid_month", period="2026-03") == []
    ran = await _run(app, _at(2026, 3, 18, 10, 0))  # down for two days
    assert ("mid_month", "2026-03", "done") in ran
    await _run(app, _at(2026, 3, 18, 10, 1))
    (run,) = await rows(app, ScheduledRun, job="mid_month", period="2026-03")
    assert run.status == "done"


async def test_a_reminder_missed_across_its_deadline_is_skipped_and_recorded(app: App) -> None:
    await _people(app)
    await _run(app, _at(2026, 3, 31, 8, 0))
    ran = await _run(app, _at(2026, 4, 2, 10, 0))  # the deadline passed while the service was down
    assert ("deadline_reminder", "2026-03", "skipped") in ran
    (run,) = await rows(app, ScheduledRun, job="deadline_reminder", period="2026-03")
    assert run.status == "skipped" and "missed" in (run.note or "")
    assert not [r for r in await rows(app, OutboxMessage) if r.key.startswith("remind:month-end:")]
    # Only the reminder is pointless now: the month start and the digest missed meanwhile still catch up.
    # So are the county's month-end report and its due-time reminder (岳西县 is this township's county).
    assert sorted(r for r in ran if r[2] != "done") == [("deadline_reminder", "2026-03", "skipped"),
                                                        ("town_report", "2026-03", "skipped"),
                                                        ("town_report_due", "2026-03", "skipped")]
    assert {("month_start", "2026-04", "done"), ("monthly_digest", "2026-04", "done")} <= set(ran)


async def test_the_window_opens_with_last_months_report(app: App, transport: RecordingTransport) -> None:
    people = await _people(app)
    app.clock.set(_at(2026, 3, 20, 10, 0))
    await file_report(app, "王建国", "XC-02", "2026-03", 60, "征地搬迁整体进度60%，下步计划：做好剩余13户工作",
                      next_plan="做好剩余13户工作")
    await _run(app, _at(2026, 4, 27, 9, 0))  # 25 April 2026 is a Saturday: the window opens on Monday
    await app.sender.drain()
    window = [t for t in transport.texts(people["王建国"].chat.id) if t.startswith("📋 4月月报已开始报送")]
    (text,) = window
    assert "党建引领征地搬迁攻坚：60%，下步计划：做好剩余13户工作" in text
    assert "党建引领，打造三步桥街人居环境治理示范点：上月未报" in text


async def test_the_running_service_fires_the_calendar(app: App, transport: RecordingTransport) -> None:
    import asyncio
    import socket

    from bot.service import serve
    people = await _people(app)
    app.clock.set(_at(2026, 3, 31, 16, 0))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stop = asyncio.Event()
    service = asyncio.create_task(serve(app, "127.0.0.1", port, stop))
    for _ in range(200):
        if [r for r in await rows(app, ScheduledRun, job="deadline_reminder", period="2026-03") if r.status == "done"]:
            break
        await asyncio.sleep(0.05)
    for _ in range(100):  # the sender is woken by the run
        if any("⏰ 3月月报今天截止" in t for t in transport.texts(people["储德胜"].chat.id)):
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(service, 10)
    assert any("⏰ 3月月报今天截止" in t for t in transport.texts(people["储德胜"].chat.id))  # in the day's note


async def test_leaders_change_the_calendar_in_chat_and_it_applies(app: App, transport: RecordingTransport) -> None:
    people = await _people(app)
    await people["王建国"].say("月中督办改到16日")
    assert transport.texts(people["王建国"].chat.id)[-1].startswith("抱歉，工作日程由镇领导或党建办调整")
    await people["胡立新"].say("月中督办改到16日")
    await people["程晓燕"].say("月报截止提醒关闭")
    assert transport.texts(people["程晓燕"].chat.id)[-1] == "已调整：月报截止提醒：每月最后一个工作日 09:00（已关闭）"
    assert not [r for r in await _run(app, _at(2026, 4, 15, 9, 0)) if r[0] == "mid_month" and r[1] == "2026-04"]
    assert ("mid_month", "2026-04", "done") in await _run(app, _at(2026, 4, 16, 9, 0))
    assert not [r for r in await _run(app, _at(2026, 4, 30, 16, 0)) if r[0] == "deadline_reminder"]
    await people["胡立新"].say("月末督查改到22点")  # quiet hours: refused, nothing changes
    refused = transport.texts(people["胡立新"].chat.id)[-1]
    assert refused.startswith("没看懂要怎么调整月末督查（时间须在8:00–21:00之间）")
    await people["胡立新"].say("日程")
    assert "月中督办：每月16日 09:00" in transport.texts(people["胡立新"].chat.id)[-1]


def test_the_calendar_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    def yuebao(*args: str) -> Ran:
        return InProcess(monkeypatch, capsys)(*args, db=tmp_path / "c.db")
    assert yuebao("db", "upgrade").returncode == 0 and yuebao("import", str(REGISTRY)).returncode == 0
    changed = yuebao("calendar", "月末督查", "--day", "26", "--time", "09:30")
    assert changed.returncode == 0 and "月末督查：每月26日 09:30" in changed.stdout
    assert "月末督查：每月26日 09:30" in yuebao("calendar").stdout
    assert yuebao("calendar", "不存在的日程").returncode == 2


async def test_a_message_that_only_begins_with_a_job_name_changes_nothing(
        app: App, transport: RecordingTransport) -> None:
    people = await _people(app)
    for text in ("月中督办要求各村20日前完成整改", "月初安排取消了吗？"):
        await people["胡立新"].say(text)
    async with app.uow() as store:
        (leader,) = await store.people.by_name("胡立新")
        entries = {e.job: e for e in await store.calendar.entries(leader.township_id)}
    assert (entries["mid_month"].day, entries["month_start"].enabled) == (15, True)
    assert not any(t.startswith("已调整") for t in transport.texts(people["胡立新"].chat.id))


async def test_the_bulletin_ranks_by_progress_against_schedule(app: App, transport: RecordingTransport) -> None:
    people = await _people(app)
    app.clock.set(_at(2026, 3, 20, 10, 0))
    await file_report(app, "刘春华", "XC-05", "2026-03", 60, "小冬桃项目本月完成冷库建设，进度60%")  # ahead: full marks
    await file_report(app, "汪海波", "XC-04", "2026-03", 5, "一米菜园本月进度5%")  # far behind on one of two projects
    await _run(app, _at(2026, 4, 7, 9, 0))  # 5 April 2026 is 清明: the bulletin goes out on the 7th
    await app.sender.drain()
    hu = people["胡立新"].chat.id
    (bulletin,) = [m.payload["text"] for m in await rows(app, OutboxMessage) if m.key.startswith("bulletin:")
                   and m.chat_id == hu]
    assert bulletin in transport.texts(hu)[-1]  # in the leader's note of the day, with the month's digest
    lines = bulletin.splitlines()
    assert lines[3].startswith("1. 桃园村 100.0分｜项目 100%（书记项目1个）")
    assert "评分办法" in lines[-1]
    # 一米菜园 5% of a scheduled 27% (weight 15), the gorge 0% (weight 10); no tasks or issues were due.
    assert lines[4].startswith("2. 龙潭村 11.1分｜项目 11%（书记项目1个、领办事项1个） · 任务 — · 事件 —")
