"""County hand-offs (县交办): a county cadre's "请各镇…前上报…" gives each town a task, the town takes it through the
township tasks' steps with the county as assigner, passes it down to its villages, and the county sees the roll-up
(tests/fixtures/county.yaml: 玄滩镇 and 云锦镇 with an admin each, 福集镇 with a leader only)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bot.app import App
from bot.console import ConsoleUser
from scheduler.jobs import daily_note, task_reminders
from storage.models import OutboxMessage, Person, Task, TaskEvent, Township
from tests.conftest import CST, RecordingTransport
from tests.support.chat import registered
from tests.support.rows import rows

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"
HAND_OFF = "请各镇（街道）于3月20日前上报年度党建工作总结"


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


async def _people(app: App, *names: str) -> list[ConsoleUser]:
    return [await registered(app, name) for name in names]


async def _ids(app: App) -> tuple[dict[str, int], dict[int, str]]:
    people = {p.name: p.id for p in await rows(app, Person)}
    return people, {t.id: t.name for t in await rows(app, Township)}


async def _reminders(app: App, when: dt.datetime) -> None:
    """The task reminders and the day's notes, as the runner makes them (for every township at once)."""
    app.clock.set(when)
    ctx = dataclasses.replace(app.job_context(), township_id=None, period=None)
    await task_reminders.job(ctx, when)
    await daily_note.job(ctx, when)
    await app.sender.drain()


async def test_every_town_gets_one_task_held_by_its_admin_or_else_its_leader(
        app: App, transport: RecordingTransport) -> None:
    luo, zhang, wu = await _people(app, "罗明远", "张丽华", "吴敏")
    await zhang.say("@赵全友 请于3月10日前报送党员花名册")  # 玄滩镇's own #1: the county's task is its #2
    await luo.say(HAND_OFF)
    people, towns = await _ids(app)
    county = [t for t in await rows(app, Task) if t.assigner_id == people["罗明远"]]
    assert [(towns[t.township_id], t.number, t.assignee_id) for t in county] == [
        ("玄滩镇", 2, people["张丽华"]), ("云锦镇", 1, people["吴敏"]), ("福集镇", 1, people["冯福集"])]
    assert {(t.title, t.deadline, t.village_id, t.parent_id, t.status) for t in county} == {
        ("上报年度党建工作总结", dt.date(2026, 3, 20), None, None, "assigned")}
    assert transport.texts(luo.chat.id)[-1] == (
        "✅ 已向3个镇交办（3月20日前）：上报年度党建工作总结\n玄滩镇 #2 张丽华\n云锦镇 #1 吴敏\n福集镇 #1 冯福集\n"
        "⚠️ 福集镇冯福集还没有登记账号，镇里也没有绑定群，暂时通知不到，请电话告知。\n发送“县交办”查看各镇办理情况。")
    assert transport.texts(zhang.chat.id)[-1].startswith(
        "📌 交办任务 #2（罗明远交办）\n上报年度党建工作总结\n期限：3月20日前")
    assert transport.texts(wu.chat.id)[-1].startswith("📌 交办任务 #1（罗明远交办）")
    keys = {m.key for m in await rows(app, OutboxMessage) if m.payload["text"].startswith("📌 交办任务")}
    assert all(any(k.startswith(f"task:{t.id}:assigned:") for k in keys) for t in county[:2])


@pytest.mark.parametrize("words", ["各乡镇：请于3月20日前上报年度党建工作总结",
                                   "全县各镇3月20日前上报年度党建工作总结",
                                   "请各街道于3月20日前上报年度党建工作总结",
                                   "各镇党委书记：3月20日前上报年度党建工作总结"])
async def test_every_way_of_saying_every_town(app: App, words: str) -> None:
    (luo,) = await _people(app, "罗明远")
    await luo.say(words)
    tasks = await rows(app, Task)
    assert len(tasks) == 3 and {t.title for t in tasks} == {"上报年度党建工作总结"}


async def test_only_the_towns_named_and_the_person_named(app: App, transport: RecordingTransport) -> None:
    (luo,) = await _people(app, "罗明远")
    await luo.say("请玄滩镇、云锦镇于3月20日前报送党员发展计划")
    await luo.say("交给云锦镇孙云锦，3月25日前完成乡村振兴调研报告")
    people, towns = await _ids(app)
    assert [(towns[t.township_id], t.number, t.title, t.assignee_id) for t in await rows(app, Task)] == [
        ("玄滩镇", 1, "报送党员发展计划", people["张丽华"]), ("云锦镇", 1, "报送党员发展计划", people["吴敏"]),
        ("云锦镇", 2, "完成乡村振兴调研报告", people["孙云锦"])]
    assert transport.texts(luo.chat.id)[-1].startswith(
        "✅ 已向1个镇交办（3月25日前）：完成乡村振兴调研报告\n云锦镇 #2 孙云锦")


