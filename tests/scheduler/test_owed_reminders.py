"""The report window (25th) and the deadline reminder (last day) go only to villages that still owe: never to
one that has confirmed every report, and to one whose report is filed but not confirmed, a short ask for 确认."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from bot.app import App
from bot.console import ConsoleUser
from scheduler.jobs import deadline_reminder, month_end_check
from storage.models import OutboxMessage, Report
from tests.conftest import CST, RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.rows import rows

REPORTERS = ("王建国", "江涛", "储德胜", "汪海波", "刘春华", "王芳", "余志强")


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


async def _march(app: App) -> tuple[dict[str, ConsoleUser], int]:
    """千佛塔村 confirms both projects, 龙潭村 one of two; 请水寨村 files a draft. The draft's id."""
    people = {name: await registered(app, name) for name in REPORTERS}
    app.clock.set(_at(2026, 3, 20, 10, 0))
    await file_report(app, "王建国", "XC-01", "2026-03", 40, "三步桥街示范点本月进度40%")
    await file_report(app, "王建国", "XC-02", "2026-03", 70, "征地搬迁整体进度70%")
    await file_report(app, "汪海波", "XC-04", "2026-03", 20, "一米菜园本月进度20%")
    draft = await file_report(app, "储德胜", "XC-03", "2026-03", 30, "后备干部队伍建设本月进度30%", confirm=False)
    return people, draft


async def _keys(app: App, prefix: str) -> Counter[str]:
    """How many messages each chat got under a key prefix."""
    return Counter(m.chat_id for m in await rows(app, OutboxMessage) if m.key.startswith(prefix))


async def test_the_window_opens_only_for_villages_that_still_owe(app: App, transport: RecordingTransport) -> None:
    people, draft = await _march(app)
    await run_job(app, month_end_check, "2026-03", _at(2026, 3, 25, 9, 0))
    told = await _keys(app, "window:2026-03:")
    assert set(told.values()) == {1}  # one message a person
    chat = {name: user.chat.id for name, user in people.items()}
    assert set(told) == {chat[n] for n in ("储德胜", "汪海波", "刘春华", "王芳", "余志强")}  # not 千佛塔村
    (longtan,) = transport.texts(chat["汪海波"])
    assert "龙潭峡谷乡村旅游开发：上月未报" in longtan and "一米菜园" not in longtan
    (short,) = transport.texts(chat["储德胜"])
    assert short == ("📋 3月月报月底前截止。\n请水寨村以下项目已填报，只差确认：\n"
                     "· “三步走”建强村级后备干部队伍（进度30%）\n核对无误请点“确认”或回复“确认”，不用重报。")
    (payload,) = [p for c, p in transport.sent if c == chat["储德胜"]]
    assert [[b["data"] for b in row] for row in payload["buttons"]] == [[f"report:confirm:{draft}"]]


async def test_the_deadline_reminder_asks_a_draft_only_for_its_confirmation(
        app: App, transport: RecordingTransport) -> None:
    people, _ = await _march(app)
    await run_job(app, deadline_reminder, "2026-03", _at(2026, 3, 31, 9, 0))
    told = await _keys(app, "remind:month-end:2026-03:")
    assert set(told.values()) == {1} and people["王建国"].chat.id not in told and people["江涛"].chat.id not in told
    (short,) = transport.texts(people["储德胜"].chat.id)
    assert short.startswith("⏰ 3月月报今天截止。\n请水寨村以下项目已填报，只差确认：") and "还没有报送" not in short
    (longtan,) = transport.texts(people["汪海波"].chat.id)
    assert longtan == ("⏰ 3月月报今天截止，龙潭村以下项目还没有报送：\n· 龙潭峡谷乡村旅游开发\n"
                       "直接回复本月进展即可；逾期也可以补报。")


async def test_the_reminders_button_confirms_and_the_village_hears_no_more(
        app: App, transport: RecordingTransport) -> None:
    people, draft = await _march(app)
    await run_job(app, month_end_check, "2026-03", _at(2026, 3, 25, 9, 0))
    chu = people["储德胜"]
    (payload,) = [p for c, p in transport.sent if c == chu.chat.id]
    app.clock.set(_at(2026, 3, 25, 9, 30))
    await app.pipeline.handle(dataclasses.replace(chu.message(""), action=payload["buttons"][0][0]["data"]))
    (report,) = await rows(app, Report, id=draft)
    assert report.status == "confirmed"
    await run_job(app, deadline_reminder, "2026-03", _at(2026, 3, 31, 9, 0))
    assert chu.chat.id not in await _keys(app, "remind:month-end:")
