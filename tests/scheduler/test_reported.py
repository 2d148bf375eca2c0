"""Only a confirmed report is reported: not a draft, not a message whose project was never told — in the digest,
its 报送率 and trend, the 季通报, the 台账 and the "未报" lists; and "进度正常" counts reported projects only."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from openpyxl import load_workbook

from bot.app import App
from handlers.clock import FakeClock
from scheduler import digest
from scheduler.jobs import mid_month, month_start, monthly_digest, quarterly_bulletin
from scheduler.jobs._audience import directory_of
from storage.models import Report
from tests.conftest import CST, RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.records import file_report
from tests.support.chat import registered
from tests.support.rows import rows

PROJECTS = 8  # in the test registry


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


@pytest.fixture
def clock() -> FakeClock:
    """The year's first working week, so that January can be reported."""
    return FakeClock(_at(2026, 1, 5, 9, 0))


async def _march(app: App) -> None:
    """千佛塔村 confirms one project and leaves the other a draft; 汪海波 never says which of his two it was."""
    app.clock.set(_at(2026, 3, 20, 10, 0))
    await file_report(app, "王建国", "XC-01", "2026-03", 40, "三步桥街示范点本月进度40%")
    await file_report(app, "王建国", "XC-02", "2026-03", 70, "征地搬迁整体进度70%", confirm=False)
    await (await registered(app, "汪海波")).say("本月进度20%，完成了两个村民组的入户走访")  # which project? unanswered


async def test_a_draft_or_an_untold_project_is_not_reported(app: App, transport: RecordingTransport) -> None:
    hu = await registered(app, "胡立新")
    await _march(app)
    assert [r.project_id for r in await rows(app, Report, status="confirmed")] == [1]
    await run_job(app, monthly_digest, "2026-04", _at(2026, 4, 1, 10, 0))
    card, _, details = transport.texts(hu.chat.id)[-1].partition("\n\n")  # one message: the card on top
    assert f"{PROJECTS}个项目已报送1个（报送率12%）" in card
    assert "· 千佛塔村：1/2（50%）" in details and "· 龙潭村：0/2（0%）" in details
    assert "党建引领征地搬迁攻坚 未报/序时" in details and "（本月未报）" in details
    async with app.uow() as store:
        ctx = dataclasses.replace(app.job_context(), township_id=1)
        march = await digest.gather(store, await directory_of(ctx, store), 1, "2026-03", ctx.zone)
    assert march.trend[-1].reporting == 1 / PROJECTS  # the chart's line says what the text says
    # The bulletin scores 征地搬迁 as never reported: 0 of its 序时进度, weight 15 against 三步桥's 10.
    await run_job(app, quarterly_bulletin, "2026-04", _at(2026, 4, 7, 9, 0))
    bulletin = transport.texts(hu.chat.id)[-1]
    planned = round(100 * 89 / 364)  # 三步桥 on 31 March: 89 of 364 days from 1 January
    share = 10 * min(1, 40 / planned) / (10 + 15)
    assert f"千佛塔村 {100 * share:.1f}分｜项目 {100 * share:.0f}%（书记项目1个、领办事项1个）" in bulletin
    assert "⚠️ 龙潭村：本季度未报送项目进度" in bulletin


async def test_the_lists_of_unreported_projects_name_drafts_as_unconfirmed(
        app: App, transport: RecordingTransport) -> None:
    office = await registered(app, "程晓燕")
    office.enter_group("响肠镇党建工作群")
    await office.say("绑定 响肠镇")
    await _march(app)
    await run_job(app, mid_month, "2026-03", _at(2026, 3, 20, 11, 0))
    supervision = transport.texts(office.chat.id)[-1]  # mid-month nothing is late yet: counts, no names
    assert f"本月月报：1个项目已报送，1个已填报待确认，{PROJECTS - 2}个未报（3月31日截止）" in supervision
    assert "千佛塔村" not in supervision
    await run_job(app, month_start, "2026-04", _at(2026, 4, 1, 9, 0))
    arrangement = transport.texts(office.chat.id)[-1]
    assert f"上月未报项目（{PROJECTS - 1}）" in arrangement and "征地搬迁攻坚（已填报待确认）" in arrangement


async def test_the_ledger_shows_a_draft_month_as_not_reported(app: App, transport: RecordingTransport) -> None:
    hu = await registered(app, "胡立新")
    await _march(app)
    app.clock.set(_at(2026, 4, 2, 9, 0))
    await hu.say("台账 2026Q1")
    (workbook,) = transport.sent[-1][1]["attachments"]
    by_code = {row[1]: row for row in load_workbook(workbook["stored_path"])["项目台账"].iter_rows(
        min_row=2, values_only=True)}
    assert by_code["XC-01"][10] == 40 and by_code["XC-02"][10] == "未报"


async def test_on_schedule_counts_only_projects_reported_that_month(app: App, transport: RecordingTransport) -> None:
    hu = await registered(app, "胡立新")
    # January: every schedule has barely begun, so a project with no report at all is within 10 points of its
    # line and would look green; only 请水寨村 reports (on schedule), 千佛塔村's report stays a draft.
    app.clock.set(_at(2026, 1, 25, 10, 0))
    await file_report(app, "储德胜", "XC-03", "2026-01", 10, "后备干部队伍建设本月进度10%")
    await file_report(app, "王建国", "XC-01", "2026-01", 10, "三步桥街示范点本月进度10%", confirm=False)
    await run_job(app, monthly_digest, "2026-02", _at(2026, 2, 2, 10, 0))
    card = transport.texts(hu.chat.id)[-1].partition("\n\n")[0]
    assert "8个项目已报送1个" in card and "已报送的项目中进度正常1个、需关注0个、滞后0个。" in card
