"""The calendar's reminders and lists and the project lifecycle: a project declared or returned for revision is
never asked for a report or listed, nor is an accepted one (销号) asked; 月初安排 lists every milestone due in the
month, 月中督办 names the overdue ones."""
from __future__ import annotations

import datetime as dt

from bot.app import App
from bot.console import ConsoleUser
from scheduler.jobs import deadline_reminder, mid_month, month_end_check, month_start
from tests.conftest import RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.lifecycle import add_milestone, at, project_id, set_status, township_project
from tests.support.chat import registered

GROUP = "响肠镇党建工作群"
REPORTERS = ("王建国", "江涛", "储德胜", "汪海波", "刘春华", "王芳", "余志强")
D = dt.date


async def people_and_group(app: App) -> dict[str, ConsoleUser]:
    """The reporters and a leader registered, and the township group bound."""
    people = {name: await registered(app, name) for name in (*REPORTERS, "胡立新", "程晓燕")}
    office = people["程晓燕"]
    office.enter_group(GROUP)
    await office.say("绑定 响肠镇")
    office.enter_private()
    return people


async def test_a_project_under_review_or_accepted_is_never_asked_for_a_report(
        app: App, transport: RecordingTransport) -> None:
    people = await people_and_group(app)
    await set_status(app, "declared", "XC-02")  # 千佛塔村's second project
    await set_status(app, "returned", "XC-06")  # 河西村's only project
    await set_status(app, "accepted", "XC-03")  # 请水寨村's only project, 销号
    await run_job(app, mid_month, "2026-03", at(2026, 3, 16, 9, 0))
    await run_job(app, month_end_check, "2026-03", at(2026, 3, 25, 9, 0))
    await run_job(app, deadline_reminder, "2026-03", at(2026, 3, 31, 16, 0))
    await run_job(app, month_start, "2026-04", at(2026, 4, 1, 9, 0))
    for name in ("王芳", "储德胜"):
        assert transport.texts(people[name].chat.id) == [], name
    told = "\n".join(transport.texts(people["王建国"].chat.id))
    assert "三步桥街人居环境治理示范点" in told and "征地搬迁" not in told
    supervision, arrangement = transport.texts(f"group:{GROUP}")[-2:]
    assert "本月月报：0个项目已报送，5个未报（3月31日截止）" in supervision
    assert "上月未报项目（5）：" in arrangement
    assert not [word for word in ("征地搬迁", "河西村", "请水寨村") if word in arrangement]


async def test_the_month_start_lists_every_milestone_due_in_the_month(
        app: App, transport: RecordingTransport) -> None:
    await people_and_group(app)
    own = await township_project(app, "XZ-01", "党群服务中心提升")
    await add_milestone(app, own, "完成改造设计", D(2026, 4, 20))  # the township's own project: was left out
    await add_milestone(app, await project_id(app, "XC-02"), "完成签约", D(2026, 4, 30))
    await add_milestone(app, await project_id(app, "XC-04"), "菜园划分到户", D(2026, 4, 10), at(2026, 3, 30, 15, 0))
    await add_milestone(app, await project_id(app, "XC-06"), "宣讲进组", D(2026, 4, 15))
    await set_status(app, "declared", "XC-06")  # under review: its plan's milestones are not yet work
    await run_job(app, month_start, "2026-04", at(2026, 4, 1, 9, 0))
    lines = transport.texts(f"group:{GROUP}")[-1].splitlines()
    assert lines[2].split("；") == [
        "本月项目节点（3）：龙潭村·打造“一米菜园”助推一二三产融合发展：菜园划分到户（4月10日，已完成）",
        "镇级·党群服务中心提升：完成改造设计（4月20日）", "千佛塔村·党建引领征地搬迁攻坚：完成签约（4月30日）"]


async def test_mid_month_names_overdue_milestones_of_approved_projects(
        app: App, transport: RecordingTransport) -> None:
    await people_and_group(app)
    await add_milestone(app, await project_id(app, "XC-02"), "完成入户摸底", D(2026, 3, 10))
    await add_milestone(app, await project_id(app, "XC-02"), "完成评估", D(2026, 3, 12), at(2026, 3, 12, 9, 0))
    await add_milestone(app, await project_id(app, "XC-04"), "完成选址", D(2026, 3, 16))  # due today: not yet late
    await add_milestone(app, await project_id(app, "XC-06"), "宣讲进组", D(2026, 3, 1))
    await set_status(app, "returned", "XC-06")
    await run_job(app, mid_month, "2026-03", at(2026, 3, 16, 9, 0))
    lines = transport.texts(f"group:{GROUP}")[-1].splitlines()
    assert "逾期未完成的项目节点（1）：千佛塔村·党建引领征地搬迁攻坚：完成入户摸底（3月10日到期）" in lines
