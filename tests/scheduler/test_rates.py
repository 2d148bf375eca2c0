"""报送率, tasks on time and issues in time: the month's digest text, its trend chart and the 季通报 give the same
numbers for the same records, including the cases where counting differently would disagree."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from bot.app import App
from handlers.clock import FakeClock
from scheduler import digest
from scheduler.jobs import monthly_digest, quarterly_bulletin
from scheduler.jobs._audience import directory_of
from tests.conftest import CST, RecordingTransport
from tests.scheduler.job_runs import run_job
from tests.scheduler.records import file_report
from tests.support.chat import registered

CARD = re.compile(r"(\d+)个项目已报送(\d+)个.*本月到期任务(\d+)项，按期办结(\d+)项.*本月到期(\d+)件，限时办结(\d+)件")
RANKED = re.compile(r"^\d+\. (\S+) [\d.]+分｜.*任务 (?:(\d+)/(\d+)|—) · 事件 (?:(\d+)/(\d+)|—)｜", re.MULTILINE)
MONTHS = ("2026-01", "2026-02", "2026-03")


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


@pytest.fixture
def clock() -> FakeClock:
    """The year's first working week, so that the whole quarter can happen."""
    return FakeClock(_at(2026, 1, 5, 9, 0))


async def _first_quarter(app: App) -> None:
    """Reports, drafts, hand-offs and grid issues through March 2026."""
    people = ("程晓燕", "王建国", "储德胜", "汪海波", "吴桂英", "李明亮")
    say = {name: (await registered(app, name)).say for name in people}  # one user each: message keys stay unique
    await say["程晓燕"]("@余志强 请于3月10日前完成村集体资产清查")  # #1 never done
    await say["程晓燕"]("@王建国 请于3月10日前完成征地摸底")  # #2 done on time
    await say["程晓燕"]("@储德胜 请于4月10日前报送后备干部名单")  # #3 done in March, due in April
    await say["程晓燕"]("@汪海波 请于3月20日前上报菜园用地台账")  # #4 done five days late
    await say["王建国"]("#2 已办结")
    app.clock.set(_at(2026, 3, 5, 15, 0))
    await say["吴桂英"]("一组路边垃圾堆了好几天没人清理，味道很大")  # #E1: resolved in time
    await say["王建国"]("#E1 受理")
    await say["吴桂英"]("#E1 已办结，保洁员已清运")
    await say["李明亮"]("三组两户人家因为排水沟吵起来了，需要调解")  # #E2: never resolved
    app.clock.set(_at(2026, 3, 20, 10, 0))
    await say["储德胜"]("#3 已办结")
    await file_report(app, "王建国", "XC-01", "2026-03", 40, "三步桥街示范点本月进度40%")
    await file_report(app, "王建国", "XC-02", "2026-03", 70, "征地搬迁整体进度70%")
    await file_report(app, "汪海波", "XC-04", "2026-03", 20, "一米菜园本月进度20%", confirm=False)
    app.clock.set(_at(2026, 3, 25, 10, 0))
    await say["汪海波"]("#4 已办结")


def _share(met: int, due: int) -> float | None:
    return met / due if due else None


async def test_the_digest_the_trend_and_the_bulletin_count_alike(app: App, transport: RecordingTransport) -> None:
    hu = await registered(app, "胡立新")
    await _first_quarter(app)
    await run_job(app, monthly_digest, "2026-04", _at(2026, 4, 1, 10, 0))
    (march_card,) = [t for t in transport.texts(hu.chat.id) if t.startswith("📊 响肠镇2026年3月")]
    counts = tuple(int(n) for n in CARD.search(march_card).groups())  # type: ignore[union-attr]
    # 2 of 8 reported (the draft is not); #1, #2 and #4 fell due in March, #2 alone on time (#3 is April's);
    # #E1 and #E2 fell due in March, #E1 alone in time.
    assert counts == (8, 2, 3, 1, 2, 1)
    async with app.uow() as store:
        ctx = dataclasses.replace(app.job_context(), township_id=1)
        march = await digest.gather(store, await directory_of(ctx, store), 1, "2026-03", ctx.zone)
    assert [p.period for p in march.trend] == list(MONTHS)
    assert (march.trend[-1].reporting, march.trend[-1].tasks, march.trend[-1].issues) == (2 / 8, 1 / 3, 1 / 2)
    await run_job(app, quarterly_bulletin, "2026-04", _at(2026, 4, 7, 9, 0))
    bulletin = transport.texts(hu.chat.id)[-1]
    ranked = {village: [int(n or 0) for n in numbers] for village, *numbers in RANKED.findall(bulletin)}
    assert len(ranked) == 6
    # Nothing fell due in January or February, so the quarter's counts are March's, village by village.
    assert [sum(column) for column in zip(*ranked.values(), strict=True)] == [1, 3, 1, 2]
    assert ranked["千佛塔村"] == [1, 1, 1, 1] and ranked["请水寨村"] == [0, 0, 0, 0]


async def test_each_months_text_matches_its_point_on_the_trend(app: App, transport: RecordingTransport) -> None:
    hu = await registered(app, "胡立新")
    app.clock.set(_at(2026, 1, 26, 10, 0))
    await file_report(app, "储德胜", "XC-03", "2026-01", 10, "后备干部队伍建设本月进度10%")
    await file_report(app, "王芳", "XC-06", "2026-01", 8, "移风易俗本月进度8%", confirm=False)
    await run_job(app, monthly_digest, "2026-02", _at(2026, 2, 2, 10, 0))
    await _first_quarter(app)
    await run_job(app, monthly_digest, "2026-04", _at(2026, 4, 1, 10, 0))
    cards = {f"{int(m[1])}-{int(m[2]):02d}": t for t in transport.texts(hu.chat.id)
             if (m := re.match(r"📊 响肠镇(\d{4})年(\d{1,2})月", t))}
    async with app.uow() as store:
        ctx = dataclasses.replace(app.job_context(), township_id=1)
        trend = (await digest.gather(store, await directory_of(ctx, store), 1, "2026-03", ctx.zone)).trend
    for point in trend:
        if point.period not in cards:  # February had nothing to report on: no digest went out
            assert point.reporting == 0 and point.tasks is None and point.issues is None
            continue
        projects, reported, tasks, on_time, issues, in_time = map(int, CARD.search(cards[point.period]).groups())  # type: ignore
        assert (point.reporting, point.tasks, point.issues) == (
            _share(reported, projects), _share(on_time, tasks), _share(in_time, issues)), point.period
    assert trend[0].reporting == 1 / 8  # January: 请水寨村's confirmed report, not 河西村's draft
