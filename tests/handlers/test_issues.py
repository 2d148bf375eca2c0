"""Grid issues end to end: log → card → correction, the lifecycle, working hours, time limits, repeats."""
from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from bot.app import App
from handlers.clock import FakeClock
from scheduler.jobs import issue_deadlines
from storage.models import Issue, IssueEvent, OutboxMessage
from tests.conftest import CST, RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows

HAZARD = "二组路口电线杆倾斜，随时可能倒下，很危险"
LEADER_NAMES = ("胡立新", "周敏", "程晓燕")


@pytest.fixture
async def people(app: App) -> dict:
    names = ("吴桂英", "李明亮", "王建国", "江涛") + LEADER_NAMES
    return {name: await registered(app, name) for name in names}


def _kinds(events: list[IssueEvent]) -> list[str]:
    return [e.kind for e in events]


async def test_log_card_and_correction(app: App, people: dict, transport: RecordingTransport) -> None:
    wu = people["吴桂英"]
    await wu.say(HAZARD)
    card = transport.texts(wu.chat.id)[-1]
    assert card.startswith("📝 已登记事件 #E1：安全隐患（紧急）") and "地点：千佛塔村 · 二组" in card
    await wu.say("是三组")
    await wu.say("不紧急")
    (issue,) = await rows(app, Issue)
    assert (issue.number, issue.category, issue.urgent) == (1, "safety", False)
    assert "二组" not in issue.summary and "三组" in issue.summary  # the words said follow the place corrected
    assert transport.texts(wu.chat.id)[-1].startswith("📝 已更正事件 #E1：安全隐患\n地点：千佛塔村 · 三组")
    assert _kinds(await rows(app, IssueEvent)) == ["reported", "corrected", "corrected"]


async def test_full_lifecycle_with_a_reopen(app: App, people: dict, transport: RecordingTransport) -> None:
    await people["吴桂英"].say(HAZARD)
    wang, wu = people["王建国"], people["吴桂英"]
    await wang.say("#E1 受理")
    await wu.say("#E1 正在处置，已通知供电所")
    await wu.say("#E1 已办结，供电所已加固电杆")
    await wang.say("#E1 回访：群众满意")
    await wang.say("#E1 重新打开：电杆又松动了")
    (issue,) = await rows(app, Issue)
    assert issue.status == "in_progress" and issue.closed_at is None
    events = await rows(app, IssueEvent)
    assert _kinds(events) == ["reported", "accepted", "in_progress", "resolved", "closed", "reopened"]
    assert events[-1].note == "电杆又松动了"
    await wang.say("事件 1")
    assert "重新打开：电杆又松动了" in transport.texts(wang.chat.id)[-1]


async def test_urgent_safety_at_23_on_a_holiday_goes_at_once_to_leaders(
        app: App, people: dict, clock: FakeClock) -> None:
    clock.set(dt.datetime(2026, 10, 1, 23, 0, tzinfo=CST))  # National Day, late at night
    await people["吴桂英"].say(HAZARD)
    notices = [r for r in await rows(app, OutboxMessage) if r.key.startswith("issue:1:new")]
    told = {r.chat_id for r in notices}
    assert {people[n].chat.id for n in LEADER_NAMES + ("王建国", "江涛")} == told
    assert all(r.status == "sent" and r.sent_at == clock.now() and r.urgent for r in notices)  # sent at once


async def test_a_normal_issue_at_23_waits_for_the_next_working_morning(
        app: App, people: dict, clock: FakeClock) -> None:
    clock.set(dt.datetime(2026, 10, 1, 23, 0, tzinfo=CST))
    await people["吴桂英"].say("一组有户人家门口垃圾堆了好几天没人清理，味道很大")
    notices = [r for r in await rows(app, OutboxMessage) if r.key.startswith("issue:1:new")]
    day = dt.date(2026, 10, 2)
    while not chinese_calendar.is_workday(day):  # worked out here from the official calendar, independently
        day += dt.timedelta(days=1)
    morning = dt.datetime.combine(day, dt.time(8, 0), tzinfo=CST)
    assert notices and all(r.next_try_at == morning for r in notices)
    assert {r.chat_id for r in notices} == {people["王建国"].chat.id, people["江涛"].chat.id}  # not the township


async def test_an_issue_resolved_on_a_day_off_is_told_on_the_next_working_morning_a_reopened_hazard_at_once(
        app: App, people: dict, clock: FakeClock) -> None:
    await people["吴桂英"].say("一组有户人家门口垃圾堆了好几天没人清理，味道很大")  # #E1
    await people["吴桂英"].say(HAZARD)  # #E2, urgent safety
    clock.set(dt.datetime(2026, 3, 7, 10, 0, tzinfo=CST))  # a Saturday
    await people["王建国"].say("#E1 已办结，已清运")
    await people["王建国"].say("#E2 已办结，已拉警戒线")
    await people["王建国"].say("#E2 重新打开：电杆又松动了")
    told = await rows(app, OutboxMessage)
    resolved = [(r.status, r.next_try_at) for r in told if ":resolved:" in r.key]
    # News that needs nobody to act waits, even on a hazard; the hazard back is an alarm again, at once.
    assert resolved == [("pending", dt.datetime(2026, 3, 9, 8, 0, tzinfo=CST))] * 2
    reopened = [r for r in told if ":reopened:" in r.key]
    assert len(reopened) > 2 and all(r.status == "sent" and r.urgent for r in reopened)