async def test_a_township_s_hand_off_to_its_villages_is_unchanged(app: App) -> None:
    zhang, luo = await _people(app, "张丽华", "罗明远")
    await zhang.say("各村书记3月20日前上报集体经济收入台账")
    await luo.say("玄滩镇各村3月25日前报送党员花名册")  # 罗明远 acts in 玄滩镇 here: its villages, not the towns
    tasks = await rows(app, Task)
    assert [t.number for t in tasks] == [1, 2, 3, 4, 5, 6] and all(t.village_id is not None for t in tasks)


async def test_the_town_takes_it_through_its_steps_and_the_county_verifies(
        app: App, transport: RecordingTransport) -> None:
    luo, zhang, wang = await _people(app, "罗明远", "张丽华", "王德兴")
    await luo.say(HAND_OFF)
    await zhang.say("收到")
    await zhang.say("#1 完成了50%")
    await zhang.say("#1 申请延期到3月25日，等各村材料")
    assert transport.texts(luo.chat.id)[-1].startswith("⏳ 张丽华申请任务 #1 延期：3月20日前 → 3月25日前")
    await wang.say("#1 同意")  # the town's leader does not answer for the county
    assert transport.texts(wang.chat.id)[-1] == "抱歉，任务 #1 的延期批复由交办人罗明远或县领导、县管理员办理。"
    await luo.say("#1 同意")
    assert transport.texts(luo.chat.id)[-1] == ("您交办的任务中有3项编号为 #1（玄滩镇、云锦镇、福集镇），请写明镇名，"
                                                "例如“玄滩镇 #1 验收通过”。")
    await luo.say("玄滩镇 #1 同意")
    assert transport.texts(luo.chat.id)[-1] == "已同意玄滩镇任务 #1 延期至3月25日。"  # the county's #1 repeats
    assert transport.texts(zhang.chat.id)[-1] == "任务 #1 延期已同意，新期限 3月25日。"
    await zhang.say("#1 已办结，总结已报送")
    assert transport.texts(luo.chat.id)[-1].startswith(
        "📮 任务 #1 已办结，请验收：上报年度党建工作总结\n承办：玄滩镇 张丽华")  # the town said: #1 repeats per town
    await zhang.say("#1 验收通过")  # nor does the town that holds it
    assert transport.texts(zhang.chat.id)[-1].startswith("抱歉，任务 #1 的验收由交办人罗明远或县领导")
    await luo.say("玄滩镇 #1 验收通过")
    assert transport.texts(luo.chat.id)[-1] == "玄滩镇任务 #1 已验收销号。"
    people, towns = await _ids(app)
    (task,) = [t for t in await rows(app, Task) if towns[t.township_id] == "玄滩镇"]
    assert (task.status, task.progress, task.deadline) == ("verified", 50, dt.date(2026, 3, 25))
    events = await rows(app, TaskEvent, task_id=task.id)
    assert [e.kind for e in events] == ["assigned", "ack", "progress", "extend", "extend_yes", "done", "verify"]
    assert events[-1].actor_id == people["罗明远"]
    assert transport.texts(zhang.chat.id)[-1] == "✅ 任务 #1 已验收销号：上报年度党建工作总结"


async def test_reminders_go_to_the_towns_and_the_overdue_summary_to_the_county_cadre(
        app: App, transport: RecordingTransport) -> None:
    luo, zhang, wu = await _people(app, "罗明远", "张丽华", "吴敏")
    await luo.say(HAND_OFF)
    await wu.say("#1 已办结")
    await _reminders(app, dt.datetime(2026, 3, 17, 9, 0, tzinfo=CST))  # 3 days before
    assert transport.texts(zhang.chat.id)[-1].startswith("⏰ 任务 #1 还有 3 天到期（3月20日前）")
    await _reminders(app, dt.datetime(2026, 3, 23, 9, 0, tzinfo=CST))  # the 3rd overdue day
    summary = transport.texts(luo.chat.id)[-1]
    assert "📣 您交办的任务有2项逾期3天以上：" in summary, summary
    overdue = summary.partition("待验收")[0]  # 吴敏 finished: never counted late, whatever else the note holds
    assert "#1 玄滩镇·张丽华 上报年度党建工作总结" in overdue and "#1 福集镇·冯福集" in overdue
    assert "吴敏" not in overdue
    people, _ = await _ids(app)
    assert any(m.key.startswith(f"task-overdue:{people['罗明远']}:") for m in await rows(app, OutboxMessage))


