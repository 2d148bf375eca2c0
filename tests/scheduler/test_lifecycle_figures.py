"""The digest and the 季通报 count approved projects only, show 书记项目 and 领办事项 apart, and measure a project
with dated milestones against them (序时进度 as a step)."""
from __future__ import annotations

import datetime as dt

from bot.app import App
from scheduler.jobs import monthly_digest, quarterly_bulletin
from tests.conftest import RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.lifecycle import add_milestone, at, project_id, set_status
from tests.scheduler.records import file_report
from tests.scheduler.test_lifecycle_calendar import people_and_group

D = dt.date


async def test_a_project_under_review_is_in_no_digest_ranking_or_score(
        app: App, transport: RecordingTransport) -> None:
    people = await people_and_group(app)
    await set_status(app, "declared", "XC-02")
    await set_status(app, "returned", "XC-06")
    app.clock.set(at(2026, 3, 20, 10, 0))
    await file_report(app, "王建国", "XC-01", "2026-03", 40, "三步桥街示范点本月进度40%")
    await file_report(app, "王建国", "XC-02", "2026-03", 0, "征地搬迁整体进度0%，存在问题：补偿标准未定",
                      problems="补偿标准未定")  # filed on a declared project: still not counted
    await file_report(app, "王芳", "XC-06", "2026-03", 5, "移风易俗本月进度5%")
    await run_job(app, monthly_digest, "2026-04", at(2026, 4, 1, 10, 0))
    card, _, details = transport.texts(people["胡立新"].chat.id)[-1].partition("\n\n")
    assert "2026年3月，6个项目已报送1个（报送率17%）" in card
    assert "按类型：书记项目4个（已报送0个），领办事项2个（已报送1个）。" in card
    assert "河西村" not in card and "河西村" not in details  # its only project is back with its secretary
    assert "征地搬迁" not in details and "补偿标准未定" not in details
    await run_job(app, quarterly_bulletin, "2026-04", at(2026, 4, 7, 9, 0))
    bulletin = transport.texts(people["胡立新"].chat.id)[-1]
    # 千佛塔村 is scored on 三步桥 alone (40% of a scheduled 24%): full marks, whatever 征地搬迁 said.
    assert "千佛塔村 100.0分｜项目 100%（领办事项1个） · 任务 — · 事件 —" in bulletin
    assert "河西村 0.0分｜项目 — · 任务 — · 事件 —" in bulletin
    assert "（项目：书记项目4个、领办事项2个）" in bulletin


async def test_milestones_set_the_schedule_in_the_digest_and_the_bulletin(
        app: App, transport: RecordingTransport) -> None:
    people = await people_and_group(app)
    gorge = await project_id(app, "XC-08")  # 龙潭峡谷, due 31 August: the line says 37% on 31 March
    await add_milestone(app, gorge, "游客中心主体完工", D(2026, 3, 15))
    await add_milestone(app, gorge, "景区道路硬化", D(2026, 6, 30))
    app.clock.set(at(2026, 3, 20, 10, 0))
    await file_report(app, "汪海波", "XC-08", "2026-03", 30, "龙潭峡谷本月进度30%")
    await file_report(app, "汪海波", "XC-04", "2026-03", 30, "一米菜园本月进度30%")
    await run_job(app, monthly_digest, "2026-04", at(2026, 4, 1, 10, 0))
    details = transport.texts(people["胡立新"].chat.id)[-1].partition("\n\n")[2]
    assert "🟡 龙潭峡谷乡村旅游开发 30%/序时50%" in details  # one of two milestones due: 50%, 20 points behind
    assert details.index("〔书记项目（6个）〕") < details.index("〔领办事项（2个）〕") < details.index("龙潭峡谷")
    await run_job(app, quarterly_bulletin, "2026-04", at(2026, 4, 7, 9, 0))
    bulletin = transport.texts(people["胡立新"].chat.id)[-1]
    # 一米菜园 30% of a straight 27% (weight 15), the gorge 30% of its stepped 50% (weight 10; the line's 37%
    # would give 92.4).
    assert "龙潭村 84.0分｜项目 84%（书记项目1个、领办事项1个）" in bulletin
    assert "有节点的按节点计" in bulletin