async def test_a_breach_of_the_time_limit_escalates_exactly_once(app: App, people: dict, clock: FakeClock) -> None:
    await people["吴桂英"].say("二组两户人家因为宅基地边界吵起来了，请村里调解")  # dispute: 3 working days
    (issue,) = await rows(app, Issue)
    ctx = app.job_context()
    assert await issue_deadlines.job(ctx, issue.due_at - dt.timedelta(minutes=1)) == 1  # only auto-accepted
    for hours in (1, 2, 30):
        await issue_deadlines.job(ctx, issue.due_at + dt.timedelta(hours=hours))
    escalations = [r for r in await rows(app, OutboxMessage) if r.key.startswith("issue-overdue:")]
    officers = LEADER_NAMES + ("王建国", "江涛")
    assert sorted(r.chat_id for r in escalations) == sorted(people[n].chat.id for n in officers)
    assert _kinds(await rows(app, IssueEvent)) == ["reported", "auto_accepted", "overdue"]


async def test_repeats_in_the_same_grid_and_category_are_linked(
        app: App, people: dict, clock: FakeClock, transport: RecordingTransport) -> None:
    wu = people["吴桂英"]
    await wu.say("一组路边垃圾堆放，没人清理")
    clock.advance(dt.timedelta(days=30))
    await wu.say("一组又有人乱堆垃圾，污水横流")
    assert "⚠️ 同一网格90天内第2次同类事件（上次 #E1）" in transport.texts(wu.chat.id)[-1]
    clock.advance(dt.timedelta(days=91))
    await wu.say("一组垃圾又堆起来了")
    issues = await rows(app, Issue)
    assert [i.repeat_of_id for i in issues] == [None, issues[0].id, None]


async def test_a_grid_worker_cannot_touch_another_villages_issue(
        app: App, people: dict, transport: RecordingTransport) -> None:
    await people["吴桂英"].say(HAZARD)
    li = people["李明亮"]  # 河西村
    await li.say("#E1 已办结")
    assert transport.texts(li.chat.id)[-1].startswith("抱歉，事件 #E1 属于千佛塔村")
    await li.say("事件 1")
    assert transport.texts(li.chat.id)[-1] == "没有找到您可以查看的事件 #E1。"
    await people["吴桂英"].say("#E1 受理")  # a grid worker does not accept
    (issue,) = await rows(app, Issue)
    assert issue.status == "reported" and await count(app, IssueEvent) == 1


async def test_issue_lists_and_counts_for_leaders(app: App, people: dict, transport: RecordingTransport) -> None:
    await people["吴桂英"].say(HAZARD)
    await people["李明亮"].say("三组村民反映低保申请半年了还没批下来，想问问怎么办理")
    await people["胡立新"].say("/issues")
    listing = transport.texts(people["胡立新"].chat.id)[-1]
    assert listing.startswith("未办结事件（2）：") and "按村：" in listing and "按类别：" in listing
    await people["王建国"].say("事件")
    assert transport.texts(people["王建国"].chat.id)[-1].startswith("未办结事件（1）：")


async def test_a_notice_held_for_the_morning_does_not_hold_back_replies(
        app: App, people: dict, clock: FakeClock, transport: RecordingTransport) -> None:
    clock.set(dt.datetime(2026, 3, 3, 23, 0, tzinfo=CST))
    await people["吴桂英"].say("一组有户人家门口垃圾堆了好几天没人清理")  # the notice to 王建国 waits until 08:00
    wang = people["王建国"]
    await wang.say("在吗")
    assert transport.texts(wang.chat.id) == ["在的。"]
    clock.set(dt.datetime(2026, 3, 4, 8, 0, tzinfo=CST))
    await app.sender.drain()
    assert transport.texts(wang.chat.id)[-1].startswith("📝 新事件 #E1")


async def test_an_issue_step_is_not_taken_for_the_senders_only_task(app: App, people: dict) -> None:
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    await people["吴桂英"].say(HAZARD)
    await people["王建国"].say("#E1 已办结，已拉警戒线")
    (issue,) = await rows(app, Issue)
    assert issue.status == "resolved"
    from storage.models import Task
    (task,) = await rows(app, Task)
    assert task.status == "assigned"


async def test_the_step_named_first_wins(app: App, people: dict) -> None:
    await people["吴桂英"].say(HAZARD)
    await people["王建国"].say("#E1 已办结，等待回访")
    (issue,) = await rows(app, Issue)
    assert issue.status == "resolved"
