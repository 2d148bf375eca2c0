"""Tasks in the calendar's messages: one done but not verified is 待验收 (its assigner reminded once), never
overdue; the month start lists this month's tasks and milestones, and overdue tasks under their own heading."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from bot.app import App
from bot.registry_file import load_registry
from scheduler.jobs import month_start, monthly_digest, task_reminders
from storage.models import OutboxMessage
from storage.repositories.registry_import import RegistryImporter
from tests.conftest import CST, REGISTRY, RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.support.chat import registered
from tests.support.rows import rows


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


async def _verify_reminders(app: App) -> list[OutboxMessage]:
    return [m for m in await rows(app, OutboxMessage) if m.key.startswith("task-verify:")]


async def test_a_task_done_but_not_verified_waits_for_its_assigner_and_is_never_overdue(
        app: App, transport: RecordingTransport) -> None:
    hu, wang = await registered(app, "胡立新"), await registered(app, "王建国")
    await hu.say("@王建国 请于3月10日前完成千佛塔村征地摸底")
    app.clock.set(_at(2026, 3, 6, 15, 0))
    await wang.say("#1 已办结，摸底42户")
    for day in (9, 10, 11, 12, 13, 16):  # working days, past the deadline and on; nobody verifies
        await run_job(app, task_reminders, None, _at(2026, 3, day, 9, 0))
    (reminder,) = await _verify_reminders(app)  # once, two days after it was done, to the assigner only
    assert reminder.chat_id == hu.chat.id and reminder.created_at.date() == dt.date(2026, 3, 9)
    assert reminder.payload["text"].startswith("📮 待验收：您交办的任务 #1 已于3月6日办结，还没有验收。")
    assert [b["data"] for b in reminder.payload["buttons"][0]] == ["task:verify:1", "task:reject:1"]
    assert not [t for t in transport.texts() if "逾期" in t]  # neither the assignee nor the assigner hears "overdue"
    await run_job(app, monthly_digest, "2026-04", _at(2026, 4, 1, 10, 0))
    card, _, details = transport.texts(hu.chat.id)[-1].partition("\n\n")  # one message: the card on top
    assert "逾期未办结0项，已办结待验收1项。" in card
    assert "【待验收】1项已办结，请交办人验收销号\n📮 #1 完成千佛塔村征地摸底（千佛塔村王建国，3月6日办结）" in details
    assert "⏰ #1" not in details


async def test_a_task_done_again_after_a_return_is_asked_about_again(app: App) -> None:
    hu, wang = await registered(app, "胡立新"), await registered(app, "王建国")
    await hu.say("@王建国 请于3月20日前完成千佛塔村征地摸底")
    await wang.say("#1 已办结")
    await run_job(app, task_reminders, None, _at(2026, 3, 4, 9, 0))
    await hu.say("#1 退回，缺少签字")
    await wang.say("#1 已办结，补齐了签字")
    for day in (5, 6, 9):  # done again on the 4th: asked about again on the 6th, and only then
        await run_job(app, task_reminders, None, _at(2026, 3, day, 9, 0))
    assert [m.created_at.date() for m in await _verify_reminders(app)] == [dt.date(2026, 3, 4), dt.date(2026, 3, 6)]


async def _import_milestones(app: App, folder: Path) -> None:
    data = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    data["projects"][1]["milestones"] = [{"title": "完成签约", "due": "2026-04-30"},
                                         {"title": "完成拆除", "due": "2026-05-31"}]
    path = folder / "registry-with-milestones.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(load_registry(path))


async def test_the_month_start_lists_this_months_tasks_milestones_and_overdue_ones_apart(
        app: App, transport: RecordingTransport, tmp_path: Path) -> None:
    await _import_milestones(app, tmp_path)
    office, chu = await registered(app, "程晓燕"), await registered(app, "储德胜")
    office.enter_group("响肠镇党建工作群")
    await office.say("绑定 响肠镇")
    office.enter_private()
    await office.say("@储德胜 请于3月20日前报送后备干部名单")  # #1: overdue on 1 April
    await office.say("@余志强 请于4月15日前完成村集体资产清查")  # #2: due in April
    await office.say("@王芳 请于5月8日前完成移风易俗宣讲")  # #3: due in May
    await office.say("@汪海波 请于3月25日前上报一米菜园用地台账")  # #4: done, waiting for verification
    await (await registered(app, "汪海波")).say("#4 已办结")
    await chu.say("#1 收到")
    await run_job(app, month_start, "2026-04", _at(2026, 4, 1, 9, 0))
    lines = transport.texts("group:响肠镇党建工作群")[-1].splitlines()
    assert lines[0] == "📅 4月工作安排"
    assert lines[1] == "本月到期任务（1）：#2 石关村余志强 完成村集体资产清查 4月15日前"
    assert lines[2] == "本月项目节点（1）：千佛塔村·党建引领征地搬迁攻坚：完成签约（4月30日）"
    assert "已逾期未办结任务（1）：#1 请水寨村储德胜 报送后备干部名单 3月20日到期" in lines
    assert not [line for line in lines if "#3" in line or "#4" in line or "完成拆除" in line]