async def test_a_town_passes_it_down_and_the_county_sees_the_roll_up(
        app: App, transport: RecordingTransport) -> None:
    luo, zhang, wu, zhao, ji = await _people(app, "罗明远", "张丽华", "吴敏", "赵全友", "纪文清")
    await luo.say(HAND_OFF)
    await zhang.say("#1 转各村，3月16日前报镇")
    await wu.say("#1 分解到各村")
    people, towns = await _ids(app)
    parents = {towns[t.township_id]: t for t in await rows(app, Task) if t.parent_id is None}
    subs = [t for t in await rows(app, Task) if t.parent_id is not None]
    assert [(towns[t.township_id], t.number, t.assignee_id, t.deadline, t.parent_id) for t in subs] == [
        ("玄滩镇", 2, people["赵全友"], dt.date(2026, 3, 16), parents["玄滩镇"].id),
        ("玄滩镇", 3, people["周秀英"], dt.date(2026, 3, 16), parents["玄滩镇"].id),
        ("玄滩镇", 4, people["陈志刚"], dt.date(2026, 3, 16), parents["玄滩镇"].id),
        ("云锦镇", 2, people["钱荷花"], dt.date(2026, 3, 17), parents["云锦镇"].id),
        ("云锦镇", 3, people["郑高峰"], dt.date(2026, 3, 17), parents["云锦镇"].id)]
    assert {t.assigner_id for t in subs[:3]} == {people["张丽华"]}
    assert {t.title for t in subs} == {"上报年度党建工作总结"}
    assert transport.texts(zhang.chat.id)[-1].startswith(
        "✅ 已把任务 #1 分解到3个村，期限3月16日前：上报年度党建工作总结\n#2 石牛村·赵全友\n#3 蔡家村·周秀英")
    assert transport.texts(zhang.chat.id)[-1].endswith("任务 #1 仍由您办结；发送“任务 #1”查看各村进度。")
    assert transport.texts(wu.chat.id)[-1].startswith(
        "✅ 已把任务 #1 分解到2个村，期限3月17日前（比任务 #1 的期限提前3天，便于镇里汇总）")
    assert transport.texts(zhao.chat.id)[-1].startswith("📌 交办任务 #2（张丽华交办）")
    await zhang.say("#1 分解到各村")  # said twice: nothing more
    assert transport.texts(zhang.chat.id)[-1] == "任务 #1 已分解到3个村，发送“任务 #1”查看各村办理情况。"
    assert len(await rows(app, Task)) == 8
    await zhao.say("#2 已办结，已上报")
    await zhang.say("#2 验收通过")
    await zhang.say("#1 收到")
    await luo.say("县交办")
    assert transport.texts(luo.chat.id)[-1] == (
        "📋 县交办任务（1项未办结）\n【上报年度党建工作总结】3月20日前 · 罗明远交办\n"
        "· 玄滩镇 #1 张丽华：已签收，村里已办结 1/3\n· 云锦镇 #1 吴敏：待签收，村里已办结 0/2\n"
        "· 福集镇 #1 冯福集：待签收\n已销号 0/3")
    await ji.say("县交办")  # the county's supervisor reads it too
    assert transport.texts(ji.chat.id)[-1] == transport.texts(luo.chat.id)[-1]
    await zhang.say("县交办")  # a town sees its own
    assert transport.texts(zhang.chat.id)[-1] == (
        "📋 县交办任务（1项未办结）\n【上报年度党建工作总结】3月20日前 · 罗明远交办\n"
        "· 玄滩镇 #1 张丽华：已签收，村里已办结 1/3\n已销号 0/1")
    await zhang.say("任务 #1")
    assert transport.texts(zhang.chat.id)[-1].endswith(
        "分解到各村：已办结 1/3\n🟢 #2 石牛村·赵全友 上报年度党建工作总结 · 3月16日前 · 已验收销号\n"
        "🟢 #3 蔡家村·周秀英 上报年度党建工作总结 · 3月16日前 · 待签收\n"
        "🟢 #4 龙华社区·陈志刚 上报年度党建工作总结 · 3月16日前 · 待签收")
    app.clock.set(dt.datetime(2026, 3, 23, 9, 0, tzinfo=CST))
    await luo.say("县交办")
    assert "· 福集镇 #1 冯福集：🔴逾期3天（待签收）" in transport.texts(luo.chat.id)[-1]
    (xuantan,) = [t for t in await rows(app, Task) if t.id == parents["玄滩镇"].id]
    assert xuantan.status == "acknowledged"  # its villages' tasks never close the town's


