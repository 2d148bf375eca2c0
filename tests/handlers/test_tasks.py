"""Task hand-offs end to end: 各村 → one task each, the whole lifecycle, permissions, reminders on a fake clock."""
from __future__ import annotations

import dataclasses
import datetime as dt

from bot.app import App
from bot.console import ConsoleUser
from handlers.clock import FakeClock
from scheduler.jobs import task_reminders
from storage.models import OutboxMessage, Person, Task, TaskEvent
from tests.conftest import CST, RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows

SECRETARIES = ("王建国", "储德胜", "汪海波", "刘春华", "王芳", "余志强")


async def _everyone(app: App) -> dict[str, ConsoleUser]:
    return {name: await registered(app, name) for name in SECRETARIES + ("胡立新", "周敏", "程晓燕")}


def _events(rows_: list[TaskEvent]) -> list[str]:
    return [e.kind for e in rows_]


async def test_a_hand_off_to_every_village_makes_one_task_and_one_notice_each(
        app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    people["胡立新"].enter_group("千佛塔村工作群")
    await people["胡立新"].say("绑定 千佛塔村")
    people["胡立新"].enter_private()
    await people["程晓燕"].say("各村书记本月底前上报集体经济收入台账")
    tasks = await rows(app, Task)
    assert [t.number for t in tasks] == [1, 2, 3, 4, 5, 6]
    assert {t.deadline for t in tasks} == {dt.date(2026, 3, 31)} and {t.status for t in tasks} == {"assigned"}
    confirmation = transport.texts(people["程晓燕"].chat.id)[-1]
    assert confirmation.startswith("✅ 已交办 6 项任务（3月31日前）：上报集体经济收入台账")
    notices = [(chat, p["text"]) for chat, p in transport.sent if p["text"].startswith("📌 交办任务")]
    assert len(notices) == 7  # six secretaries, and 千佛塔村's bound group
    assert ("group:千佛塔村工作群", notices[0][1]) in notices


async def test_the_whole_lifecycle_with_a_return_and_a_second_finish(app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    wang, hu = people["王建国"], people["胡立新"]
    await wang.say("收到")  # his only open task: no number needed
    await wang.say("#1 完成了60%")
    await wang.say("#1 已办结，台账已报送")
    assert transport.texts(hu.chat.id)[-1].startswith("📮 任务 #1 已办结，请验收")
    await hu.say("#1 退回，缺少签字")
    assert transport.texts(wang.chat.id)[-1].startswith("↩️ 任务 #1 被退回")
    await wang.say("已办结，补齐了签字")
    await hu.say("#1 验收通过")
    (task,) = await rows(app, Task)
    assert (task.status, task.progress) == ("verified", 60)
    events = await rows(app, TaskEvent, task_id=task.id)
    assert _events(events) == ["assigned", "ack", "progress", "done", "reject", "done", "verify"]
    assert events[3].note == "台账已报送" and events[4].note == "缺少签字"
    await hu.say("任务 1")
    history = transport.texts(hu.chat.id)[-1]
    assert "已验收销号" in history and "退回：缺少签字" in history


async def test_only_the_right_person_moves_a_task_and_refusals_change_nothing(
        app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    await people["王建国"].say("#1 已办结")
    before = await count(app, TaskEvent)
    await people["储德胜"].say("#1 验收通过")  # neither the assigner nor a township leader or admin
    assert transport.texts(people["储德胜"].chat.id)[-1] == "抱歉，任务 #1 的验收由交办人胡立新或镇领导、镇党建办办理。"
    await people["储德胜"].say("#1 已办结")
    assert transport.texts(people["储德胜"].chat.id)[-1].startswith("抱歉，任务 #1 由王建国承办")
    (task,) = await rows(app, Task)
    assert task.status == "done" and await count(app, TaskEvent) == before


async def test_an_approved_extension_moves_the_deadline_and_the_reminders(
        app: App, clock: FakeClock, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    await people["王建国"].say("#1 申请延期到3月25日，群众外出务工较多")
    request = transport.texts(people["胡立新"].chat.id)[-1]
    assert request.startswith("⏳ 王建国申请任务 #1 延期：3月15日前 → 3月25日前")
    press = dataclasses.replace(people["胡立新"].message(""), action=transport.sent[-1][1]["buttons"][0][0]["data"])
    await app.pipeline.handle(press)
    await app.sender.drain()
    (task,) = await rows(app, Task)
    assert task.deadline == dt.date(2026, 3, 25) and task.requested_deadline is None
    clock.set(dt.datetime(2026, 3, 12, 9, 0, tzinfo=CST))  # 3 days before the old deadline: nothing now
    assert await task_reminders.job(app.job_context(), clock.now()) == 0
    clock.set(dt.datetime(2026, 3, 20, 9, 0, tzinfo=CST))  # 3 days before the new one is a Sunday: the Friday
    assert await task_reminders.job(app.job_context(), clock.now()) == 1


async def test_an_extension_asked_as_a_span_moves_the_deadline_by_it(app: App, transport: RecordingTransport) -> None:
    """"申请延期一周" on a task due 3月15日 asks for 3月22日, not a week from today (3月2日)."""
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    await people["王建国"].say("#1 申请延期一周，群众外出务工较多")
    assert transport.texts(people["胡立新"].chat.id)[-1].startswith("⏳ 王建国申请任务 #1 延期：3月15日前 → 3月22日前")
    (task,) = await rows(app, Task)
    assert task.requested_deadline == dt.date(2026, 3, 22)


async def test_reminders_fire_at_minus_3_minus_1_then_daily_and_the_assigner_hears_on_day_3_then_weekly(
        app: App, clock: FakeClock) -> None:  # on working days
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    await people["胡立新"].say("@储德胜 请于3月10日前报送后备干部名单")
    await people["储德胜"].say("#2 已办结")  # done before its first reminder: it gets none
    fired: dict[str, list[int]] = {"assignee": [], "assigner": []}
    wang, hu = people["王建国"].chat.id, people["胡立新"].chat.id
    for offset in range(-6, 13):
        when = dt.datetime(2026, 3, 15, 9, 0, tzinfo=CST) + dt.timedelta(days=offset)
        clock.set(when)
        for _ in range(2):  # a second run the same day (a restart) adds nothing
            await task_reminders.job(app.job_context(), when)
        today = [r for r in await rows(app, OutboxMessage) if r.key.startswith(("task-remind:", "task-overdue:"))
                 and r.created_at == when]
        fired["assignee"] += [offset for r in today if r.chat_id == wang]
        fired["assigner"] += [offset for r in today if r.chat_id == hu]
    # The deadline, 15 March 2026, is a Sunday: the 1-day reminder moves to Friday the 13th (offset -2),
    # and nothing goes out on the weekend after (offsets 6 and 7 are Saturday 21st and Sunday 22nd).
    assert fired["assignee"] == [-3, -2, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12]
    assert fired["assigner"] == [3, 10]  # the 3rd overdue day, then a week later
    chu = people["储德胜"].chat.id
    assert not [r for r in await rows(app, OutboxMessage) if r.key.startswith("task-remind:") and r.chat_id == chu]


async def test_a_step_taken_at_night_reaches_the_other_side_on_the_next_working_morning(
        app: App, clock: FakeClock, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月20日前完成千佛塔村征地摸底")
    clock.set(dt.datetime(2026, 3, 6, 22, 30, tzinfo=CST))  # a Friday night
    await people["王建国"].say("#1 已办结")
    hu = people["胡立新"].chat.id
    for when, told in (((3, 6, 22, 31), False), ((3, 7, 10, 0), False), ((3, 9, 8, 0), True)):  # Saturday; Monday
        clock.set(dt.datetime(2026, *when, tzinfo=CST))
        await app.sender.drain()
        assert any(t.startswith("📮 任务 #1 已办结，请验收") for t in transport.texts(hu)) is told, when


async def test_buttons_replies_and_redelivery(app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    wang = people["王建国"]
    notice_payload = next(p for c, p in transport.sent if p["text"].startswith("📌"))
    press = dataclasses.replace(wang.message(""), action=notice_payload["buttons"][0][0]["data"])
    for _ in range(3):  # the same press delivered three times
        await app.pipeline.handle(press)
    again = wang.message("#1 已办结")
    for _ in range(2):
        await app.pipeline.handle(again)
    events = await rows(app, TaskEvent)
    assert _events(events) == ["assigned", "ack", "done"]
    await wang.say("#1 已办结")  # a new message, same step: said once, nothing changes
    assert transport.texts(wang.chat.id)[-1] == "任务 #1 已办结，正等待验收。"
    assert await count(app, TaskEvent) == 3


async def test_task_lists(app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["程晓燕"].say("各村书记本月底前上报集体经济收入台账")
    await people["王建国"].say("/tasks")
    assert transport.texts(people["王建国"].chat.id)[-1].startswith("您承办的任务（1）：\n🟢 #1 上报集体经济收入台账")
    await people["程晓燕"].say("任务")
    listing = transport.texts(people["程晓燕"].chat.id)[-1]
    assert listing.startswith("您交办的任务（6）：") and "#6 石关村·余志强" in listing


async def test_a_reply_to_the_notice_and_a_reassignment(app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    notice = next(r for r in await rows(app, OutboxMessage) if r.key.startswith("task:1:assigned"))
    wang = people["王建国"]
    reply = dataclasses.replace(wang.message("这个收到了，马上安排"), reply_to=notice.platform_message_id)
    await app.pipeline.handle(reply)
    await app.sender.drain()
    assert transport.texts(wang.chat.id)[-1].startswith("已签收任务 #1")
    jiang = await registered(app, "江涛")
    await people["胡立新"].say("#1 改派 江涛")
    (task,) = await rows(app, Task)
    assert (task.assignee_id, task.status) == ((await people_id(app, "江涛")), "assigned")
    assert transport.texts(jiang.chat.id)[-1].startswith("📌 交办任务 #1")
    await wang.say("#1 已办结")
    assert transport.texts(wang.chat.id)[-1].startswith("抱歉，任务 #1 由江涛承办")


async def people_id(app: App, name: str) -> int:
    async with app.uow() as store:
        (person,) = await store.people.by_name(name)
    return person.id


async def test_an_edited_hand_off_does_not_hand_off_again(app: App) -> None:
    people = await _everyone(app)
    hu = people["胡立新"]
    await hu.say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    edit = dataclasses.replace(hu.message("@王建国 请于3月16日前完成千佛塔村征地摸底"), edited=True)
    await app.pipeline.handle(edit)
    assert await count(app, Task) == 1


async def test_a_task_number_written_right_after_the_word_task_is_an_update(app: App) -> None:
    people = await _everyone(app)
    await people["胡立新"].say("@王建国 请于3月15日前完成千佛塔村征地摸底")
    await people["王建国"].say("任务1已办结")
    (task,) = await rows(app, Task)
    assert task.status == "done"


async def test_a_hand_off_says_who_cannot_be_told_and_a_reassignment_needs_a_name(
        app: App, transport: RecordingTransport) -> None:
    hu = await registered(app, "胡立新")
    await hu.say("@储德胜 请于3月15日前报送后备干部名单")  # 储德胜 has no account and 请水寨村 no bound group
    assert "⚠️ 储德胜还没有登记账号" in transcript_last(transport, hu.chat.id)
    await hu.say("#1 改派")
    assert transport.texts(hu.chat.id)[-1].startswith("请写明改派给谁")


def transcript_last(transport: RecordingTransport, chat: str) -> str:
    return transport.texts(chat)[-1]


async def test_a_task_done_late_and_awaiting_verification_is_not_listed_as_overdue(
        app: App, clock: FakeClock, transport: RecordingTransport) -> None:
    hu, wang = await registered(app, "胡立新"), await registered(app, "王建国")
    await hu.say("@王建国 请于3月5日前完成征地摸底")
    await wang.say("收到")
    clock.advance(dt.timedelta(days=5))  # 3月7日: two days late
    await hu.say("任务")
    assert "已逾期2天" in transport.texts(hu.chat.id)[-1]
    await wang.say("#1 已办结，摸底表已报送")
    await hu.say("任务")
    listed = transport.texts(hu.chat.id)[-1]
    assert "#1" in listed and "已办结待验收" in listed and "已逾期" not in listed


async def test_a_chase_for_reports_goes_only_to_the_villages_that_still_owe_one(
        app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["储德胜"].say("2月份后备干部队伍建设：完成两名后备干部的考察谈话，进度40%")
    await people["储德胜"].say("确认")  # 请水寨村's only project: reported
    await people["汪海波"].say("2月份一米菜园：新开了十二块菜园，进度30%")
    await people["汪海波"].say("确认")  # 龙潭村's other project (the gorge tourism) is still owed
    await people["刘春华"].say("2月份小冬桃：冬剪完成，进度50%")  # a draft never confirmed is not reported
    await people["程晓燕"].say("各村还没报2月份月报的，3月5日前报上来")
    names = {p.id: p.name for p in await rows(app, Person)}
    assert sorted(names[t.assignee_id] for t in await rows(app, Task)) == ["余志强", "刘春华", "汪海波", "王建国", "王芳"]
    reply = transport.texts(people["程晓燕"].chat.id)[-1]
    assert reply.startswith("✅ 已交办 5 项任务（3月5日前）") and reply.endswith("已报送，不再催报：请水寨村")
    await people["程晓燕"].say("请水寨村月报还没报的抓紧报")
    assert transport.texts(people["程晓燕"].chat.id)[-1] == "✅ 2026年2月请水寨村的项目均已报送，无需催报。"
    await people["程晓燕"].say("各村书记本月底前上报集体经济收入台账")  # new work, not a chase: every village
    assert await count(app, Task) == 5 + 6


async def test_a_deadline_in_another_year_says_its_year(app: App, transport: RecordingTransport) -> None:
    people = await _everyone(app)
    await people["程晓燕"].say("各村后年年底前把村集体经营性收入做到十万以上")
    assert {t.deadline for t in await rows(app, Task)} == {dt.date(2028, 12, 31)}
    assert transport.texts(people["程晓燕"].chat.id)[-1].startswith("✅ 已交办 6 项任务（2028年12月31日前）")
    assert "期限：2028年12月31日前" in transport.texts(people["王建国"].chat.id)[-1]