async def test_a_sub_task_is_not_passed_down_again_and_a_done_task_not_at_all(
        app: App, transport: RecordingTransport) -> None:
    luo, zhang, wu = await _people(app, "罗明远", "张丽华", "吴敏")
    await luo.say(HAND_OFF)
    await zhang.say("#1 分解到各村")
    await zhang.say("#2 分解到各村")
    assert transport.texts(zhang.chat.id)[-1] == "任务 #2 已是交给石牛村的任务，不能再分解到各村。"
    await wu.say("#1 已办结")
    await wu.say("#1 分解到各村")
    assert transport.texts(wu.chat.id)[-1] == "任务 #1 已办结待验收，不用再分解。"
    assert len(await rows(app, Task)) == 6


async def test_a_town_named_before_the_number_says_whose_task(app: App, transport: RecordingTransport) -> None:
    luo, he, zhang, wu = await _people(app, "罗明远", "何晓梅", "张丽华", "吴敏")
    await luo.say(HAND_OFF)
    await wu.say("#1 已办结，总结已报送")
    await zhang.say("云锦镇 #1 验收通过")  # a town acts on its own tasks only
    assert transport.texts(zhang.chat.id)[-1] == "抱歉，云锦镇的任务由云锦镇和县里办理，您可以查看和办理玄滩镇的任务。"
    await zhang.say("任务 云锦镇 #1")
    assert transport.texts(zhang.chat.id)[-1].startswith("抱歉，云锦镇的任务")
    await luo.say("任务 云锦镇 #1")
    assert transport.texts(luo.chat.id)[-1].startswith(
        "🟢 任务 #1：上报年度党建工作总结\n交办：罗明远　承办：云锦镇 吴敏")
    await he.say("云锦镇 #1 验收通过")  # the county's admin answers for the county, wherever she acts
    _, towns = await _ids(app)
    assert {towns[t.township_id]: t.status for t in await rows(app, Task)} == {
        "玄滩镇": "assigned", "云锦镇": "verified", "福集镇": "assigned"}
    assert transport.texts(wu.chat.id)[-1] == "✅ 任务 #1 已验收销号：上报年度党建工作总结"


async def test_a_reply_to_the_county_s_notice_passes_it_down(app: App, transport: RecordingTransport) -> None:
    luo, zhang = await _people(app, "罗明远", "张丽华")
    await luo.say(HAND_OFF)
    notice = next(r for r in await rows(app, OutboxMessage)
                  if r.key.startswith("task:1:assigned") and r.chat_id == zhang.chat.id)
    await app.pipeline.handle(dataclasses.replace(zhang.message("分解到各村"), reply_to=notice.platform_message_id))
    await app.sender.drain()
    assert transport.texts(zhang.chat.id)[-1].startswith("✅ 已把任务 #1 分解到3个村")
    assert len([t for t in await rows(app, Task) if t.parent_id == 1]) == 3


async def test_a_town_admin_reporting_on_the_towns_project_is_not_stepping_her_only_task(
        app: App, transport: RecordingTransport) -> None:
    """玄滩镇's own project (XT-Z1, 乡村旅游) said without the town's name while 张丽华's one open task is signed
    for, then done: a report on the project each time, never a step on the task."""
    luo, zhang = await _people(app, "罗明远", "张丽华")
    await luo.say(HAND_OFF)
    people, _ = await _ids(app)
    await zhang.say("#1 收到")
    for step, text in (("acknowledged", "乡村旅游本月建成接待中心主体，进度85%"),
                       ("done", "党委非均衡发展项目·乡村旅游本月完成游客中心装修，进度90%")):
        if step == "done":
            await zhang.say("#1 已办结，总结已上报")
        (task,) = [t for t in await rows(app, Task) if t.assignee_id == people["张丽华"]]
        await zhang.say(text)
        card = transport.texts(zhang.chat.id)[-1]
        assert card.startswith("📋") and "玄滩镇党委非均衡发展项目·乡村旅游" in card, card
        (after,) = [t for t in await rows(app, Task) if t.id == task.id]
        assert (after.status, after.progress) == (step, task.progress)
